import type { CreditRequest } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { CreditRequestRow } from './credit-request-repository.js';

/** Maps a credit request row to its API object. */
export function toCreditRequest(row: CreditRequestRow): CreditRequest {
  return {
    object: 'credit_request',
    id: row.id,
    customer: row.customer_id,
    currency: row.currency,
    amount: toAmount(row.amount),
    reason: row.reason,
    status: row.status,
    amount_approved: row.amount_approved === null ? null : toAmount(row.amount_approved),
    decision_note: row.decision_note,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    decided_at: row.decided_at?.toISOString() ?? null,
  };
}
