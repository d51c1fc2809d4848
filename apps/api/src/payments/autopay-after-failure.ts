import type { Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import type { PaymentRow } from './payment-repository.js';

/**
 * NACHA return codes after which the account can never be debited again: closed (R02), no
 * account (R03), invalid account number (R04). A debit after R01 (insufficient funds) may pass.
 */
const PERMANENT_RETURN_CODES: ReadonlySet<string> = new Set(['R02', 'R03', 'R04']);

/**
 * Pauses autopay on the account of a failed bank debit, so the next invoice is not debited
 * into the same failure, and disables the account for good when the return code means it
 * is gone. The customer turns autopay on again, with another account if need be.
 */
export async function stopAutopayAfterBankFailure(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
): Promise<void> {
  const code = payment.failure_code;
  if (payment.method_type !== 'us_bank_account' || payment.payment_method_id === null) return;
  if (code === null) return;
  const scope = eventScope(payment, now);

  if (PERMANENT_RETURN_CODES.has(code)) {
    const disabled = await trx
      .updateTable('payment_method')
      .set({ disabled_reason: code })
      .where('id', '=', payment.payment_method_id)
      .where('disabled_reason', 'is', null)
      .returning(['id', 'customer_id'])
      .executeTakeFirst();
    if (disabled !== undefined) {
      await recordEvent(trx, {
        ...scope,
        type: 'payment_method.disabled',
        objectId: disabled.id,
        data: {
          id: disabled.id,
          customer: disabled.customer_id,
          reason: code,
          payment: payment.id,
        },
      });
    }
  }

  await pauseAutopayOnMethod(trx, now, payment.payment_method_id, code, payment.id);
}

/** Pauses every active autopay that charges `methodId`, naming the reason. */
export async function pauseAutopayOnMethod(
  trx: Trx,
  now: Date,
  methodId: string,
  reason: string,
  paymentId: string | null,
): Promise<void> {
  const paused = await trx
    .updateTable('autopay')
    .set({ status: 'paused', paused_reason: reason, paused_at: now, updated_at: now })
    .where('payment_method_id', '=', methodId)
    .where('status', '=', 'active')
    .returning(['customer_id', 'vendor_id', 'livemode'])
    .execute();
  for (const autopay of paused) {
    await recordEvent(trx, {
      ...eventScope(autopay, now),
      type: 'autopay.paused',
      objectId: autopay.customer_id,
      data: { customer: autopay.customer_id, payment_method: methodId, reason, payment: paymentId },
    });
  }
}
