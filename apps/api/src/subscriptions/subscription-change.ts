import {
  type ProrationLine,
  prorate,
  type Subscription,
  type SubscriptionChangePreview,
  type SubscriptionChangeRequest,
  type SubscriptionSettings,
} from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { findPlan, type PlanRow } from '../plans/plan-repository.js';
import { planNotFound } from '../plans/plan-service.js';
import { issueProrationCredit, issueSubscriptionInvoice } from './subscription-invoices.js';
import {
  findSubscription,
  lockSubscription,
  type SubscriptionRow,
  saveSubscription,
} from './subscription-repository.js';
import {
  checkPeriodAmount,
  checkPlanActive,
  presentSubscription,
  subscriptionNotFound,
} from './subscription-service.js';
import { readSubscriptionSettings } from './subscription-settings.js';

/** Maximum age of a preview's `proration_date` when the change is made. */
const PRORATION_DATE_MAX_AGE_MS = 3_600_000;

/** The caller of a change: the portal always takes the default timing. */
export type ChangeCaller = 'vendor' | 'portal';

/** A change of plan or quantity, worked out against one state of the subscription. */
interface ChangePlan {
  toPlan: PlanRow;
  toQuantity: number;
  effective: 'now' | 'period_end';
  effectiveAt: Date;
  prorationDate: Date;
  lines: ProrationLine[];
  credit: number;
  charge: number;
}

/** Throws `subscription_status_conflict` unless the subscription's plan can change now. */
function checkChangeable(row: SubscriptionRow): void {
  const next: Partial<Record<SubscriptionRow['status'], string>> = {
    canceled: 'start a new subscription instead',
    paused: 'unpause it first',
    past_due: 'pay its open invoice first',
  };
  const advice = next[row.status];
  if (advice !== undefined) {
    throw new ApiError(
      'subscription_status_conflict',
      `Subscription ${row.id} is ${row.status}, so its plan and quantity cannot change; ${advice}.`,
    );
  }
}

/**
 * Reads `proration_date` and checks it: not after now, at most one hour old, and within the
 * current period. Without one, the change prorates at now.
 */
function prorationDateOf(request: SubscriptionChangeRequest, row: SubscriptionRow, now: Date) {
  const date = request.proration_date === undefined ? now : new Date(request.proration_date);
  const reject = (why: string) =>
    new ApiError(
      'proration_date_invalid',
      `proration_date ${date.toISOString()} ${why}; preview the change again and send the new preview's proration_date.`,
      { param: 'proration_date' },
    );
  if (date.getTime() > now.getTime()) throw reject('is in the future');
  if (date < row.current_period_start || date >= row.current_period_end) {
    throw reject(
      `is outside the current period, ${row.current_period_start.toISOString()} to ${row.current_period_end.toISOString()}`,
    );
  }
  if (now.getTime() - date.getTime() > PRORATION_DATE_MAX_AGE_MS) {
    throw reject('is more than one hour old');
  }
  return date;
}

/** Reads the plan the request names, or the subscription's own, and checks it fits. */
async function targetPlanOf(
  db: Db | Trx,
  tenant: Tenant,
  row: SubscriptionRow,
  fromPlan: PlanRow,
  request: SubscriptionChangeRequest,
): Promise<PlanRow> {
  if (request.plan === undefined || request.plan === fromPlan.id) return fromPlan;
  const plan = await findPlan(db, tenant, request.plan);
  if (plan === undefined) throw planNotFound(request.plan, 'plan');
  checkPlanActive(plan, 'plan');
  if (plan.currency !== fromPlan.currency) {
    throw new ApiError(
      'plan_currency_mismatch',
      `Plan ${plan.id} is billed in ${plan.currency}, but subscription ${row.id} is billed in ${fromPlan.currency}; choose a plan in ${fromPlan.currency}, or cancel and start a new subscription.`,
      { param: 'plan' },
    );
  }
  if (plan.interval !== fromPlan.interval) {
    throw new ApiError(
      'plan_interval_mismatch',
      `Plan ${plan.id} is billed every ${plan.interval}, but subscription ${row.id} every ${fromPlan.interval}; choose a plan billed every ${fromPlan.interval}.`,
      { param: 'plan' },
    );
  }
  return plan;
}

/** Returns the proration lines of a change at once: each one only when it has an amount. */
function prorationLines(
  from: { plan: PlanRow; quantity: number },
  to: { plan: PlanRow; quantity: number },
  credit: number,
  charge: number,
  changeAt: Date,
): ProrationLine[] {
  const since = changeAt.toISOString();
  const lines: ProrationLine[] = [];
  if (credit > 0) {
    lines.push({
      kind: 'credit',
      description: `Unused time on ${from.quantity} × ${from.plan.name} after ${since}`,
      plan: from.plan.id,
      quantity: from.quantity,
      amount: credit,
    });
  }
  if (charge > 0) {
    lines.push({
      kind: 'charge',
      description: `Remaining time on ${to.quantity} × ${to.plan.name} from ${since}`,
      plan: to.plan.id,
      quantity: to.quantity,
      amount: charge,
    });
  }
  return lines;
}

/**
 * Works out a change against the subscription as `row` has it. A higher amount per period
 * is an upgrade and takes effect at once, prorated by `prorate` at the proration date.
 * A lower or equal amount waits for the period end, unless the vendor's `downgrade_timing`
 * is `now` or the vendor's request sets `effective: 'now'`. A trial bills nothing, so a
 * change during it takes effect at once with no proration.
 */
async function planChange(
  db: Db | Trx,
  tenant: Tenant,
  row: SubscriptionRow,
  request: SubscriptionChangeRequest,
  settings: SubscriptionSettings,
  caller: ChangeCaller,
  now: Date,
): Promise<ChangePlan> {
  if (caller === 'portal' && request.effective !== undefined) {
    throw new ApiError(
      'validation_failed',
      'effective is for the vendor API only; leave it out, and the change takes effect as the vendor set it.',
      { param: 'effective' },
    );
  }
  if (request.plan === undefined && request.quantity === undefined) {
    throw new ApiError('validation_failed', 'Send plan, quantity or both to change.', {
      param: 'plan',
    });
  }
  checkChangeable(row);
  const fromPlan = await findPlan(db, tenant, row.plan_id);
  if (fromPlan === undefined) throw new Error(`Plan ${row.plan_id} of ${row.id} is missing.`);
  const toPlan = await targetPlanOf(db, tenant, row, fromPlan, request);
  const toQuantity = request.quantity ?? row.quantity;
  checkPeriodAmount(toPlan, toQuantity);
  const prorationDate = prorationDateOf(request, row, now);

  const unchanged = toPlan.id === row.plan_id && toQuantity === row.quantity;
  if (unchanged && row.scheduled_plan_id === null) {
    throw new ApiError(
      'validation_failed',
      `Subscription ${row.id} already has ${toQuantity} × plan ${toPlan.id}; choose another plan or quantity.`,
      { param: request.plan === undefined ? 'quantity' : 'plan' },
    );
  }

  const fromAmount = BigInt(fromPlan.unit_amount) * BigInt(row.quantity);
  const toAmount = BigInt(toPlan.unit_amount) * BigInt(toQuantity);
  const defaultTiming = toAmount > fromAmount ? 'now' : settings.downgrade_timing;
  // Going back to the current plan only drops the scheduled change, which bills nothing.
  const effective =
    unchanged || row.status === 'trialing' ? 'now' : (request.effective ?? defaultTiming);
  const base = { toPlan, toQuantity, prorationDate };
  if (effective === 'period_end') {
    return {
      ...base,
      effective,
      effectiveAt: row.current_period_end,
      lines: [],
      credit: 0,
      charge: 0,
    };
  }
  if (unchanged || row.status === 'trialing') {
    return { ...base, effective, effectiveAt: prorationDate, lines: [], credit: 0, charge: 0 };
  }
  const proration = prorate({
    periodStart: row.current_period_start,
    periodEnd: row.current_period_end,
    changeAt: prorationDate,
    from: { unitAmount: Number(fromPlan.unit_amount), quantity: row.quantity },
    to: { unitAmount: Number(toPlan.unit_amount), quantity: toQuantity },
  });
  const lines = prorationLines(
    { plan: fromPlan, quantity: row.quantity },
    { plan: toPlan, quantity: toQuantity },
    proration.credit,
    proration.charge,
    prorationDate,
  );
  return {
    ...base,
    effective,
    effectiveAt: prorationDate,
    lines,
    credit: proration.credit,
    charge: proration.charge,
  };
}

function toPreview(row: SubscriptionRow, plan: ChangePlan): SubscriptionChangePreview {
  return {
    object: 'subscription_change_preview',
    subscription: row.id,
    effective: plan.effective,
    effective_at: plan.effectiveAt.toISOString(),
    proration_date: plan.prorationDate.toISOString(),
    currency: plan.toPlan.currency,
    lines: plan.lines,
    credit: plan.credit,
    charge: plan.charge,
    net: plan.charge - plan.credit,
    next_renewal_amount: Number(plan.toPlan.unit_amount) * plan.toQuantity,
  };
}

/**
 * `POST .../subscriptions/:id/preview`: what a change would bill, changing nothing. Send
 * the preview's `proration_date` with the change to bill exactly these lines.
 */
export async function previewSubscriptionChange(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  request: SubscriptionChangeRequest,
  caller: ChangeCaller,
  customerId?: string,
): Promise<SubscriptionChangePreview> {
  const row = await findSubscription(db, tenant, subscriptionId, customerId);
  if (row === undefined) throw subscriptionNotFound(subscriptionId);
  const settings = await readSubscriptionSettings(db, tenant);
  const plan = await planChange(db, tenant, row, request, settings, caller, clock.now());
  return toPreview(row, plan);
}

/**
 * `POST .../subscriptions/:id/change`: makes the change the preview showed, with the
 * subscription locked. A change at once switches the plan and quantity and issues an
 * invoice of the charge line, due today. The credit line becomes a credit note applied to
 * that invoice, and what the invoice does not take stays as the customer's credit balance.
 * A change at the period end is scheduled, and the renewal applies it.
 */
export async function changeSubscription(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  subscriptionId: string,
  request: SubscriptionChangeRequest,
  caller: ChangeCaller,
  customerId?: string,
): Promise<Subscription> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await lockSubscription(trx, tenant, subscriptionId, customerId);
    if (row === undefined) throw subscriptionNotFound(subscriptionId);
    const settings = await readSubscriptionSettings(trx, tenant);
    const plan = await planChange(trx, tenant, row, request, settings, caller, now);

    if (plan.effective === 'period_end') {
      const saved = await saveSubscription(trx, row.id, {
        scheduled_plan_id: plan.toPlan.id,
        scheduled_quantity: plan.toQuantity,
        scheduled_effective_at: plan.effectiveAt,
        updated_at: now,
      });
      const subscription = await presentSubscription(trx, tenant, saved);
      await recordEvent(trx, {
        ...eventScope(saved, now),
        type: 'subscription.change_scheduled',
        objectId: saved.id,
        data: subscription,
      });
      return subscription;
    }

    let saved = row;
    let invoice: Awaited<ReturnType<typeof issueSubscriptionInvoice>>['invoice'] | undefined;
    const charge = plan.lines.find((line) => line.kind === 'charge');
    if (charge !== undefined) {
      const issued = await issueSubscriptionInvoice(trx, now, row, {
        reason: 'subscription_update',
        periodStart: plan.prorationDate,
        periodEnd: row.current_period_end,
        currency: plan.toPlan.currency,
        lines: [
          {
            description: charge.description,
            quantity: 1,
            unitAmount: charge.amount,
            amount: charge.amount,
          },
        ],
      });
      invoice = issued.invoice;
      saved = await saveSubscription(trx, row.id, {
        invoice_count: issued.invoiceCount,
        latest_invoice_id: issued.invoice.id,
      });
    }
    const credit = plan.lines.find((line) => line.kind === 'credit');
    if (credit !== undefined) {
      await issueProrationCredit(
        trx,
        now,
        saved,
        { amount: credit.amount, currency: plan.toPlan.currency, reason: credit.description },
        invoice,
      );
    }
    saved = await saveSubscription(trx, row.id, {
      plan_id: plan.toPlan.id,
      quantity: plan.toQuantity,
      scheduled_plan_id: null,
      scheduled_quantity: null,
      scheduled_effective_at: null,
      updated_at: now,
    });
    const subscription = await presentSubscription(trx, tenant, saved);
    await recordEvent(trx, {
      ...eventScope(saved, now),
      type: 'subscription.updated',
      objectId: saved.id,
      data: {
        ...subscription,
        previous: { plan: row.plan_id, quantity: row.quantity },
        proration: toPreview(row, plan),
        invoice: invoice?.id ?? null,
      },
    });
    return subscription;
  });
}
