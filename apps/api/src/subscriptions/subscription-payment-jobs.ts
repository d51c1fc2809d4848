import { plainDateIn } from '@duly/core';
import { sql } from 'kysely';
import type { Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { JobContext, JobHandler, JobRow, JobScheduler } from '../jobs/job-types.js';
import { chargeAndSettle, type PaymentDeps, startPayment } from '../payments/payment-service.js';
import {
  lockSubscriptionById,
  type SubscriptionRow,
  saveSubscription,
} from './subscription-repository.js';
import { presentSubscription } from './subscription-service.js';
import { readSubscriptionSettings } from './subscription-settings.js';

/** Job kind of one retry of a past_due subscription's invoice; key `<sub>:<invoice>:<step>`. */
export const SUBSCRIPTION_PAYMENT_RETRY = 'subscription_payment_retry';

const DAY_MS = 86_400_000;

/** The cancellation_reason of a subscription canceled because its payment never arrived. */
const UNPAID_REASON = 'payment_failed';

/**
 * The past_due jobs: a scheduler that moves subscriptions between active and past_due as
 * their latest invoice fails or is paid, and the handler of each retry step.
 */
export function subscriptionPaymentJobs(deps: PaymentDeps): {
  scheduler: JobScheduler;
  handler: JobHandler;
} {
  return {
    scheduler: {
      name: 'subscription_payment_watch',
      enqueueDue: (now) => watchSubscriptionPayments(deps, now),
    },
    handler: {
      kind: SUBSCRIPTION_PAYMENT_RETRY,
      run: (job, context) => runPaymentRetry(deps, job, context),
    },
  };
}

/**
 * Finds active subscriptions whose latest invoice is still open and either had a payment
 * fail on it (autopay's charge, usually) or is past its due date in the vendor's time
 * zone, and makes them past_due with their retry jobs. A past_due subscription that renewed
 * meanwhile gets retry jobs for its new invoice the same way. Finds past_due subscriptions whose
 * latest invoice was paid, however, and makes them active. Each change locks the
 * subscription and checks again, so two runners polling at once change it once.
 * Returns the number of retry jobs added.
 */
async function watchSubscriptionPayments(deps: PaymentDeps, now: Date): Promise<number> {
  const { db } = deps;
  const failing = await sql<{
    id: string;
    time_zone: string;
    due_date: string;
    failed_at: Date | null;
  }>`
    SELECT s.id, v.time_zone, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
      (SELECT max(p.failed_at) FROM payment_application a JOIN payment p ON p.id = a.payment_id
        WHERE a.invoice_id = i.id AND p.status = 'failed') AS failed_at
    FROM subscription s
    JOIN invoice i ON i.id = s.latest_invoice_id
    JOIN vendor v ON v.id = s.vendor_id
    WHERE i.status = 'open'
      AND i.due_date < (${now}::timestamptz AT TIME ZONE 'UTC')::date + 2
      AND (s.status = 'active' OR (s.status = 'past_due' AND NOT EXISTS (
        SELECT 1 FROM job j
        WHERE j.kind = ${SUBSCRIPTION_PAYMENT_RETRY} AND j.key = s.id || ':' || i.id || ':1')))
  `.execute(db);
  let added = 0;
  for (const candidate of failing.rows) {
    const overdue = candidate.due_date < plainDateIn(now, candidate.time_zone);
    if (candidate.failed_at === null && !overdue) continue;
    added += await db
      .transaction()
      .execute((trx) => markPastDue(trx, now, candidate.id, candidate.failed_at ?? now));
  }

  const recovered = await db
    .selectFrom('subscription')
    .innerJoin('invoice', 'invoice.id', 'subscription.latest_invoice_id')
    .select('subscription.id')
    .where('subscription.status', '=', 'past_due')
    .where('invoice.status', 'in', ['paid', 'void'])
    .execute();
  for (const { id } of recovered) {
    await db.transaction().execute((trx) => markPaid(trx, now, id));
  }
  return added;
}

/**
 * Makes a subscription past_due as of `since` and queues one retry per day of the vendor's
 * `retry_days`, counted from `since`. With no retry days, what follows the last retry
 * happens at once. Returns the number of retry jobs added.
 */
async function markPastDue(trx: Trx, now: Date, subscriptionId: string, since: Date) {
  const row = await lockSubscriptionById(trx, subscriptionId);
  if (row === undefined || row.latest_invoice_id === null) return 0;
  if (row.status !== 'active' && row.status !== 'past_due') return 0;
  const invoice = await trx
    .selectFrom('invoice')
    .select('status')
    .where('id', '=', row.latest_invoice_id)
    .executeTakeFirstOrThrow();
  if (invoice.status !== 'open') return 0;

  const tenant = { vendorId: row.vendor_id, livemode: row.livemode };
  const settings = await readSubscriptionSettings(trx, tenant);
  let saved = row;
  if (row.status === 'active') {
    saved = await saveSubscription(trx, row.id, {
      status: 'past_due',
      past_due_since: since,
      updated_at: now,
    });
    await recordChange(trx, now, saved, 'subscription.past_due');
  }
  if (settings.retry_days.length === 0) {
    await afterLastRetry(trx, now, saved, settings.after_last_retry);
    return 0;
  }
  const steps = settings.retry_days.map((days, index) => ({
    kind: SUBSCRIPTION_PAYMENT_RETRY,
    key: `${row.id}:${row.latest_invoice_id}:${index + 1}`,
    vendor_id: row.vendor_id,
    payload: {
      subscription: row.id,
      invoice: row.latest_invoice_id,
      step: index + 1,
      last: index === settings.retry_days.length - 1,
    },
    status: 'queued' as const,
    run_at: new Date(since.getTime() + days * DAY_MS),
    created_at: now,
    updated_at: now,
  }));
  const inserted = await trx
    .insertInto('job')
    .values(steps)
    .onConflict((conflict) => conflict.columns(['kind', 'key']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/** Makes a past_due subscription active again once its latest invoice no longer is open. */
async function markPaid(trx: Trx, now: Date, subscriptionId: string) {
  const row = await lockSubscriptionById(trx, subscriptionId);
  if (row === undefined || row.status !== 'past_due' || row.latest_invoice_id === null) return;
  const invoice = await trx
    .selectFrom('invoice')
    .select('status')
    .where('id', '=', row.latest_invoice_id)
    .executeTakeFirstOrThrow();
  if (invoice.status === 'open') return;
  const saved = await saveSubscription(trx, row.id, {
    status: 'active',
    past_due_since: null,
    updated_at: now,
  });
  await recordChange(trx, now, saved, 'subscription.updated');
}

async function recordChange(
  trx: Trx,
  now: Date,
  row: SubscriptionRow,
  type: 'subscription.past_due' | 'subscription.updated' | 'subscription.canceled',
) {
  const tenant = { vendorId: row.vendor_id, livemode: row.livemode };
  await recordEvent(trx, {
    ...eventScope(row, now),
    type,
    objectId: row.id,
    data: await presentSubscription(trx, tenant, row),
  });
}

/** Cancels a subscription whose last retry failed, or leaves it past_due, as the vendor set. */
async function afterLastRetry(
  trx: Trx,
  now: Date,
  row: SubscriptionRow,
  rule: 'cancel' | 'stay_past_due',
) {
  if (rule === 'stay_past_due') return;
  const saved = await saveSubscription(trx, row.id, {
    status: 'canceled',
    canceled_at: now,
    cancel_at_period_end: false,
    cancellation_reason: UNPAID_REASON,
    scheduled_plan_id: null,
    scheduled_quantity: null,
    scheduled_effective_at: null,
    updated_at: now,
  });
  await recordChange(trx, now, saved, 'subscription.canceled');
}

/**
 * Runs one retry step: charges what is left on the invoice to the customer's autopay
 * method (active, or paused by the failure that made the subscription past_due) and, when
 * the charge succeeds, makes the subscription active. After the last step fails, the
 * vendor's `after_last_retry` applies. A customer with no saved autopay method pays in the
 * portal; the step then only checks. The payment id is saved on the job before the
 * provider is called, so a repeated run charges once.
 */
async function runPaymentRetry(
  deps: PaymentDeps,
  job: JobRow,
  context: JobContext,
): Promise<Record<string, unknown>> {
  const subscriptionId = job.payload.subscription as string;
  const invoiceId = job.payload.invoice as string;
  const outcome = await chargeRetry(deps, job, context, subscriptionId, invoiceId);
  if (outcome.status === 'skipped') return { subscription: subscriptionId, ...outcome };

  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockSubscriptionById(trx, subscriptionId);
    if (row === undefined || row.status !== 'past_due' || row.latest_invoice_id !== invoiceId) {
      return;
    }
    if (outcome.status === 'succeeded') {
      await markPaid(trx, now, subscriptionId);
      return;
    }
    if (job.payload.last === true) {
      const settings = await readSubscriptionSettings(trx, {
        vendorId: row.vendor_id,
        livemode: row.livemode,
      });
      await afterLastRetry(trx, now, row, settings.after_last_retry);
    }
  });
  return { subscription: subscriptionId, invoice: invoiceId, step: job.payload.step, ...outcome };
}

type RetryOutcome =
  | { status: 'skipped'; reason: string }
  | { status: 'succeeded' | 'failed' | 'pending' | 'no_payment_method'; payment?: string };

async function chargeRetry(
  deps: PaymentDeps,
  job: JobRow,
  context: JobContext,
  subscriptionId: string,
  invoiceId: string,
): Promise<RetryOutcome> {
  const { db } = deps;
  const state = await db
    .selectFrom('subscription')
    .innerJoin('invoice', 'invoice.id', 'subscription.latest_invoice_id')
    .leftJoin('autopay', 'autopay.customer_id', 'subscription.customer_id')
    .select([
      'subscription.status',
      'subscription.latest_invoice_id',
      'subscription.vendor_id',
      'subscription.livemode',
      'subscription.customer_id',
      'invoice.status as invoice_status',
      'invoice.amount_due',
      'invoice.amount_pending',
      'autopay.payment_method_id',
      'autopay.mandate_id',
    ])
    .where('subscription.id', '=', subscriptionId)
    .executeTakeFirst();
  if (state === undefined || state.status !== 'past_due' || state.latest_invoice_id !== invoiceId) {
    return { status: 'skipped', reason: 'not_past_due_on_this_invoice' };
  }
  if (state.invoice_status !== 'open') return { status: 'succeeded' };

  let paymentId = typeof job.payload.payment === 'string' ? job.payload.payment : undefined;
  if (paymentId === undefined) {
    const amount = Number(state.amount_due) - Number(state.amount_pending);
    if (state.payment_method_id === null || amount <= 0) return { status: 'no_payment_method' };
    const payer = {
      vendorId: state.vendor_id,
      livemode: state.livemode,
      customerId: state.customer_id,
    };
    try {
      const started = await startPayment(
        deps,
        payer,
        { payment_method: state.payment_method_id, invoices: [{ invoice: invoiceId, amount }] },
        { source: 'autopay', mandateId: state.mandate_id },
      );
      paymentId = started.payment.id;
    } catch (error) {
      // A detached or disabled method, or a mandate gone: the customer must pay in the portal.
      if (!(error instanceof ApiError)) throw error;
      deps.logger.warn('subscription retry could not charge the autopay method', {
        subscription: subscriptionId,
        invoice: invoiceId,
        payment_method: state.payment_method_id,
        code: error.code,
      });
      return { status: 'no_payment_method' };
    }
    await context.saveProgress({ payment: paymentId });
  }

  const payment = await db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  if (payment.status === 'pending' && payment.provider_ref === null) {
    const method = await db
      .selectFrom('payment_method')
      .selectAll()
      .where('id', '=', payment.payment_method_id as string)
      .executeTakeFirstOrThrow();
    const settled = await chargeAndSettle(deps, payment, method);
    return { status: toRetryStatus(settled.status), payment: paymentId };
  }
  return { status: toRetryStatus(payment.status), payment: paymentId };
}

// NOTE: a card that requires 3-D Secure leaves its payment `requires_action`, which counts
// as pending, so a last retry that ends so never applies `after_last_retry`.
function toRetryStatus(status: string): 'succeeded' | 'failed' | 'pending' {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}
