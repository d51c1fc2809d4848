import {
  type CreateSubscriptionRequest,
  MAX_AMOUNT,
  type Subscription,
  type SubscriptionStatus,
} from '@duly/core';
import type { Clock } from '../clock.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import type { Db, Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { newId } from '../ids.js';
import { findPlansById, type PlanRow } from '../plans/plan-repository.js';
import { findPlanOrThrow } from '../plans/plan-service.js';
import { firstPeriod } from './billing-period.js';
import { issueSubscriptionInvoice, periodCharge } from './subscription-invoices.js';
import { type SubscriptionContext, toSubscription } from './subscription-object.js';
import {
  findSubscription,
  listSubscriptions,
  type SubscriptionRow,
  saveSubscription,
} from './subscription-repository.js';
import { readSubscriptionSettings } from './subscription-settings.js';

const DAY_MS = 86_400_000;

/** How far back `start_at` may lie: a subscription sold last month can still be entered. */
const MAX_BACKDATE_DAYS = 31;

/** Returns `subscription_not_found` for `subscriptionId`, unknown and foreign ids alike. */
export function subscriptionNotFound(subscriptionId: string): ApiError {
  return new ApiError(
    'subscription_not_found',
    `No subscription with id ${subscriptionId} exists.`,
    {
      param: 'id',
    },
  );
}

/** Reads the plans and the setting that the API objects of `rows` show. */
export async function loadSubscriptionContext(
  db: Db | Trx,
  tenant: Tenant,
  rows: readonly SubscriptionRow[],
): Promise<SubscriptionContext> {
  const planIds = new Set<string>();
  for (const row of rows) {
    planIds.add(row.plan_id);
    if (row.scheduled_plan_id !== null) planIds.add(row.scheduled_plan_id);
  }
  const [plans, settings] = await Promise.all([
    findPlansById(db, [...planIds]),
    readSubscriptionSettings(db, tenant),
  ]);
  return {
    plans: new Map(plans.map((plan) => [plan.id, plan])),
    pauseAllowed: settings.pause_allowed,
  };
}

/** Maps one row to its API object, reading what it needs. */
export async function presentSubscription(
  db: Db | Trx,
  tenant: Tenant,
  row: SubscriptionRow,
): Promise<Subscription> {
  return toSubscription(row, await loadSubscriptionContext(db, tenant, [row]));
}

/** Throws `amount_too_large` when `quantity` units of `plan` pass `MAX_AMOUNT` per period. */
export function checkPeriodAmount(plan: PlanRow, quantity: number): void {
  if (BigInt(plan.unit_amount) * BigInt(quantity) > BigInt(MAX_AMOUNT)) {
    throw new ApiError(
      'amount_too_large',
      `${quantity} units of plan ${plan.id} cost more than the maximum of ${MAX_AMOUNT} minor units per period; lower the quantity.`,
      { param: 'quantity' },
    );
  }
}

/** Throws `plan_inactive` for a plan the vendor no longer offers. */
export function checkPlanActive(plan: PlanRow, param: string): void {
  if (!plan.active) {
    throw new ApiError(
      'plan_inactive',
      `Plan ${plan.id} ("${plan.name}") is no longer offered; choose an active plan.`,
      { param },
    );
  }
}

/** Reads `start_at` and checks that it lies within the last 31 days and not ahead of now. */
function startOf(request: CreateSubscriptionRequest, now: Date): Date {
  if (request.start_at === undefined) return now;
  const start = new Date(request.start_at);
  if (start.getTime() > now.getTime()) {
    throw new ApiError(
      'validation_failed',
      `start_at ${request.start_at} is in the future; leave it out to start now.`,
      { param: 'start_at' },
    );
  }
  if (now.getTime() - start.getTime() > MAX_BACKDATE_DAYS * DAY_MS) {
    throw new ApiError(
      'validation_failed',
      `start_at ${request.start_at} is more than ${MAX_BACKDATE_DAYS} days ago; a subscription can start at most ${MAX_BACKDATE_DAYS} days back.`,
      { param: 'start_at' },
    );
  }
  return start;
}

/**
 * `POST /v1/subscriptions`: subscribes a customer to an active plan. Without a trial, the
 * first period starts at `start_at` (now by default) and its invoice is issued at once.
 * With `trial_days`, the subscription is `trialing` until the trial ends, which starts the
 * first paid period; nothing is invoiced before then.
 */
export async function createSubscription(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: CreateSubscriptionRequest,
): Promise<Subscription> {
  await findCustomerOrThrow(db, tenant, request.customer, 'customer');
  const plan = await findPlanOrThrow(db, tenant, request.plan, 'plan');
  checkPlanActive(plan, 'plan');
  const quantity = request.quantity ?? 1;
  checkPeriodAmount(plan, quantity);

  const now = clock.now();
  const start = startOf(request, now);
  const trialEnd =
    request.trial_days === undefined
      ? null
      : new Date(start.getTime() + request.trial_days * DAY_MS);
  // A trial is a period of its own; the paid periods count from its end.
  const period =
    trialEnd === null
      ? firstPeriod(start, plan.interval)
      : { start, end: trialEnd, periodsFromAnchor: 0 };
  const row: SubscriptionRow = {
    id: newId('sub'),
    vendor_id: tenant.vendorId,
    livemode: tenant.livemode,
    customer_id: request.customer,
    plan_id: plan.id,
    quantity,
    status: trialEnd === null ? 'active' : 'trialing',
    billing_anchor: trialEnd ?? start,
    periods_from_anchor: period.periodsFromAnchor,
    current_period_start: period.start,
    current_period_end: period.end,
    trial_end: trialEnd,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_reason: null,
    cancellation_comment: null,
    paused_at: null,
    scheduled_plan_id: null,
    scheduled_quantity: null,
    scheduled_effective_at: null,
    latest_invoice_id: null,
    past_due_since: null,
    invoice_count: 0,
    metadata: request.metadata ?? {},
    created_at: now,
    updated_at: now,
  };

  const created = await db.transaction().execute(async (trx) => {
    await trx.insertInto('subscription').values(row).execute();
    let saved = row;
    if (trialEnd === null) {
      const { invoice, invoiceCount } = await issueSubscriptionInvoice(trx, now, row, {
        reason: 'subscription_create',
        periodStart: period.start,
        periodEnd: period.end,
        currency: plan.currency,
        lines: [periodCharge(plan, quantity, period.start, period.end)],
      });
      saved = await saveSubscription(trx, row.id, {
        invoice_count: invoiceCount,
        latest_invoice_id: invoice.id,
      });
    }
    const subscription = await presentSubscription(trx, tenant, saved);
    await recordEvent(trx, {
      ...eventScope(saved, now),
      type: 'subscription.created',
      objectId: saved.id,
      data: subscription,
    });
    return subscription;
  });
  return created;
}

/** `GET /v1/subscriptions/:id`, and the portal's with the session's customer. */
export async function retrieveSubscription(
  db: Db,
  tenant: Tenant,
  subscriptionId: string,
  customerId?: string,
): Promise<Subscription> {
  const row = await findSubscription(db, tenant, subscriptionId, customerId);
  if (row === undefined) throw subscriptionNotFound(subscriptionId);
  return presentSubscription(db, tenant, row);
}

/** A request for one page of subscriptions, as the list routes' query strings carry it. */
export interface SubscriptionPageRequest {
  customerId: string | undefined;
  status: SubscriptionStatus | undefined;
  limit: number;
  cursor: string | undefined;
}

/** Lists one page of the tenant's subscriptions, newest first. */
export async function listSubscriptionPage(
  db: Db,
  tenant: Tenant,
  request: SubscriptionPageRequest,
) {
  const rows = await listSubscriptions(db, tenant, {
    customerId: request.customerId,
    status: request.status,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'sub'),
  });
  const context = await loadSubscriptionContext(db, tenant, rows);
  return toPage(rows, request.limit, (row) => toSubscription(row, context), createdAtCursorOf);
}
