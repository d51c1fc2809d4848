import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the Duly checkout: the folder above `scripts/`. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const LEDGER_FILE_NAME = 'ar-late-payment-histories.csv';

/**
 * Finds the real AR ledger that the demo and the end-to-end test import: `DULY_LEDGER_FILE`
 * when set, else `shared/data/` in the folder that holds the checkout. Throws an error
 * naming every place it looked.
 */
export function findLedgerFile(env = process.env) {
  if (env.DULY_LEDGER_FILE) {
    const file = path.resolve(env.DULY_LEDGER_FILE);
    if (!existsSync(file)) {
      throw new Error(`DULY_LEDGER_FILE=${env.DULY_LEDGER_FILE}: no such file.`);
    }
    return file;
  }

  const beside = path.resolve(repoRoot, '..', 'shared', 'data', LEDGER_FILE_NAME);
  if (existsSync(beside)) return beside;
  throw new Error(
    `The ledger ${LEDGER_FILE_NAME} was not found at ${beside}. ` +
      'Set DULY_LEDGER_FILE to the path of the CSV file.',
  );
}
