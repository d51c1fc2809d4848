import { sql } from 'kysely';
import { type Trx, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import type { PaymentRow } from './payment-repository.js';

/** Locks invoices in id order, the order every money-moving transaction uses. */
export async function lockInvoices(trx: Trx, invoiceIds: string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await trx
    .selectFrom('invoice')
    .select('id')
    .where('id', 'in', invoiceIds)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** The cause of taking a payment's money back off its invoices. */
export type ReversalCause = 'refunded' | 'returned' | 'chargeback_lost';

/**
 * Takes `amount` (or all of it) of a succeeded payment back, unapplied part first: the
 * payment's share of the customer's credit (`amount_unapplied`) goes down before any
 * invoice reopens, and the rest comes off its invoices as `reverseApplications` does. The
 * payment row must be locked by the caller. Returns the amount taken back, which is less
 * than requested only when the payment has less left.
 */
export async function takeBackPayment(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  amount: number | 'all',
  cause: ReversalCause,
): Promise<number> {
  const unapplied = toAmount(payment.amount_unapplied);
  const fromUnapplied = amount === 'all' ? unapplied : Math.min(amount, unapplied);
  if (fromUnapplied > 0) {
    await trx
      .updateTable('payment')
      .set({ amount_unapplied: sql`amount_unapplied - ${fromUnapplied}`, updated_at: now })
      .where('id', '=', payment.id)
      .execute();
  }

  const rest = amount === 'all' ? 'all' : amount - fromUnapplied;
  if (rest === 0) return fromUnapplied;
  return fromUnapplied + (await reverseApplications(trx, now, payment, rest, cause));
}

/**
 * Takes `amount` (or everything still applied) of a succeeded payment back off its
 * invoices: the invoice due last first, so that the oldest debts stay paid longest. Each
 * invoice's `amount_due` rises by what comes off it and a paid invoice reopens. Returns the
 * amount taken back, which is less than asked only when less was still applied.
 */
export async function reverseApplications(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  amount: number | 'all',
  cause: ReversalCause,
): Promise<number> {
  const applications = await trx
    .selectFrom('payment_application')
    .innerJoin('invoice', 'invoice.id', 'payment_application.invoice_id')
    .select([
      'payment_application.id',
      'payment_application.invoice_id',
      'payment_application.amount',
      'payment_application.amount_reversed',
    ])
    .where('payment_application.payment_id', '=', payment.id)
    .orderBy('invoice.due_date', 'desc')
    .orderBy('invoice.number', 'desc')
    .execute();
  await lockInvoices(
    trx,
    applications.map((application) => application.invoice_id),
  );

  let left = amount === 'all' ? Number.POSITIVE_INFINITY : amount;
  let reversed = 0;
  for (const application of applications) {
    const applied = Number(application.amount) - Number(application.amount_reversed);
    const take = Math.min(left, applied);
    if (take <= 0) continue;
    left -= take;
    reversed += take;

    await trx
      .updateTable('payment_application')
      .set({ amount_reversed: sql`amount_reversed + ${take}` })
      .where('id', '=', application.id)
      .execute();
    const before = await trx
      .selectFrom('invoice')
      .select('status')
      .where('id', '=', application.invoice_id)
      .executeTakeFirstOrThrow();
    const invoice = await trx
      .updateTable('invoice')
      .set({
        amount_due: sql`amount_due + ${take}`,
        status: sql`CASE WHEN status = 'paid' THEN 'open' ELSE status END`,
        paid_at: sql`CASE WHEN status = 'paid' THEN NULL ELSE paid_at END`,
        updated_at: now,
      })
      .where('id', '=', application.invoice_id)
      .returning(['id', 'status', 'amount_due'])
      .executeTakeFirstOrThrow();

    const scope = eventScope(payment, now);
    await recordEvent(trx, {
      ...scope,
      type: 'invoice.payment_reversed',
      objectId: invoice.id,
      data: {
        invoice: invoice.id,
        payment: payment.id,
        amount: take,
        cause,
        amount_due: Number(invoice.amount_due),
        status: invoice.status,
      },
    });
    if (before.status === 'paid') {
      await recordEvent(trx, {
        ...scope,
        type: 'invoice.reopened',
        objectId: invoice.id,
        data: {
          invoice: invoice.id,
          payment: payment.id,
          cause,
          amount_due: Number(invoice.amount_due),
        },
      });
    }
  }
  return reversed;
}
