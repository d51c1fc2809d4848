import type { Subscription } from '@duly/core';
import { toAmount } from '../db/index.js';
import { toPlan } from '../plans/plan-object.js';
import type { PlanRow } from '../plans/plan-repository.js';
import type { SubscriptionRow } from './subscription-repository.js';

/** Data the API object of a subscription reads besides its row. */
export interface SubscriptionContext {
  /** Plans by id: at least the subscription's plan and its scheduled plan. */
  plans: ReadonlyMap<string, PlanRow>;
  /** The vendor's `pause_allowed` setting. */
  pauseAllowed: boolean;
}

function planOf(context: SubscriptionContext, planId: string): PlanRow {
  const plan = context.plans.get(planId);
  if (plan === undefined) throw new Error(`Plan ${planId} of a subscription was not read.`);
  return plan;
}

/** Returns whether the subscription renews at its period end, being running and not ending. */
function renews(row: SubscriptionRow): boolean {
  if (row.cancel_at_period_end) return false;
  return row.status === 'active' || row.status === 'trialing' || row.status === 'past_due';
}

/**
 * Maps a subscription row to the API object. The next renewal bills the scheduled plan and
 * quantity when a change waits for the period end.
 */
export function toSubscription(row: SubscriptionRow, context: SubscriptionContext): Subscription {
  const plan = planOf(context, row.plan_id);
  const scheduledPlan =
    row.scheduled_plan_id === null ? undefined : planOf(context, row.scheduled_plan_id);
  const renewalPlan = scheduledPlan ?? plan;
  const renewalQuantity = row.scheduled_quantity ?? row.quantity;
  return {
    object: 'subscription',
    id: row.id,
    customer: row.customer_id,
    plan: toPlan(plan),
    quantity: row.quantity,
    status: row.status,
    current_period_start: row.current_period_start.toISOString(),
    current_period_end: row.current_period_end.toISOString(),
    trial_end: row.trial_end?.toISOString() ?? null,
    cancel_at_period_end: row.cancel_at_period_end,
    canceled_at: row.canceled_at?.toISOString() ?? null,
    cancellation_reason: row.cancellation_reason,
    cancellation_comment: row.cancellation_comment,
    paused_at: row.paused_at?.toISOString() ?? null,
    scheduled_change:
      scheduledPlan === undefined || row.scheduled_effective_at === null
        ? null
        : {
            plan: toPlan(scheduledPlan),
            quantity: renewalQuantity,
            effective_at: row.scheduled_effective_at.toISOString(),
          },
    next_renewal: renews(row)
      ? {
          at: row.current_period_end.toISOString(),
          amount: toAmount(renewalPlan.unit_amount) * renewalQuantity,
          currency: renewalPlan.currency,
        }
      : null,
    pause_allowed: context.pauseAllowed,
    latest_invoice: row.latest_invoice_id,
    metadata: row.metadata,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}
