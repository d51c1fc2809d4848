import { sql } from 'kysely';
import type { Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';

/** The source of an invoice's payment: a payment's application or a credit note's. */
export type InvoicePayer = { payment: string } | { credit_note: string };

/** One amount to put on one invoice. */
export interface InvoiceApplication {
  invoiceId: string;
  amount: number;
  /**
   * The part of `amount` that a reservation had already held in `amount_pending`: all of it
   * when a reserved payment succeeds, 0 for money applied at once (offline payments, credit).
   */
  pendingSettled: number;
  paidBy: InvoicePayer;
}

/**
 * Lowers an invoice's `amount_due` by the application's amount and marks the invoice paid
 * when nothing is left due, then records `invoice.paid` or `invoice.payment_applied`. The
 * caller holds the invoice's row lock in `trx` and has checked that the amount is payable;
 * the table's CHECK constraints reject anything more.
 */
export async function applyToInvoice(
  trx: Trx,
  tenant: { vendor_id: string; livemode: boolean },
  now: Date,
  application: InvoiceApplication,
): Promise<{ id: string; status: string; amount_due: number }> {
  const { invoiceId, amount, pendingSettled } = application;
  const invoice = await trx
    .updateTable('invoice')
    .set({
      amount_due: sql`amount_due - ${amount}`,
      amount_pending: sql`amount_pending - ${pendingSettled}`,
      status: sql`CASE WHEN amount_due - ${amount} = 0 THEN 'paid' ELSE status END`,
      paid_at: sql`CASE WHEN amount_due - ${amount} = 0 THEN ${now}::timestamptz ELSE paid_at END`,
      updated_at: now,
    })
    .where('id', '=', invoiceId)
    .returning(['id', 'status', 'amount_due'])
    .executeTakeFirstOrThrow();

  const amountDue = Number(invoice.amount_due);
  await recordEvent(trx, {
    ...eventScope(tenant, now),
    type: invoice.status === 'paid' ? 'invoice.paid' : 'invoice.payment_applied',
    objectId: invoice.id,
    data: {
      invoice: invoice.id,
      ...application.paidBy,
      amount,
      amount_due: amountDue,
      status: invoice.status,
    },
  });
  return { id: invoice.id, status: invoice.status, amount_due: amountDue };
}
