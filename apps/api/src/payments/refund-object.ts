import type { Refund } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { RefundRow } from './refund-ledger.js';

/** Maps a refund row to the API object; refunds are in their payment's currency. */
export function toRefund(row: RefundRow, currency: string): Refund {
  return {
    object: 'refund',
    id: row.id,
    payment: row.payment_id,
    amount: toAmount(row.amount),
    currency,
    status: row.status,
    reason: row.reason,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}
