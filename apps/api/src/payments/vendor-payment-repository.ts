import type { Db } from '../db/index.js';
import type { RefundRow } from './refund-ledger.js';

/** Lists every refund of a payment, oldest first, ties by id. */
export async function listPaymentRefunds(db: Db, paymentId: string): Promise<RefundRow[]> {
  return db
    .selectFrom('refund')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
