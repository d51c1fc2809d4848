import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { type EventType, eventScope, recordEvent } from '../events.js';
import type { JobHandler, JobRow, JobScheduler } from '../jobs/job-types.js';
import { findPlansById } from '../plans/plan-repository.js';
import { nextPeriod } from './billing-period.js';
import { issueSubscriptionInvoice, periodCharge } from './subscription-invoices.js';
import {
  lockSubscriptionById,
  type SubscriptionRow,
  saveSubscription,
} from './subscription-repository.js';
import { presentSubscription } from './subscription-service.js';

/** Job kind of one renewal; its key is `<subscription id>:<period end, ISO 8601>`. */
export const SUBSCRIPTION_RENEWAL = 'subscription_renewal';

/** The period end as the job key and payload write it, to the millisecond in UTC. */
const PERIOD_END_ISO = sql<string>`to_char(s.current_period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The renewal jobs: a scheduler that adds one job per subscription whose period (or trial)
 * has ended, and the handler that ends, renews or changes it. The key names the period, so
 * each period end is handled once however many runners poll.
 */
export function subscriptionRenewalJobs(deps: { db: Db; clock: Clock }): {
  scheduler: JobScheduler;
  handler: JobHandler;
} {
  return {
    scheduler: {
      name: SUBSCRIPTION_RENEWAL,
      enqueueDue: (now) => enqueueRenewals(deps.db, now),
    },
    handler: { kind: SUBSCRIPTION_RENEWAL, run: (job) => runRenewal(deps, job) },
  };
}

/**
 * Adds a job for each running subscription whose current period ended by `now`. Paused and
 * canceled subscriptions do not renew. One statement serves every vendor.
 */
async function enqueueRenewals(db: Db, now: Date): Promise<number> {
  const result = await sql`
    INSERT INTO job (kind, key, vendor_id, payload, status, run_at, created_at, updated_at)
    SELECT ${SUBSCRIPTION_RENEWAL}, s.id || ':' || ${PERIOD_END_ISO}, s.vendor_id,
      jsonb_build_object('subscription', s.id, 'period_end', ${PERIOD_END_ISO}),
      'queued', ${now}, ${now}, ${now}
    FROM subscription s
    WHERE s.status IN ('trialing', 'active', 'past_due') AND s.current_period_end <= ${now}
    ON CONFLICT (kind, key) DO NOTHING
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Handles one period end with the subscription locked, in one transaction. It checks that
 * the subscription still is at that period end, so a run repeated after a fault does
 * nothing twice.
 */
async function runRenewal(
  deps: { db: Db; clock: Clock },
  job: JobRow,
): Promise<Record<string, unknown>> {
  const subscriptionId = job.payload.subscription as string;
  const periodEnd = job.payload.period_end as string;
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockSubscriptionById(trx, subscriptionId);
    if (row === undefined) return { subscription: subscriptionId, skipped: 'not_found' };
    if (row.status === 'paused' || row.status === 'canceled') {
      return { subscription: row.id, skipped: row.status };
    }
    if (row.current_period_end.toISOString() !== periodEnd) {
      return { subscription: row.id, skipped: 'period_already_ended' };
    }
    if (row.cancel_at_period_end) return endAtPeriodEnd(trx, deps.clock.now(), row);
    return renew(trx, deps.clock.now(), row);
  });
}

async function record(trx: Trx, now: Date, row: SubscriptionRow, types: EventType[]) {
  const tenant = { vendorId: row.vendor_id, livemode: row.livemode };
  const subscription = await presentSubscription(trx, tenant, row);
  for (const type of types) {
    await recordEvent(trx, { ...eventScope(row, now), type, objectId: row.id, data: subscription });
  }
}

/** Ends a subscription cancelled at its period end, as of that instant. */
async function endAtPeriodEnd(trx: Trx, now: Date, row: SubscriptionRow) {
  const saved = await saveSubscription(trx, row.id, {
    status: 'canceled',
    canceled_at: row.current_period_end,
    cancel_at_period_end: false,
    scheduled_plan_id: null,
    scheduled_quantity: null,
    scheduled_effective_at: null,
    updated_at: now,
  });
  await record(trx, now, saved, ['subscription.canceled']);
  return { subscription: row.id, canceled_at: row.current_period_end.toISOString() };
}

/**
 * Starts the next period: applies a scheduled change, ends a trial, and issues the period's
 * invoice due today, which autopay charges on its next poll. A past_due subscription keeps
 * renewing and stays past_due until its invoice is paid.
 */
async function renew(trx: Trx, now: Date, row: SubscriptionRow) {
  const planId = row.scheduled_plan_id ?? row.plan_id;
  const quantity = row.scheduled_quantity ?? row.quantity;
  const [plan] = await findPlansById(trx, [planId]);
  if (plan === undefined) throw new Error(`Plan ${planId} of subscription ${row.id} is missing.`);
  const period = nextPeriod(row.billing_anchor, plan.interval, row.periods_from_anchor);

  const { invoice, invoiceCount } = await issueSubscriptionInvoice(trx, now, row, {
    reason: 'subscription_cycle',
    periodStart: period.start,
    periodEnd: period.end,
    currency: plan.currency,
    lines: [periodCharge(plan, quantity, period.start, period.end)],
  });
  const saved = await saveSubscription(trx, row.id, {
    status: row.status === 'trialing' ? 'active' : row.status,
    plan_id: planId,
    quantity,
    scheduled_plan_id: null,
    scheduled_quantity: null,
    scheduled_effective_at: null,
    periods_from_anchor: period.periodsFromAnchor,
    current_period_start: period.start,
    current_period_end: period.end,
    invoice_count: invoiceCount,
    latest_invoice_id: invoice.id,
    updated_at: now,
  });
  const types: EventType[] = [];
  if (row.scheduled_plan_id !== null) types.push('subscription.updated');
  if (row.status === 'trialing') types.push('subscription.trial_ended');
  types.push('subscription.renewed');
  await record(trx, now, saved, types);
  return {
    subscription: row.id,
    invoice: invoice.id,
    period_start: period.start.toISOString(),
    period_end: period.end.toISOString(),
  };
}
