import type { Plan, Subscription } from '@duly/core';
import { html, svg, type TemplateResult } from 'lit';
import { formatMoney } from '../shared/format.js';
import { alertIcon, checkIcon, clockIcon, slashIcon } from '../shared/icons.js';
import type { SubscriptionsMessages } from './subscriptions.messages.js';

const pauseIcon = svg`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"><circle cx="8" cy="8" r="6.5"/><path d="M6.3 5.5v5M9.7 5.5v5"/></svg>`;

/**
 * Formats a period boundary as a date. Periods are calendar months and years in UTC, so
 * the date is read in UTC: a period ending at midnight UTC on January 1 shows as January 1
 * in every time zone.
 */
export function formatPeriodDate(instant: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Formats the price of one period of `plan` for `quantity` units: "$25.00 × 3 a month". */
export function planPrice(
  plan: Plan,
  quantity: number,
  locale: string,
  text: SubscriptionsMessages,
): string {
  const unit = formatMoney(plan.unit_amount, plan.currency, locale);
  const amount =
    quantity === 1
      ? unit
      : `${text.unitPrice(unit, quantity)} = ${formatMoney(plan.unit_amount * quantity, plan.currency, locale)}`;
  return text.perInterval(amount, plan.interval);
}

/**
 * Draws the status of a subscription as a word, an icon and a colour, never colour alone.
 * One set to end at its period end reads "Ending" while it is still usable.
 */
export function subscriptionBadge(
  subscription: Subscription,
  text: SubscriptionsMessages,
): TemplateResult {
  const status = subscription.status;
  const ending = subscription.cancel_at_period_end && status !== 'canceled';
  const [tone, icon, word] = ending
    ? ['open', clockIcon, text.ending]
    : status === 'active'
      ? ['paid', checkIcon, text.statuses.active]
      : status === 'trialing'
        ? ['open', clockIcon, text.statuses.trialing]
        : status === 'past_due'
          ? ['overdue', alertIcon, text.statuses.past_due]
          : status === 'paused'
            ? ['', pauseIcon, text.statuses.paused]
            : ['', slashIcon, text.statuses.canceled];
  return html`<span
    class=${`badge ${tone}`}
    part="status"
    data-testid="subscription-status"
    data-status=${ending ? 'ending' : status}
    >${icon}${word ?? status}</span
  >`;
}

/**
 * Returns the plans `subscription` may change to: active plans of its currency and
 * interval, with its own plan first even when the vendor has retired it.
 */
export function choosablePlans(subscription: Subscription, plans: readonly Plan[]): Plan[] {
  const others = plans.filter(
    (plan) =>
      plan.active &&
      plan.id !== subscription.plan.id &&
      plan.currency === subscription.plan.currency &&
      plan.interval === subscription.plan.interval,
  );
  return [subscription.plan, ...others];
}

/** Reads a typed quantity: a whole number from 1 to 1,000,000, or undefined. */
export function readQuantity(typed: string): number | undefined {
  const trimmed = typed.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return undefined;
  const quantity = Number(trimmed);
  return quantity >= 1 && quantity <= 1_000_000 ? quantity : undefined;
}
