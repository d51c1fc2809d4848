import path from 'node:path';
import { findWorkspaceRoot } from '../workspace.js';

/**
 * Returns the path of the reference AR ledger that the tests and the demo import: IBM's
 * public "late payment histories" sample, 2,466 invoices, kept in `shared/data/` beside
 * the checkout rather than inside it.
 */
export function referenceLedgerPath(): string {
  return path.resolve(findWorkspaceRoot(), '..', 'shared', 'data', 'ar-late-payment-histories.csv');
}
