import { sql, type Updateable } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, PaymentTable, Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import type { ChargeOutcome } from '../providers/index.js';
import { applyToInvoice } from './apply-to-invoice.js';
import { stopAutopayAfterBankFailure } from './autopay-after-failure.js';
import {
  type ApplicationRow,
  listApplications,
  lockPayment,
  type PaymentRow,
} from './payment-repository.js';
import { lockInvoices, takeBackPayment } from './reverse-applications.js';

/**
 * Step 3 of moving money, the one place a payment's outcome reaches the ledger: the
 * sandbox calls it right after the charge, provider webhooks call it later. On success it
 * lowers each invoice's `amount_due` and `amount_pending` and marks an invoice paid when
 * nothing is left due. On failure it releases the reserved `amount_pending`. A bank debit
 * that fails after it succeeded (a return) takes back what it paid. Any other outcome for a
 * payment that is no longer pending changes nothing, so a repeated or late webhook is safe.
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
    return settleLockedPayment(trx, clock.now(), payment, outcome);
  });
}

/** `settlePayment` inside the caller's transaction, with the payment row already locked. */
export async function settleLockedPayment(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  outcome: ChargeOutcome,
): Promise<PaymentRow> {
  if (payment.status === 'succeeded' && outcome.status === 'failed') {
    return payment.method_type === 'us_bank_account'
      ? returnPayment(trx, now, payment, outcome)
      : payment;
  }
  if (payment.status !== 'pending' && payment.status !== 'requires_action') return payment;

  if (outcome.status === 'pending') {
    return updatePayment(trx, now, payment.id, {
      status: 'pending',
      next_action: null,
      provider_ref: outcome.providerRef,
    });
  }
  if (outcome.status === 'requires_action') {
    // The reserved amounts stay reserved while the customer completes the challenge.
    const updated = await updatePayment(trx, now, payment.id, {
      status: 'requires_action',
      next_action: outcome.nextAction,
      provider_ref: outcome.providerRef,
    });
    if (payment.status !== 'requires_action') {
      await recordEvent(trx, {
        ...eventScope(payment, now),
        type: 'payment.requires_action',
        objectId: payment.id,
        data: { id: payment.id, status: 'requires_action', next_action: outcome.nextAction.type },
      });
    }
    return updated;
  }

  const applications = await listApplications(trx, [payment.id]);
  await lockInvoices(
    trx,
    applications.map((application) => application.invoice_id),
  );

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
  const failed = await finishPayment(trx, payment, now, {
    status: 'failed',
    provider_ref: outcome.providerRef ?? payment.provider_ref,
    failure_code: outcome.failureCode,
    failure_message: outcome.failureMessage,
    failed_at: now,
  });
  await stopAutopayAfterBankFailure(trx, now, failed);
  return failed;
}

/**
 * A bank's return of a debit that had succeeded (R01 insufficient funds, R02 account
 * closed, ...): the credit it left unapplied is gone, what it still paid goes back on its
 * invoices, which reopen, and the payment is failed with the return code.
 */
async function returnPayment(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  outcome: Extract<ChargeOutcome, { status: 'failed' }>,
): Promise<PaymentRow> {
  await takeBackPayment(trx, now, payment, 'all', 'returned');
  const updated = await updatePayment(trx, now, payment.id, {
    status: 'failed',
    failure_code: outcome.failureCode,
    failure_message: outcome.failureMessage,
    failed_at: now,
  });
  await recordEvent(trx, {
    ...eventScope(payment, now),
    type: 'payment.returned',
    objectId: payment.id,
    data: { ...paymentEventData(updated), failure_message: updated.failure_message },
  });
  await stopAutopayAfterBankFailure(trx, now, updated);
  return updated;
}

async function applyToInvoices(
  trx: Trx,
  payment: PaymentRow,
  applications: ApplicationRow[],
  now: Date,
): Promise<void> {
  for (const application of applications) {
    const amount = Number(application.amount);
    await applyToInvoice(trx, payment, now, {
      invoiceId: application.invoice_id,
      amount,
      pendingSettled: amount,
      paidBy: { payment: payment.id },
    });
  }
}

async function releaseFromInvoices(
  trx: Trx,
  payment: PaymentRow,
  applications: ApplicationRow[],
  now: Date,
): Promise<void> {
  for (const application of applications) {
    await trx
      .updateTable('invoice')
      .set({ amount_pending: sql`amount_pending - ${application.amount}`, updated_at: now })
      .where('id', '=', application.invoice_id)
      .execute();
    await recordEvent(trx, {
      ...eventScope(payment, now),
      type: 'invoice.payment_released',
      objectId: application.invoice_id,
      data: {
        invoice: application.invoice_id,
        payment: payment.id,
        amount: Number(application.amount),
      },
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
  const updated = await updatePayment(trx, now, payment.id, { ...changes, next_action: null });
  await recordEvent(trx, {
    ...eventScope(payment, now),
    type: `payment.${updated.status as 'succeeded' | 'failed' | 'canceled'}`,
    objectId: payment.id,
    data: paymentEventData(updated),
  });
  return updated;
}

async function updatePayment(
  trx: Trx,
  now: Date,
  paymentId: string,
  changes: Updateable<PaymentTable>,
): Promise<PaymentRow> {
  return trx
    .updateTable('payment')
    .set({ ...changes, updated_at: now })
    .where('id', '=', paymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Builds the body of the `payment.*` events that follow a change of status. */
function paymentEventData(payment: PaymentRow): Record<string, unknown> {
  return {
    id: payment.id,
    status: payment.status,
    amount: Number(payment.amount),
    currency: payment.currency,
    failure_code: payment.failure_code,
  };
}
