import { html, nothing, type TemplateResult } from 'lit';
import { type Localization, type Messages, partMessages } from '../i18n/index.js';
import { alertIcon, clockIcon, retryIcon } from '../shared/icons.js';
import { payMessages } from './pay.messages.js';

/** The failure of the last attempt, shown above the pay form. */
export type Failure =
  /** `note` adds what stays true after the decline, such as credit that stays applied. */
  | { kind: 'decline'; code: string; note?: string | undefined }
  /** The API rejected what the form sent, for the reason in `message`. Changing it is the way on. */
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'uncertain'; code: string }
  | { kind: 'changed'; code: string }
  | { kind: 'failed'; code: string }
  | { kind: 'provider'; code: string; message?: string | undefined }
  | { kind: 'action'; code: 'requires_action' };

/** Handlers of the alert's buttons. */
export interface FailureActions {
  /** Sends the form again, with the same idempotency key when the outcome was unknown. */
  retry(): void;
  /** Opens the 3-D Secure challenge of the payment again. */
  retryAction(): void;
  back(): void;
}

/**
 * Draws the alert of a failed attempt: a decline with what to do next, a 3-D Secure
 * challenge closed before the end (with "Try again"), a request the API refused with its
 * reason, an invoice or credit balance that changed, or an outcome that is not known.
 */
export function renderFailure(
  failure: Failure | undefined,
  l10n: Localization,
  actions: FailureActions,
): TemplateResult | typeof nothing {
  if (!failure) return nothing;
  const { messages } = l10n;

  if (failure.kind === 'decline') {
    const decline =
      messages.declines[failure.code as keyof Messages['declines']] ?? messages.declines.other;
    return html`<div
      class="alert"
      part="alert"
      role="alert"
      tabindex="-1"
      data-testid="payment-result"
      data-status="failed"
    >
      ${alertIcon}
      <div data-testid="payment-error" data-code=${failure.code}>
        <strong>${decline.title}</strong>
        <p>${decline.next}</p>
        ${failure.note ? html`<p data-testid="decline-note">${failure.note}</p>` : nothing}
      </div>
    </div>`;
  }

  if (failure.kind === 'refused') {
    return html`<div class="alert" part="alert" role="alert" tabindex="-1">
      ${alertIcon}
      <div data-testid="payment-error" data-code=${failure.code}>
        <strong>${failure.message}</strong>
      </div>
    </div>`;
  }

  if (failure.kind === 'action') {
    return html`<div
      class="alert info"
      part="alert"
      role="alert"
      tabindex="-1"
      data-testid="payment-result"
      data-status="requires_action"
    >
      ${clockIcon}
      <div data-testid="payment-error" data-code=${failure.code}>
        <strong>${messages.actionNeeded}</strong>
      </div>
      <div class="alert-actions">
        <button
          class="button secondary"
          type="button"
          data-testid="retry-action"
          @click=${actions.retryAction}
        >
          ${retryIcon}${messages.retry}
        </button>
      </div>
    </div>`;
  }

  const text =
    failure.kind === 'provider'
      ? (failure.message ?? messages.providerFailed)
      : failure.kind === 'changed'
        ? failure.code === 'credit_exceeds_balance'
          ? partMessages(payMessages, l10n).creditChanged
          : messages.invoiceChanged
        : failure.kind === 'uncertain'
          ? failure.code === 'session_expired' || failure.code === 'session_invalid'
            ? messages.sessionEnded
            : messages.paymentUncertain
          : messages.paymentFailed;
  const action =
    failure.kind === 'changed'
      ? html`<button class="button secondary" type="button" @click=${actions.back}>
          ${messages.backToInvoices}
        </button>`
      : html`<button class="button secondary" type="button" @click=${actions.retry}>
          ${retryIcon}${messages.retry}
        </button>`;

  return html`<div class="alert" part="alert" role="alert" tabindex="-1">
    ${alertIcon}
    <div data-testid="payment-error" data-code=${failure.code}>
      <strong>${text}</strong>
    </div>
    <div class="alert-actions">${action}</div>
  </div>`;
}
