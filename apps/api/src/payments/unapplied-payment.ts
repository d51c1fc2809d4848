import type { ApplyPaymentRequest, Payment } from '@duly/core';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { type Db, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { applyToInvoice } from './apply-to-invoice.js';
import {
  checkTargetAmount,
  checkTargetCurrency,
  describeAmount,
  lockOpenTargetInvoices,
  rejectDuplicateTargets,
  sumTargets,
} from './invoice-targets.js';
import { paymentNotFound } from './payment-errors.js';
import { toPayment } from './payment-object.js';
import { listApplications, lockPayment } from './payment-repository.js';
import { findTenantPaymentOrThrow } from './vendor-payment-service.js';

/**
 * `POST /v1/payments/:id/applications`: applies what a succeeded payment left unapplied
 * (the customer's credit balance from it) to invoices of its customer. An invoice the
 * payment already pays gets its application raised; others get a new one. The invoices are
 * locked first, in id order, then the payment. Throws `credit_exceeds_balance` when the
 * payment has not succeeded or the invoices take more than it left unapplied, besides the
 * checks of each invoice, and changes nothing when it throws.
 */
export async function applyUnappliedPayment(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  paymentId: string,
  request: ApplyPaymentRequest,
): Promise<Payment> {
  rejectDuplicateTargets(request.invoices);
  const total = sumTargets(request.invoices);
  const found = await findTenantPaymentOrThrow(db, tenant, paymentId);

  await db.transaction().execute(async (trx) => {
    const invoices = await lockOpenTargetInvoices(trx, tenant, found.customer_id, request.invoices);
    const payment = await lockPayment(trx, paymentId);
    if (payment === undefined) throw paymentNotFound(paymentId);
    const unapplied = toAmount(payment.amount_unapplied);
    if (payment.status !== 'succeeded') {
      throw new ApiError(
        'credit_exceeds_balance',
        `Payment ${payment.id} is ${payment.status}; only what a succeeded payment left unapplied is credit that can be applied.`,
        { param: 'invoices' },
      );
    }
    invoices.forEach((invoice, index) => {
      checkTargetCurrency(invoice, index, payment.currency, `payment ${payment.id}`);
      checkTargetAmount(invoice, index, request.invoices[index]?.amount ?? 0);
    });
    if (total > unapplied) {
      throw new ApiError(
        'credit_exceeds_balance',
        `The invoices take ${describeAmount(total, payment.currency)} but payment ${payment.id} has only ${describeAmount(unapplied, payment.currency)} unapplied.`,
        { param: 'invoices' },
      );
    }

    const now = clock.now();
    for (const line of request.invoices) {
      // One application per payment and invoice: a second one raises the first.
      await trx
        .insertInto('payment_application')
        .values({
          payment_id: payment.id,
          invoice_id: line.invoice,
          amount: line.amount,
          created_at: now,
        })
        .onConflict((conflict) =>
          conflict.columns(['payment_id', 'invoice_id']).doUpdateSet({
            amount: sql`payment_application.amount + excluded.amount`,
          }),
        )
        .execute();
      await applyToInvoice(trx, payment, now, {
        invoiceId: line.invoice,
        amount: line.amount,
        pendingSettled: 0,
        paidBy: { payment: payment.id },
      });
    }
    await trx
      .updateTable('payment')
      .set({ amount_unapplied: sql`amount_unapplied - ${total}`, updated_at: now })
      .where('id', '=', payment.id)
      .execute();
    await recordEvent(trx, {
      ...eventScope(payment, now),
      type: 'payment.applied',
      objectId: payment.id,
      data: {
        id: payment.id,
        customer: payment.customer_id,
        currency: payment.currency,
        applications: request.invoices,
        amount_unapplied: unapplied - total,
      },
    });
  });

  const row = await findTenantPaymentOrThrow(db, tenant, paymentId);
  return toPayment(row, await listApplications(db, [row.id]));
}
