import type { Selectable } from 'kysely';
import type { AutopayTable, Db, Trx } from '../db/index.js';
import type { Payer } from '../payments/payer.js';

export type AutopayRow = Selectable<AutopayTable>;

/** A customer's autopay with the time its mandate was accepted. */
export interface AutopayWithMandate extends AutopayRow {
  mandate_accepted_at: Date | null;
}

/** Finds the customer's autopay, which exists once the customer first turned it on. */
export async function findAutopay(
  db: Db | Trx,
  payer: Payer,
): Promise<AutopayWithMandate | undefined> {
  return db
    .selectFrom('autopay')
    .leftJoin('mandate', 'mandate.id', 'autopay.mandate_id')
    .selectAll('autopay')
    .select('mandate.accepted_at as mandate_accepted_at')
    .where('autopay.customer_id', '=', payer.customerId)
    .where('autopay.vendor_id', '=', payer.vendorId)
    .where('autopay.livemode', '=', payer.livemode)
    .executeTakeFirst();
}

/**
 * Finds the failed payment that paused the autopay: the latest one on its payment method
 * that failed with the pause's reason, at or before the pause. A pause without a failed
 * payment, such as the provider closing the account, has none.
 */
export async function findPausingPayment(
  db: Db | Trx,
  autopay: AutopayRow,
): Promise<string | undefined> {
  if (autopay.status !== 'paused' || autopay.payment_method_id === null) return undefined;
  if (autopay.paused_at === null || autopay.paused_reason === null) return undefined;
  const row = await db
    .selectFrom('payment')
    .select('id')
    .where('customer_id', '=', autopay.customer_id)
    .where('payment_method_id', '=', autopay.payment_method_id)
    .where('status', '=', 'failed')
    .where('failure_code', '=', autopay.paused_reason)
    .where('failed_at', '<=', autopay.paused_at)
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Writes the customer's autopay, creating the row on the first change. */
export async function saveAutopay(trx: Trx, row: AutopayRow): Promise<void> {
  const { customer_id: _customerId, ...changes } = row;
  await trx
    .insertInto('autopay')
    .values(row)
    .onConflict((conflict) => conflict.column('customer_id').doUpdateSet(changes))
    .execute();
}
