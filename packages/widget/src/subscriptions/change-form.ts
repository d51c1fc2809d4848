import type { Plan, Subscription, SubscriptionChangePreview } from '@duly/core';
import { html, nothing, type TemplateResult } from 'lit';
import { fieldError, submitAlert } from '../shared/fields.js';
import { formatMoney } from '../shared/format.js';
import { choosablePlans, formatPeriodDate, planPrice } from './subscription-text.js';
import type { SubscriptionsMessages } from './subscriptions.messages.js';

/** The customer's choices in the change form, and their preview. */
export interface ChangeDraft {
  kind: 'change';
  subscription: string;
  plan: string;
  /** The quantity as typed. */
  quantity: string;
  quantityError?: string | undefined;
  /** The priced change; cleared whenever the plan or quantity changes. */
  preview?: SubscriptionChangePreview | undefined;
  /** The idempotency key of confirming this preview, so a retried confirm changes once. */
  idempotencyKey?: string | undefined;
  busy: 'preview' | 'confirm' | undefined;
  error?: string | undefined;
}

/** The values and callbacks the change form takes from its element. */
export interface ChangeFormContext {
  locale: string;
  text: SubscriptionsMessages;
  cancelLabel: string;
  /** The vendor's active plans, or undefined while they load. */
  plans: readonly Plan[] | undefined;
  update(fields: Partial<ChangeDraft>): void;
  step(by: number): void;
  review(): void;
  confirm(): void;
  close(): void;
}

/**
 * Draws the form that changes plan or quantity: the plans of the subscription's currency
 * and interval, a quantity stepper, then the preview's lines, the net and when it takes
 * effect, with the confirm button.
 */
export function renderChangeForm(
  draft: ChangeDraft,
  subscription: Subscription,
  context: ChangeFormContext,
): TemplateResult {
  const { text } = context;
  const plans = context.plans ? choosablePlans(subscription, context.plans) : undefined;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (draft.preview) context.confirm();
    else context.review();
  };

  return html`<form
    class="subscription-form"
    part="change-form"
    data-testid="change-form"
    novalidate
    aria-labelledby=${`change-title-${subscription.id}`}
    @submit=${onSubmit}
  >
    <h4 id=${`change-title-${subscription.id}`}>${text.changeTitle(subscription.plan.name)}</h4>
    ${plans ? renderPlanChoices(draft, plans, subscription, context) : html`<span class="skeleton"></span>`}
    ${renderQuantity(draft, context)}
    ${draft.preview ? renderPreview(draft.preview, subscription, context) : nothing}
    ${draft.error ? submitAlert('change-error', draft.error) : nothing}
    <div class="actions">
      <button class="button secondary" type="button" data-testid="change-close" @click=${context.close}>
        ${context.cancelLabel}
      </button>
      <button
        class="button primary"
        type="submit"
        data-testid=${draft.preview ? 'change-confirm' : 'change-review'}
        aria-disabled=${draft.busy ? 'true' : 'false'}
      >
        ${submitLabel(draft, text)}
      </button>
    </div>
  </form>`;
}

function submitLabel(draft: ChangeDraft, text: SubscriptionsMessages): string {
  if (draft.busy === 'preview') return text.reviewing;
  if (draft.busy === 'confirm') return text.confirming;
  return draft.preview ? text.confirmChange : text.review;
}

function renderPlanChoices(
  draft: ChangeDraft,
  plans: Plan[],
  subscription: Subscription,
  context: ChangeFormContext,
): TemplateResult {
  const { text, locale } = context;
  return html`<fieldset class="plans">
    <legend>${text.plan}</legend>
    <div class="choices">
      ${plans.map(
        (plan) => html`<label class="choice plan-choice" data-plan-id=${plan.id}>
          <input
            type="radio"
            name=${`plan-${subscription.id}`}
            value=${plan.id}
            data-testid="plan-choice"
            .checked=${draft.plan === plan.id}
            @change=${() => context.update({ plan: plan.id })}
          />
          <span class="plan-name">
            ${plan.name}${plan.id === subscription.plan.id ? html` <span class="muted small">(${text.current})</span>` : nothing}
          </span>
          <span class="muted small">${planPrice(plan, 1, locale, text)}</span>
        </label>`,
      )}
    </div>
    ${plans.length === 1 ? html`<p class="hint">${text.noOtherPlans}</p>` : nothing}
  </fieldset>`;
}

function renderQuantity(draft: ChangeDraft, context: ChangeFormContext): TemplateResult {
  const { text } = context;
  const id = `quantity-${draft.subscription}`;
  return html`<div class="field">
    <label for=${id}>${text.quantity}</label>
    <div class="stepper">
      <button
        class="button secondary step"
        type="button"
        data-testid="quantity-decrease"
        aria-label=${text.decrease}
        aria-controls=${id}
        @click=${() => context.step(-1)}
      >
        −
      </button>
      <input
        id=${id}
        data-testid="quantity"
        inputmode="numeric"
        autocomplete="off"
        aria-invalid=${draft.quantityError ? 'true' : 'false'}
        aria-describedby=${draft.quantityError ? `${id}-error` : nothing}
        .value=${draft.quantity}
        @input=${(event: Event) =>
          context.update({ quantity: (event.target as HTMLInputElement).value })}
      />
      <button
        class="button secondary step"
        type="button"
        data-testid="quantity-increase"
        aria-label=${text.increase}
        aria-controls=${id}
        @click=${() => context.step(1)}
      >
        +
      </button>
    </div>
    ${fieldError(id, draft.quantityError)}
  </div>`;
}

/** Names a proration line in the customer's language: "Credit · Team × 2". */
function lineLabel(
  kind: 'credit' | 'charge',
  planId: string,
  quantity: number,
  subscription: Subscription,
  context: ChangeFormContext,
): string {
  const plan =
    context.plans?.find((candidate) => candidate.id === planId) ??
    (planId === subscription.plan.id ? subscription.plan : undefined);
  const kindText = kind === 'credit' ? context.text.creditLine : context.text.chargeLine;
  return `${kindText} · ${plan?.name ?? planId} × ${quantity}`;
}

function renderPreview(
  preview: SubscriptionChangePreview,
  subscription: Subscription,
  context: ChangeFormContext,
): TemplateResult {
  const { text, locale } = context;
  const money = (amount: number) => formatMoney(amount, preview.currency, locale);
  const periodEnd = formatPeriodDate(subscription.current_period_end, locale);
  const [netLabel, netAmount] =
    preview.net > 0
      ? [text.dueNow, money(preview.net)]
      : preview.net < 0
        ? [text.creditToAccount, money(-preview.net)]
        : [text.nothingDueNow, money(0)];
  const dropsScheduled =
    subscription.scheduled_change !== null &&
    preview.effective === 'now' &&
    preview.lines.length === 0 &&
    preview.next_renewal_amount === subscription.plan.unit_amount * subscription.quantity;
  let effect: string;
  if (dropsScheduled) effect = text.dropsScheduled;
  else if (preview.effective === 'period_end') {
    effect = text.effectiveLater(formatPeriodDate(preview.effective_at, locale));
  } else if (preview.net > 0) effect = text.effectiveNow;
  else if (preview.net < 0) effect = text.effectiveNowCredit;
  else effect = text.effectiveNowFree;

  return html`<section
    class="preview"
    data-testid="change-preview"
    data-effective=${preview.effective}
    aria-labelledby=${`preview-title-${subscription.id}`}
    aria-live="polite"
  >
    <h4 id=${`preview-title-${subscription.id}`}>${text.previewHeading}</h4>
    ${
      preview.lines.length > 0
        ? html`<table class="lines">
            <tbody>
              ${preview.lines.map(
                (line) => html`<tr data-testid="preview-line" data-kind=${line.kind}>
                  <th scope="row">
                    ${lineLabel(line.kind, line.plan, line.quantity, subscription, context)}
                  </th>
                  <td class="amount">${line.kind === 'credit' ? `−${money(line.amount)}` : money(line.amount)}</td>
                </tr>`,
              )}
            </tbody>
            <tfoot>
              <tr data-testid="preview-net" data-net=${preview.net}>
                <th scope="row">${netLabel}</th>
                <td class="amount">${netAmount}</td>
              </tr>
            </tfoot>
          </table>`
        : nothing
    }
    <p data-testid="preview-effect">${effect}</p>
    <p class="muted small" data-testid="preview-renewal">
      ${text.renewsAt(money(preview.next_renewal_amount), periodEnd)}
    </p>
  </section>`;
}
