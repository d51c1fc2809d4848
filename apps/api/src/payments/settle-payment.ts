import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import type { ChargeOutcome } from '../providers/index.js';
import { listApplications, lockPayment, type PaymentRow } from './payment-repository.js';

/**
 * Step 3 of moving money, the one place a payment's outcome reaches the ledger: the
 * sandbox calls it right after the charge, provider webhooks call it later. On success it
 * lowers each invoice's `amount_due` and `amount_pending` and marks an invoice paid when
 * nothing is left due. On failure it releases the reserved `amount_pending`. A payment
 * that is no longer pending is returned unchanged, so a repeated webhook changes nothing.
 */
export async function settlePayment(
  db: Db,
  clock: Clock,
  paymentId: string,
  outcome: ChargeOutcome,
): Promise<PaymentRow> {
  return db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, paymentId);
    if (payment === undefined) throw new Error(`Cannot settle unknown payment ${paymentId}.`);
    if (payment.status !== 'pending' && payment.status !== 'requires_action') return payment;

    const now = clock.now();
    if (outcome.status === 'pending') {
      return trx
        .updateTable('payment')
        .set({
          status: 'pending',
          next_action: null,
          provider_ref: outcome.providerRef,
          updated_at: now,
        })
        .where('id', '=', paymentId)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    if (outcome.status === 'requires_action') {
      // The reserved amounts stay reserved while the customer answers the challenge.
      const updated = await trx
        .updateTable('payment')
        .set({
          status: 'requires_action',
          next_action: outcome.nextAction,
          provider_ref: outcome.providerRef,
          updated_at: now,
        })
        .where('id', '=', paymentId)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (payment.status !== 'requires_action') {
        await recordEvent(trx, {
          vendorId: payment.vendor_id,
          livemode: payment.livemode,
          type: 'payment.requires_action',
          objectId: payment.id,
          data: { id: payment.id, status: 'requires_action', next_action: outcome.nextAction.type },
          createdAt: now,
        });
      }
      return updated;
    }

    // Invoices are locked in id order, the order every money-moving transaction uses.
    const applications = await listApplications(trx, [paymentId]);
    const invoiceIds = applications.map((application) => application.invoice_id);
    await trx
      .selectFrom('invoice')
      .select('id')
      .where('id', 'in', invoiceIds)
      .orderBy('id')
      .forUpdate()
      .execute();

    if (outcome.status === 'succeeded') {
      await applyToInvoices(trx, payment, applications, now);
      return finishPayment(trx, payment, now, {
        status: 'succeeded',
        provider_ref: outcome.providerRef,
        succeeded_at: now,
      });
    }
    await releaseFromInvoices(trx, payment, applications, now);
    if (outcome.status === 'canceled') {
      return finishPayment(trx, payment, now, {
        status: 'canceled',
        provider_ref: outcome.providerRef ?? payment.provider_ref,
      });
    }
    return finishPayment(trx, payment, now, {
      status: 'failed',
      provider_ref: outcome.providerRef,
      failure_code: outcome.failureCode,
      failure_message: outcome.failureMessage,
      failed_at: now,
    });
  });
}

type Application = Awaited<ReturnType<typeof listApplications>>[number];

async function applyToInvoices(
  trx: Trx,
  payment: PaymentRow,
  applications: Application[],
  now: Date,
): Promise<void> {
  for (const application of applications) {
    const invoice = await trx
      .updateTable('invoice')
      .set({
        amount_due: sql`amount_due - ${application.amount}`,
        amount_pending: sql`amount_pending - ${application.amount}`,
        status: sql`CASE WHEN amount_due - ${application.amount} = 0 THEN 'paid' ELSE status END`,
        paid_at: sql`CASE WHEN amount_due - ${application.amount} = 0 THEN ${now}::timestamptz ELSE paid_at END`,
        updated_at: now,
      })
      .where('id', '=', application.invoice_id)
      .returning(['id', 'status', 'amount_due'])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      vendorId: payment.vendor_id,
      livemode: payment.livemode,
      type: invoice.status === 'paid' ? 'invoice.paid' : 'invoice.payment_applied',
      objectId: invoice.id,
      data: {
        invoice: invoice.id,
        payment: payment.id,
        amount: Number(application.amount),
        amount_due: Number(invoice.amount_due),
        status: invoice.status,
      },
      createdAt: now,
    });
  }
}

async function releaseFromInvoices(
  trx: Trx,
  payment: PaymentRow,
  applications: Application[],
  now: Date,
): Promise<void> {
  for (const application of applications) {
    await trx
      .updateTable('invoice')
      .set({ amount_pending: sql`amount_pending - ${application.amount}`, updated_at: now })
      .where('id', '=', application.invoice_id)
      .execute();
    await recordEvent(trx, {
      vendorId: payment.vendor_id,
      livemode: payment.livemode,
      type: 'invoice.payment_released',
      objectId: application.invoice_id,
      data: {
        invoice: application.invoice_id,
        payment: payment.id,
        amount: Number(application.amount),
      },
      createdAt: now,
    });
  }
}

async function finishPayment(
  trx: Trx,
  payment: PaymentRow,
  now: Date,
  changes: Partial<
    Pick<
      PaymentRow,
      'status' | 'provider_ref' | 'succeeded_at' | 'failure_code' | 'failure_message' | 'failed_at'
    >
  >,
): Promise<PaymentRow> {
  const updated = await trx
    .updateTable('payment')
    .set({ ...changes, next_action: null, updated_at: now })
    .where('id', '=', payment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    vendorId: payment.vendor_id,
    livemode: payment.livemode,
    type: `payment.${updated.status as 'succeeded' | 'failed' | 'canceled'}`,
    objectId: payment.id,
    data: {
      id: payment.id,
      status: updated.status,
      amount: Number(updated.amount),
      currency: updated.currency,
      failure_code: updated.failure_code,
    },
    createdAt: now,
  });
  return updated;
}
