import type {
  CancelSubscriptionRequest,
  Plan,
  PortalSubscriptionOptions,
  ProrationLine,
  Subscription,
  SubscriptionChangePreview,
  SubscriptionChangeRequest,
} from '@duly/core';
import { prorate } from '@duly/core';
import type { List } from '@duly/sdk';
import {
  DulyConflictError,
  DulyInvalidRequestError,
  DulyNotFoundError,
  DulyPermissionError,
} from '@duly/sdk';

/** How long a preview's `proration_date` stays acceptable to `change`, as in the API. */
const PRORATION_DATE_MAX_AGE_MS = 60 * 60 * 1000;

/** An invoice or credit note that a change issued, with the lines of its proration. */
export interface IssuedProration {
  subscription: string;
  kind: 'invoice' | 'credit_note';
  currency: string;
  lines: ProrationLine[];
  /** Amount the invoice charges or the credit note credits, always positive. */
  amount: number;
}

/** Builds a plan of 25.00 USD a month per unit; `overrides` change any field. */
export function makePlan(overrides: Partial<Plan> = {}): Plan {
  return {
    object: 'plan',
    id: 'plan_team',
    name: 'Team',
    description: null,
    interval: 'month',
    currency: 'USD',
    unit_amount: 2500,
    active: true,
    metadata: {},
    livemode: false,
    created_at: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * Builds an active subscription to `makePlan()` for the period of December 2025, renewing
 * on January 1; `overrides` change any field.
 */
export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  const plan = overrides.plan ?? makePlan();
  const quantity = overrides.quantity ?? 1;
  const periodEnd = overrides.current_period_end ?? '2026-01-01T00:00:00.000Z';
  return {
    object: 'subscription',
    id: 'sub_1',
    customer: 'cus_1',
    plan,
    quantity,
    status: 'active',
    current_period_start: '2025-12-01T00:00:00.000Z',
    current_period_end: periodEnd,
    trial_end: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_reason: null,
    cancellation_comment: null,
    paused_at: null,
    scheduled_change: null,
    next_renewal: { at: periodEnd, amount: plan.unit_amount * quantity, currency: plan.currency },
    pause_allowed: false,
    latest_invoice: null,
    metadata: {},
    livemode: false,
    created_at: '2025-06-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * The portal API's subscriptions, in memory: previews and upgrades prorated with `prorate`
 * of `@duly/core` as the API does, downgrades scheduled for the period end unless
 * `downgradeTiming` is `now`, cancellation now or at period end, resume, pause and unpause.
 * Errors carry the API's problem codes. Time is `now()`, which tests may replace.
 *
 * NOTE: `issued` records each change's net. The API instead invoices the charge line and
 * applies a credit note of the credit line to that invoice, which leaves the same net due.
 */
export class FakeSubscriptions {
  subscriptions: Subscription[];
  /** Every plan of the vendor, inactive ones included. */
  plans: Plan[];
  cancellationReasons: string[] = [
    'Too expensive',
    'Missing features',
    'No longer needed',
    'Other',
  ];
  /** The vendor's setting; each subscription's `pause_allowed` follows it. */
  pauseAllowed = false;
  /** When downgrades from the portal take effect. */
  downgradeTiming: 'now' | 'period_end' = 'period_end';
  /** Invoices and credit notes the changes issued, oldest first. */
  issued: IssuedProration[] = [];
  /** The current instant; 10:00 UTC on 2025-12-04 unless a test sets another. */
  now: () => Date = () => new Date('2025-12-04T10:00:00.000Z');

  #changesByKey = new Map<string, { request: string; subscription: Subscription }>();

  constructor(subscriptions: Subscription[] = [], plans: Plan[] = []) {
    this.subscriptions = subscriptions;
    const subscribed = subscriptions.map((subscription) => subscription.plan);
    this.plans = [...plans];
    for (const plan of subscribed) {
      if (!this.plans.some((known) => known.id === plan.id)) this.plans.push(plan);
    }
  }

  /** Lists the subscriptions, those not canceled first, as the API does. */
  list(): List<Subscription> {
    const current = this.subscriptions.filter((item) => item.status !== 'canceled');
    const ended = this.subscriptions.filter((item) => item.status === 'canceled');
    return {
      object: 'list',
      data: structuredClone([...current, ...ended].map((item) => this.#view(item))),
      next_cursor: null,
    };
  }

  get(id: string): Subscription {
    return structuredClone(this.#view(this.#find(id)));
  }

  options(): PortalSubscriptionOptions {
    return {
      object: 'subscription_options',
      plans: structuredClone(this.plans.filter((plan) => plan.active)),
      cancellation_reasons: [...this.cancellationReasons],
      pause_allowed: this.pauseAllowed,
    };
  }

  /** Prices a change at `request.proration_date`, or now, changing nothing. */
  preview(id: string, request: SubscriptionChangeRequest): SubscriptionChangePreview {
    const subscription = this.#changeable(this.#find(id));
    const now = this.now();
    const at = request.proration_date ? new Date(request.proration_date) : now;
    if (request.proration_date) checkProrationDate(subscription, at, now);
    const plan = this.#targetPlan(subscription, request);
    const quantity = request.quantity ?? subscription.quantity;
    const unchanged = plan.id === subscription.plan.id && quantity === subscription.quantity;
    if (unchanged && !subscription.scheduled_change) {
      throw invalid(
        'validation_failed',
        `Subscription ${subscription.id} already has ${quantity} × plan ${plan.id}; choose another plan or quantity.`,
        request.plan === undefined ? 'quantity' : 'plan',
      );
    }

    const before = subscription.plan.unit_amount * subscription.quantity;
    const after = plan.unit_amount * quantity;
    // Going back to the current plan drops a scheduled change, and a trial bills no
    // proration, so both take effect now with no lines.
    const billsNothing = unchanged || subscription.status === 'trialing';
    const takesEffectNow = billsNothing || after > before || this.downgradeTiming === 'now';
    const preview: SubscriptionChangePreview = {
      object: 'subscription_change_preview',
      subscription: subscription.id,
      effective: takesEffectNow ? 'now' : 'period_end',
      effective_at: takesEffectNow ? at.toISOString() : subscription.current_period_end,
      proration_date: at.toISOString(),
      currency: plan.currency,
      lines: [],
      credit: 0,
      charge: 0,
      net: 0,
      next_renewal_amount: after,
    };
    if (!takesEffectNow || billsNothing) return preview;

    const proration = prorate({
      periodStart: new Date(subscription.current_period_start),
      periodEnd: new Date(subscription.current_period_end),
      changeAt: at,
      from: { unitAmount: subscription.plan.unit_amount, quantity: subscription.quantity },
      to: { unitAmount: plan.unit_amount, quantity },
    });
    preview.lines = [
      {
        kind: 'credit',
        description: `Unused time on ${subscription.plan.name} × ${subscription.quantity}`,
        plan: subscription.plan.id,
        quantity: subscription.quantity,
        amount: proration.credit,
      },
      {
        kind: 'charge',
        description: `Remaining time on ${plan.name} × ${quantity}`,
        plan: plan.id,
        quantity,
        amount: proration.charge,
      },
    ];
    preview.credit = proration.credit;
    preview.charge = proration.charge;
    preview.net = proration.net;
    return preview;
  }

  /**
   * Changes plan or quantity as `preview` priced it: now, issuing the net as an invoice or
   * a credit note, or at the period end as a scheduled change. The same idempotency key
   * with the same request returns the first result; with another request it is a 422.
   */
  change(
    id: string,
    request: SubscriptionChangeRequest,
    options: { idempotencyKey: string },
  ): Subscription {
    const signature = JSON.stringify({ id, request });
    const earlier = this.#changesByKey.get(options.idempotencyKey);
    if (earlier) {
      if (earlier.request !== signature) {
        throw new DulyInvalidRequestError({
          code: 'idempotency_key_reused',
          status: 422,
          detail: 'This Idempotency-Key was used with another request. Use a new key.',
        });
      }
      return structuredClone(earlier.subscription);
    }

    const preview = this.preview(id, request);
    const subscription = this.#find(id);
    const plan = this.#targetPlan(subscription, request);
    const quantity = request.quantity ?? subscription.quantity;
    if (preview.effective === 'now') {
      subscription.plan = plan;
      subscription.quantity = quantity;
      subscription.scheduled_change = null;
      if (preview.net !== 0) {
        this.issued.push({
          subscription: id,
          kind: preview.net > 0 ? 'invoice' : 'credit_note',
          currency: preview.currency,
          lines: preview.lines,
          amount: Math.abs(preview.net),
        });
      }
    } else {
      subscription.scheduled_change = { plan, quantity, effective_at: preview.effective_at };
    }

    const result = this.get(id);
    this.#changesByKey.set(options.idempotencyKey, { request: signature, subscription: result });
    return result;
  }

  cancel(id: string, request: CancelSubscriptionRequest): Subscription {
    const subscription = this.#find(id);
    if (subscription.status === 'canceled') {
      throw conflict('subscription_status_conflict', 'This subscription is already canceled.');
    }
    if (!this.cancellationReasons.includes(request.reason)) {
      throw invalid(
        'cancellation_reason_invalid',
        `"${request.reason}" is not one of the cancellation reasons. Choose one of: ${this.cancellationReasons.join(', ')}.`,
        'reason',
      );
    }
    subscription.canceled_at = this.now().toISOString();
    subscription.cancellation_reason = request.reason;
    subscription.cancellation_comment = request.comment ?? null;
    subscription.scheduled_change = null;
    if (request.at === 'now') {
      subscription.status = 'canceled';
      subscription.cancel_at_period_end = false;
    } else {
      subscription.cancel_at_period_end = true;
    }
    return this.get(id);
  }

  resume(id: string): Subscription {
    const subscription = this.#find(id);
    if (subscription.status === 'canceled' || !subscription.cancel_at_period_end) {
      throw conflict(
        'subscription_status_conflict',
        'Only a subscription set to end at its period end can be resumed.',
      );
    }
    subscription.cancel_at_period_end = false;
    subscription.canceled_at = null;
    subscription.cancellation_reason = null;
    subscription.cancellation_comment = null;
    return this.get(id);
  }

  pause(id: string): Subscription {
    const subscription = this.#find(id);
    if (!this.pauseAllowed) {
      throw new DulyPermissionError({
        code: 'pause_not_allowed',
        status: 403,
        detail: 'The vendor does not let subscriptions be paused from the portal.',
      });
    }
    if (subscription.status !== 'active' || subscription.cancel_at_period_end) {
      throw conflict('subscription_status_conflict', 'Only an active subscription can be paused.');
    }
    subscription.status = 'paused';
    subscription.paused_at = this.now().toISOString();
    return this.get(id);
  }

  /** Resumes a paused subscription with a new period that starts now. */
  unpause(id: string): Subscription {
    const subscription = this.#find(id);
    if (subscription.status !== 'paused') {
      throw conflict('subscription_status_conflict', 'This subscription is not paused.');
    }
    const start = this.now();
    subscription.status = 'active';
    subscription.paused_at = null;
    // As in the API, the period it was paused in carries on when it has not ended yet.
    if (start.getTime() < Date.parse(subscription.current_period_end)) return this.get(id);
    subscription.current_period_start = start.toISOString();
    subscription.current_period_end = addInterval(start, subscription.plan.interval).toISOString();
    return this.get(id);
  }

  /** Returns the subscription as the API shows it, with its derived fields. */
  #view(subscription: Subscription): Subscription {
    const next = subscription.scheduled_change ?? subscription;
    const renews =
      subscription.status !== 'canceled' &&
      subscription.status !== 'paused' &&
      !subscription.cancel_at_period_end;
    return {
      ...subscription,
      pause_allowed: this.pauseAllowed,
      next_renewal: renews
        ? {
            at: subscription.current_period_end,
            amount: next.plan.unit_amount * next.quantity,
            currency: next.plan.currency,
          }
        : null,
    };
  }

  #find(id: string): Subscription {
    const subscription = this.subscriptions.find((item) => item.id === id);
    if (!subscription) {
      throw new DulyNotFoundError({
        code: 'subscription_not_found',
        status: 404,
        detail: 'No such subscription.',
        param: 'id',
      });
    }
    return subscription;
  }

  #changeable(subscription: Subscription): Subscription {
    if (subscription.status === 'canceled') {
      throw conflict('subscription_status_conflict', 'A canceled subscription cannot be changed.');
    }
    if (subscription.status === 'paused') {
      throw conflict(
        'subscription_status_conflict',
        'A paused subscription cannot be changed. Resume it first.',
      );
    }
    return subscription;
  }

  #targetPlan(subscription: Subscription, request: SubscriptionChangeRequest): Plan {
    if (request.plan === undefined && request.quantity === undefined) {
      throw invalid('validation_failed', 'Give a plan, a quantity or both.', 'plan');
    }
    if (request.quantity !== undefined && request.quantity < 1) {
      throw invalid('validation_failed', 'The quantity must be 1 or more.', 'quantity');
    }
    if (request.plan === undefined || request.plan === subscription.plan.id) {
      return subscription.plan;
    }
    const plan = this.plans.find((item) => item.id === request.plan);
    if (!plan)
      throw invalid('plan_not_found', `No plan with id ${request.plan} exists.`, 'plan', 404);
    if (!plan.active) {
      throw new DulyConflictError({
        code: 'plan_inactive',
        status: 409,
        detail: `The plan ${plan.name} can no longer be chosen.`,
        param: 'plan',
      });
    }
    if (plan.interval !== subscription.plan.interval) {
      throw invalid(
        'plan_interval_mismatch',
        `The plan ${plan.name} is billed every ${plan.interval}, the subscription every ${subscription.plan.interval}.`,
        'plan',
      );
    }
    if (plan.currency !== subscription.plan.currency) {
      throw invalid(
        'plan_currency_mismatch',
        `The plan ${plan.name} is billed in ${plan.currency}, the subscription in ${subscription.plan.currency}.`,
        'plan',
      );
    }
    return plan;
  }
}

/** Checks that a preview's instant lies in the current period and is at most an hour old. */
function checkProrationDate(subscription: Subscription, at: Date, now: Date): void {
  const inPeriod =
    at >= new Date(subscription.current_period_start) &&
    at < new Date(subscription.current_period_end);
  const age = now.getTime() - at.getTime();
  if (!inPeriod || age < 0 || age > PRORATION_DATE_MAX_AGE_MS) {
    throw invalid(
      'proration_date_invalid',
      'The preview is more than an hour old or outside the current period. Preview the change again.',
      'proration_date',
    );
  }
}

/** Adds a calendar month or year, keeping the day or using the month's last day. */
export function addInterval(start: Date, interval: 'month' | 'year'): Date {
  const months = interval === 'month' ? 1 : 12;
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(start);
  end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
  return end;
}

function invalid(
  code: string,
  detail: string,
  param: string,
  status = 400,
): DulyInvalidRequestError | DulyNotFoundError {
  const init = { code, detail, status, param };
  return status === 404 ? new DulyNotFoundError(init) : new DulyInvalidRequestError(init);
}

function conflict(code: string, detail: string): DulyConflictError {
  return new DulyConflictError({ code, status: 409, detail });
}
