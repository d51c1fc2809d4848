import type { Subscription } from '@duly/core';
import { html, nothing, type TemplateResult } from 'lit';
import { fieldError, submitAlert } from '../shared/fields.js';
import { alertIcon } from '../shared/icons.js';
import { formatPeriodDate } from './subscription-text.js';
import type { SubscriptionsMessages } from './subscriptions.messages.js';

/** The customer's choices in the cancel form. */
export interface CancelDraft {
  kind: 'cancel';
  subscription: string;
  at: 'period_end' | 'now';
  reason: string;
  comment: string;
  reasonError?: string | undefined;
  /** Whether the form shows its confirm step. */
  confirming: boolean;
  busy: boolean;
  error?: string | undefined;
}

/** The values and callbacks the cancel form takes from its element. */
export interface CancelFormContext {
  locale: string;
  text: SubscriptionsMessages;
  /** The vendor's cancellation reasons, or undefined while they load. */
  reasons: readonly string[] | undefined;
  update(fields: Partial<CancelDraft>): void;
  /** Checks the form and shows the confirm step. */
  proceed(): void;
  confirm(): void;
  close(): void;
}

/**
 * Draws the form that cancels a subscription: when (at the period end or now), a reason
 * from the vendor's list and an optional comment, then a confirm step that states what
 * happens.
 */
export function renderCancelForm(
  draft: CancelDraft,
  subscription: Subscription,
  context: CancelFormContext,
): TemplateResult {
  const { text, locale } = context;
  const id = subscription.id;
  const periodEnd = formatPeriodDate(subscription.current_period_end, locale);
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (draft.confirming) context.confirm();
    else context.proceed();
  };

  return html`<form
    class="subscription-form"
    part="cancel-form"
    data-testid="cancel-form"
    novalidate
    aria-labelledby=${`cancel-title-${id}`}
    @submit=${onSubmit}
  >
    <h4 id=${`cancel-title-${id}`}>${text.cancelTitle(subscription.plan.name)}</h4>
    <fieldset ?disabled=${draft.confirming}>
      <legend>${text.when}</legend>
      <div class="choices">
        ${timingChoice(draft, context, 'period_end', text.atPeriodEnd(periodEnd), text.atPeriodEndHint)}
        ${timingChoice(draft, context, 'now', text.now, text.nowHint)}
      </div>
    </fieldset>
    ${renderReason(draft, context)}
    <div class="field">
      <label for=${`cancel-comment-${id}`}>${text.comment}</label>
      <textarea
        id=${`cancel-comment-${id}`}
        data-testid="cancel-comment"
        rows="3"
        maxlength="2000"
        ?disabled=${draft.confirming}
        .value=${draft.comment}
        @input=${(event: Event) =>
          context.update({ comment: (event.target as HTMLTextAreaElement).value })}
      ></textarea>
    </div>
    ${draft.confirming ? renderConfirm(draft, subscription, context, periodEnd) : renderContinue(draft, context)}
  </form>`;
}

function timingChoice(
  draft: CancelDraft,
  context: CancelFormContext,
  at: CancelDraft['at'],
  label: string,
  hint: string,
): TemplateResult {
  return html`<label class="choice timing-choice">
    <input
      type="radio"
      name=${`cancel-at-${draft.subscription}`}
      value=${at}
      data-testid=${`cancel-at-${at}`}
      .checked=${draft.at === at}
      @change=${() => context.update({ at })}
    />
    <span>${label}<br /><span class="hint">${hint}</span></span>
  </label>`;
}

function renderReason(draft: CancelDraft, context: CancelFormContext): TemplateResult {
  const { text } = context;
  const id = `cancel-reason-${draft.subscription}`;
  if (!context.reasons) return html`<span class="skeleton"></span>`;
  return html`<div class="field">
    <label for=${id}>${text.reason}</label>
    <select
      id=${id}
      data-testid="cancel-reason"
      required
      ?disabled=${draft.confirming}
      aria-invalid=${draft.reasonError ? 'true' : 'false'}
      aria-describedby=${draft.reasonError ? `${id}-error` : nothing}
      @change=${(event: Event) =>
        context.update({ reason: (event.target as HTMLSelectElement).value })}
    >
      <option value="" ?selected=${draft.reason === ''}>${text.chooseReason}</option>
      ${context.reasons.map(
        (reason) =>
          html`<option value=${reason} ?selected=${draft.reason === reason}>${reason}</option>`,
      )}
    </select>
    ${fieldError(id, draft.reasonError)}
  </div>`;
}

function renderContinue(draft: CancelDraft, context: CancelFormContext): TemplateResult {
  const { text } = context;
  return html`${draft.error ? submitAlert('cancel-error', draft.error) : nothing}
    <div class="actions">
      <button class="button secondary" type="button" data-testid="cancel-keep" @click=${context.close}>
        ${text.keep}
      </button>
      <button class="button primary" type="submit" data-testid="cancel-continue">
        ${text.continueCancel}
      </button>
    </div>`;
}

function renderConfirm(
  draft: CancelDraft,
  subscription: Subscription,
  context: CancelFormContext,
  periodEnd: string,
): TemplateResult {
  const { text } = context;
  const question =
    draft.at === 'now'
      ? text.confirmCancelNow(subscription.plan.name)
      : text.confirmCancelLater(subscription.plan.name, periodEnd);
  return html`<div class="confirm-step" role="group" aria-labelledby=${`cancel-question-${draft.subscription}`}>
    <p id=${`cancel-question-${draft.subscription}`} data-testid="cancel-question" tabindex="-1">
      ${alertIcon}<strong>${question}</strong>
    </p>
    ${draft.error ? submitAlert('cancel-error', draft.error) : nothing}
    <div class="actions">
      <button class="button secondary" type="button" data-testid="cancel-keep" @click=${context.close}>
        ${text.keep}
      </button>
      <button
        class="button danger"
        type="submit"
        data-testid="cancel-confirm"
        aria-disabled=${draft.busy ? 'true' : 'false'}
      >
        ${draft.busy ? text.canceling : text.yesCancel}
      </button>
    </div>
  </div>`;
}
