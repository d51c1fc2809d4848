import type { CancelSubscriptionRequest, Subscription } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import type { EventType } from '../events.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { findPlan } from '../plans/plan-repository.js';
import { firstPeriod } from './billing-period.js';
import { issueSubscriptionInvoice, periodCharge } from './subscription-invoices.js';
import {
  lockSubscription,
  type SubscriptionRow,
  saveSubscription,
} from './subscription-repository.js';
import { presentSubscription, subscriptionNotFound } from './subscription-service.js';
import { readSubscriptionSettings } from './subscription-settings.js';

/** The caller: the portal is held to the vendor's settings, the vendor API is not. */
export type LifecycleCaller = 'vendor' | 'portal';

function statusConflict(row: SubscriptionRow, detail: string): ApiError {
  return new ApiError('subscription_status_conflict', `Subscription ${row.id} ${detail}`);
}

/**
 * Runs `change` on the locked subscription, saves what it returns and records `type` with
 * the subscription as it is then, all in one transaction.
 */
async function changeLocked(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  customerId: string | undefined,
  change: (
    trx: Trx,
    row: SubscriptionRow,
    now: Date,
  ) => Promise<{ type: EventType; changes: Partial<SubscriptionRow> }>,
): Promise<Subscription> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await lockSubscription(trx, tenant, subscriptionId, customerId);
    if (row === undefined) throw subscriptionNotFound(subscriptionId);
    const { type, changes } = await change(trx, row, now);
    const saved = await saveSubscription(trx, row.id, { ...changes, updated_at: now });
    const subscription = await presentSubscription(trx, tenant, saved);
    await recordEvent(trx, {
      ...eventScope(saved, now),
      type,
      objectId: saved.id,
      data: subscription,
    });
    return subscription;
  });
}

/**
 * `POST .../subscriptions/:id/cancel`. `at: 'now'` ends the subscription at once;
 * `at: 'period_end'` keeps it usable until the period end, and `resume` undoes it until
 * then. Like Stripe by default, cancelling now neither refunds nor credits the unused part
 * of the period, and an open invoice stays open. The portal must name one of the vendor's
 * cancellation reasons; the vendor API may give any reason.
 */
export async function cancelSubscription(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  request: CancelSubscriptionRequest,
  caller: LifecycleCaller,
  customerId?: string,
): Promise<Subscription> {
  if (caller === 'portal') {
    const settings = await readSubscriptionSettings(db, tenant);
    if (!settings.cancellation_reasons.includes(request.reason)) {
      throw new ApiError(
        'cancellation_reason_invalid',
        `"${request.reason}" is not one of the vendor's cancellation reasons: ${settings.cancellation_reasons.map((reason) => `"${reason}"`).join(', ')}.`,
        { param: 'reason' },
      );
    }
  }
  return changeLocked(db, clock, tenant, subscriptionId, customerId, async (_trx, row, now) => {
    if (row.status === 'canceled') throw statusConflict(row, 'is already canceled.');
    const reason = {
      cancellation_reason: request.reason,
      cancellation_comment: request.comment ?? null,
    };
    if (request.at === 'period_end') {
      if (row.status === 'paused') {
        throw statusConflict(row, 'is paused and has no period to end; cancel it now instead.');
      }
      if (row.cancel_at_period_end) {
        throw statusConflict(row, 'already ends at its period end.');
      }
      return {
        type: 'subscription.cancel_scheduled',
        changes: { ...reason, cancel_at_period_end: true },
      };
    }
    return {
      type: 'subscription.canceled',
      changes: {
        ...reason,
        status: 'canceled',
        canceled_at: now,
        scheduled_plan_id: null,
        scheduled_quantity: null,
        scheduled_effective_at: null,
      },
    };
  });
}

/** `POST .../subscriptions/:id/resume`: withdraws a cancellation at the period end. */
export async function resumeSubscription(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  customerId?: string,
): Promise<Subscription> {
  return changeLocked(db, clock, tenant, subscriptionId, customerId, async (_trx, row) => {
    if (row.status === 'canceled' || !row.cancel_at_period_end) {
      throw statusConflict(
        row,
        row.status === 'canceled'
          ? 'has already ended; start a new subscription instead.'
          : 'is not set to end at its period end, so there is nothing to resume.',
      );
    }
    return {
      type: 'subscription.cancel_withdrawn',
      changes: {
        cancel_at_period_end: false,
        cancellation_reason: null,
        cancellation_comment: null,
      },
    };
  });
}

/**
 * `POST .../subscriptions/:id/pause`: stops the subscription now; nothing renews while it is
 * paused. The unused part of the period is not credited. The portal may pause only where the
 * vendor's `pause_allowed` is on; the vendor API always may.
 */
export async function pauseSubscription(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  caller: LifecycleCaller,
  customerId?: string,
): Promise<Subscription> {
  if (caller === 'portal') {
    const settings = await readSubscriptionSettings(db, tenant);
    if (!settings.pause_allowed) {
      throw new ApiError(
        'pause_not_allowed',
        'The vendor does not let customers pause subscriptions from the portal; cancel instead, or ask the vendor.',
      );
    }
  }
  return changeLocked(db, clock, tenant, subscriptionId, customerId, async (_trx, row, now) => {
    if (row.status !== 'active' || row.cancel_at_period_end) {
      throw statusConflict(
        row,
        row.cancel_at_period_end
          ? 'ends at its period end; resume it before pausing.'
          : `is ${row.status}; only an active subscription can be paused.`,
      );
    }
    return { type: 'subscription.paused', changes: { status: 'paused', paused_at: now } };
  });
}

/**
 * `POST .../subscriptions/:id/unpause`. Before the end of the period it was paused in, the
 * subscription carries on in that period, which was already invoiced, so nothing is billed
 * twice. After it, a new period starts now, with its invoice issued at once, and a change
 * that was scheduled before the pause applies.
 */
export async function unpauseSubscription(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  customerId?: string,
): Promise<Subscription> {
  return changeLocked(db, clock, tenant, subscriptionId, customerId, async (trx, row, now) => {
    if (row.status !== 'paused') {
      throw statusConflict(row, `is ${row.status}; only a paused subscription can be unpaused.`);
    }
    if (now.getTime() < row.current_period_end.getTime()) {
      return { type: 'subscription.unpaused', changes: { status: 'active', paused_at: null } };
    }
    const planId = row.scheduled_plan_id ?? row.plan_id;
    const quantity = row.scheduled_quantity ?? row.quantity;
    const plan = await findPlan(trx, tenant, planId);
    if (plan === undefined) throw new Error(`Plan ${planId} of ${row.id} is missing.`);
    const period = firstPeriod(now, plan.interval);
    const { invoice, invoiceCount } = await issueSubscriptionInvoice(trx, now, row, {
      reason: 'subscription_unpause',
      periodStart: period.start,
      periodEnd: period.end,
      currency: plan.currency,
      lines: [periodCharge(plan, quantity, period.start, period.end)],
    });
    return {
      type: 'subscription.unpaused',
      changes: {
        status: 'active',
        paused_at: null,
        plan_id: planId,
        quantity,
        scheduled_plan_id: null,
        scheduled_quantity: null,
        scheduled_effective_at: null,
        billing_anchor: period.start,
        periods_from_anchor: period.periodsFromAnchor,
        current_period_start: period.start,
        current_period_end: period.end,
        invoice_count: invoiceCount,
        latest_invoice_id: invoice.id,
      },
    };
  });
}
