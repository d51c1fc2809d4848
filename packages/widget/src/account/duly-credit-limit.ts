import type {
  CreateCreditRequestRequest,
  CreditLimit,
  CreditRequest,
  PortalSession,
} from '@duly/sdk';
import { DulyConflictError, DulyInvalidRequestError } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { readAmount } from '../shared/amount-field.js';
import { DulyElement } from '../shared/duly-element.js';
import { fieldError, formActions, formSkeleton, submitAlert } from '../shared/fields.js';
import { formatInstantDate, formatMoney } from '../shared/format.js';
import { alertIcon, checkIcon, clockIcon, slashIcon } from '../shared/icons.js';
import { errorMessage, errorState } from '../shared/states.js';
import { styleProperties } from '../shared/style-properties.js';
import { base, forms, tokens } from '../shared/styles.js';
import { type CreditLimitMessages, creditLimitMessages } from './credit-limit.messages.js';
import { accountStyles } from './duly-account.styles.js';

/** The request form, as typed. */
interface RequestDraft {
  amount: string;
  currency: string;
  reason: string;
}

type DraftField = keyof RequestDraft;

const STATUS_MARKS = {
  pending: { icon: clockIcon, badge: 'badge open' },
  approved: { icon: checkIcon, badge: 'badge paid' },
  declined: { icon: slashIcon, badge: 'badge' },
} as const;

/**
 * The customer's credit limit: the limit, what its open invoices use of it and what is
 * available, with a bar. The customer can ask for a higher limit (or for a first one) with
 * an amount and a reason. Its requests are listed with their status and the vendor's note.
 *
 * @tag duly-credit-limit
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {PortalSession} portalSession - The session, whose currencies are offered for a
 *   first limit; fetched when needed and not set.
 *
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart credit - The card.
 * @csspart usage - The bar of the limit used.
 * @csspart error - The error state.
 */
export class DulyCreditLimit extends DulyElement {
  static override styles = [tokens, base, forms, accountStyles];

  /** The session, whose balances' currencies are offered when there is no limit yet. */
  @property({ attribute: false }) portalSession?: PortalSession;

  @state() private credit?: CreditLimit;
  @state() private currencies: string[] = [];
  @state() private loadError?: unknown;
  @state() private draft?: RequestDraft;
  @state() private errors: Partial<Record<DraftField, string>> = {};
  @state() private sending = false;
  @state() private sendError?: unknown;
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.credit) void this.refresh();
  }

  private get text(): CreditLimitMessages {
    return partMessages(creditLimitMessages, this.l10n);
  }

  /** Loads the limit and the requests again. */
  async refresh(): Promise<void> {
    this.loadError = undefined;
    try {
      const credit = await this.portal.getCredit();
      if (credit.currency === null) await this.loadCurrencies();
      this.credit = credit;
    } catch (error) {
      this.loadError = error;
    }
  }

  /** Offers the currencies the customer is billed in, for a first limit. */
  private async loadCurrencies(): Promise<void> {
    const session = this.portalSession ?? (await this.portal.getSession());
    this.currencies = session.balances.map((balance) => balance.currency);
  }

  private get pendingRequest(): CreditRequest | undefined {
    return this.credit?.requests.find((request) => request.status === 'pending');
  }

  private async openForm(): Promise<void> {
    const currency =
      this.credit?.currency ?? (this.currencies.length === 1 ? this.currencies[0] : '');
    this.draft = { amount: '', currency: currency ?? '', reason: '' };
    this.errors = {};
    this.sendError = undefined;
    this.notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#credit-amount')?.focus();
  }

  private async closeForm(): Promise<void> {
    this.draft = undefined;
    this.sendError = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="request-limit"]')?.focus();
  }

  private setField(field: DraftField, value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [field]: value };
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  /** Checks the draft; returns the request to send, or undefined after showing the errors. */
  private check(draft: RequestDraft): CreateCreditRequestRequest | undefined {
    const { locale, messages } = this.l10n;
    const text = this.text;
    const credit = this.credit;
    const errors: Partial<Record<DraftField, string>> = {};

    const currency = credit?.currency ?? draft.currency;
    if (!currency) errors.currency = text.currencyMissing;
    let amount: number | undefined;
    if (currency) {
      const reading = readAmount(draft.amount, currency, locale, messages);
      if (reading.error !== undefined) errors.amount = reading.error;
      else if (credit && credit.limit !== null && reading.amount <= credit.limit) {
        errors.amount = text.notHigher(formatMoney(credit.limit, currency, locale));
      } else amount = reading.amount;
    }
    const reason = draft.reason.trim();
    if (reason === '') errors.reason = text.reasonMissing;

    this.errors = errors;
    if (Object.keys(errors).length > 0 || amount === undefined) return undefined;
    return credit?.currency ? { amount, reason } : { amount, currency, reason };
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.sending) return;
    const request = this.check(draft);
    if (!request) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.request-form [aria-invalid="true"]')?.focus();
      return;
    }

    this.sending = true;
    this.sendError = undefined;
    try {
      const created = await this.portal.createCreditRequest(request);
      if (this.credit) {
        this.credit = { ...this.credit, requests: [created, ...this.credit.requests] };
      }
      this.draft = undefined;
      this.notice = this.text.sent;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#requests-heading')?.focus();
    } catch (error) {
      this.sendError = error;
      // Another tab may have sent a request meanwhile; show it.
      if (error instanceof DulyConflictError) void this.refresh();
    } finally {
      this.sending = false;
    }
  }

  protected override render(): TemplateResult {
    const text = this.text;
    return html`<section class="card account-card" part="credit" aria-labelledby="credit-heading">
      <h2 id="credit-heading">${text.heading}</h2>
      <div role="status" aria-live="polite" class="notice-slot">
        ${this.notice ? html`<p class="notice" data-testid="credit-notice">${checkIcon}${this.notice}</p>` : nothing}
      </div>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const { messages } = this.l10n;
    if (this.loadError) {
      return errorState(this.text.loadFailed, this.loadError, messages, () => void this.refresh());
    }
    const credit = this.credit;
    if (!credit) {
      return formSkeleton(messages.loading);
    }
    // The error stays outside the form: a request sent from elsewhere meanwhile replaces
    // the form with the pending note, and the customer still learns why nothing was sent.
    return html`${this.renderLimit(credit)} ${this.renderRequestAction(credit)}
      ${
        this.sendError
          ? submitAlert('credit-error', problemText(this.sendError, messages), this.text.sendFailed)
          : nothing
      }
      ${this.renderHistory(credit)}`;
  }

  private renderLimit(credit: CreditLimit): TemplateResult {
    const { locale } = this.l10n;
    const text = this.text;
    if (credit.limit === null || credit.currency === null) {
      return html`<div data-testid="no-limit">
        <p><strong>${text.none}</strong></p>
        <p class="muted small">${text.noneBody}</p>
      </div>`;
    }

    const money = (amount: number) => formatMoney(amount, credit.currency ?? '', locale);
    const over = credit.used - credit.limit;
    const share = credit.limit === 0 ? 1 : Math.min(1, credit.used / credit.limit);
    const usage = text.usage(money(credit.used), money(credit.limit));
    return html`<dl class="facts credit-facts">
        <div><dt>${text.limit}</dt><dd class="amount" data-testid="credit-limit">${money(credit.limit)}</dd></div>
        <div><dt>${text.used}</dt><dd class="amount" data-testid="credit-used">${money(credit.used)}</dd></div>
        <div>
          <dt>${text.available}</dt>
          <dd class="amount" data-testid="credit-available">${money(credit.available ?? 0)}</dd>
        </div>
      </dl>
      <div
        class=${over > 0 ? 'usage over' : 'usage'}
        part="usage"
        role="meter"
        aria-label=${text.used}
        aria-valuemin="0"
        aria-valuemax=${credit.limit}
        aria-valuenow=${Math.min(credit.used, credit.limit)}
        aria-valuetext=${usage}
        data-testid="credit-usage"
      >
        <span class="usage-fill" style=${styleProperties({ width: `${(share * 100).toFixed(1)}%` })}></span>
      </div>
      <p class="muted small">${usage}</p>
      ${
        over > 0
          ? html`<p class="field-error" data-testid="over-limit">${alertIcon}${text.overLimit(money(over))}</p>`
          : nothing
      }`;
  }

  private renderRequestAction(credit: CreditLimit): TemplateResult | typeof nothing {
    const text = this.text;
    if (this.pendingRequest) {
      return html`<p class="muted small" data-testid="request-pending">${clockIcon} ${text.pending}</p>`;
    }
    if (this.draft) return this.renderForm(this.draft, credit);
    return html`<div>
      <button
        class="button secondary"
        type="button"
        data-testid="request-limit"
        @click=${this.openForm}
      >
        ${credit.limit === null ? text.requestFirst : text.requestHigher}
      </button>
    </div>`;
  }

  private renderForm(draft: RequestDraft, credit: CreditLimit): TemplateResult {
    const { messages } = this.l10n;
    const text = this.text;
    const currency = credit.currency ?? draft.currency;
    const errors = this.errors;
    const describedBy = (id: string, field: DraftField, hint = '') =>
      [hint, errors[field] ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;

    return html`<form
      class="request-form"
      novalidate
      data-testid="credit-request-form"
      aria-labelledby="request-form-title"
      @submit=${this.send}
    >
      <h3 id="request-form-title">${credit.limit === null ? text.requestFirst : text.requestHigher}</h3>
      <div class="field-row">
        ${
          credit.currency === null
            ? html`<div class="field">
                <label for="credit-currency">${text.currency}</label>
                <select
                  id="credit-currency"
                  data-testid="credit-currency"
                  aria-invalid=${errors.currency ? 'true' : 'false'}
                  aria-describedby=${describedBy('credit-currency', 'currency')}
                  @change=${(event: Event) => this.setField('currency', (event.target as HTMLSelectElement).value)}
                >
                  <option value="" ?selected=${draft.currency === ''}>—</option>
                  ${this.currencies.map(
                    (code) =>
                      html`<option value=${code} ?selected=${draft.currency === code}>${code}</option>`,
                  )}
                </select>
                ${fieldError('credit-currency', errors.currency)}
              </div>`
            : nothing
        }
        <div class="field">
          <label for="credit-amount">${currency ? text.newLimit(currency) : text.newLimitNoCurrency}</label>
          <input
            id="credit-amount"
            data-testid="credit-amount"
            inputmode="decimal"
            autocomplete="off"
            aria-invalid=${errors.amount ? 'true' : 'false'}
            aria-describedby=${describedBy('credit-amount', 'amount')}
            .value=${draft.amount}
            @input=${(event: Event) => this.setField('amount', (event.target as HTMLInputElement).value)}
          />
          ${fieldError('credit-amount', errors.amount)}
        </div>
      </div>
      <div class="field">
        <label for="credit-reason">${text.reason}</label>
        <textarea
          id="credit-reason"
          data-testid="credit-reason"
          rows="3"
          maxlength="2000"
          aria-invalid=${errors.reason ? 'true' : 'false'}
          aria-describedby=${describedBy('credit-reason', 'reason', 'credit-reason-hint')}
          .value=${draft.reason}
          @input=${(event: Event) => this.setField('reason', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        <span class="hint" id="credit-reason-hint">${text.reasonHint}</span>
        ${fieldError('credit-reason', errors.reason)}
      </div>
      ${formActions({
        cancelLabel: messages.cancel,
        onCancel: () => void this.closeForm(),
        submitLabel: text.send,
        busyLabel: messages.saving,
        busy: this.sending,
        submitTestId: 'credit-send',
      })}
    </form>`;
  }

  private renderHistory(credit: CreditLimit): TemplateResult | typeof nothing {
    const { locale } = this.l10n;
    const text = this.text;
    if (credit.requests.length === 0) return nothing;
    return html`<h3 id="requests-heading" tabindex="-1">${text.history}</h3>
      <ul class="requests">
        ${credit.requests.map((request) => {
          const money = (amount: number) => formatMoney(amount, request.currency, locale);
          const mark = STATUS_MARKS[request.status];
          return html`<li
            class="request"
            data-testid="credit-request"
            data-request-id=${request.id}
            data-status=${request.status}
          >
            <div class="request-main">
              <strong>${text.askedFor(money(request.amount), formatInstantDate(request.created_at, locale))}</strong>
              <span class=${mark.badge} data-testid="request-status">
                ${mark.icon}${text.statuses[request.status]}
              </span>
            </div>
            <p class="muted small request-reason">${request.reason}</p>
            ${
              request.amount_approved !== null
                ? html`<p class="small" data-testid="request-granted">${text.granted(money(request.amount_approved))}</p>`
                : nothing
            }
            ${
              request.decision_note
                ? html`<p class="small" data-testid="request-note">${text.note(request.decision_note)}</p>`
                : nothing
            }
          </li>`;
        })}
      </ul>`;
  }
}

/** Returns what the customer reads about a failed request: the API's words for a 4xx. */
function problemText(error: unknown, messages: Parameters<typeof errorMessage>[1]): string {
  if (error instanceof DulyInvalidRequestError || error instanceof DulyConflictError) {
    return error.detail;
  }
  return errorMessage(error, messages);
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-credit-limit': DulyCreditLimit;
  }
}
