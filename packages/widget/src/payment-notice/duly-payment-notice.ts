import type { Invoice, OfflineMethod, PaymentNotice } from '@duly/sdk';
import {
  DulyConflictError,
  DulyError,
  DulyInvalidRequestError,
  DulyNotFoundError,
} from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { payStyles } from '../pay/duly-pay.styles.js';
import { DulyElement } from '../shared/duly-element.js';
import {
  emit,
  type PaymentNoticeCreatedDetail,
  type PaymentNoticeRequestDetail,
} from '../shared/events.js';
import { fieldError, withoutFieldError } from '../shared/fields.js';
import { formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon, checkIcon, retryIcon } from '../shared/icons.js';
import { invoiceMarkStyles, invoiceMarks } from '../shared/invoice-marks.js';
import { offlineLabel } from '../shared/offline-methods.messages.js';
import { errorMessage, errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';
import { paymentNoticeStyles } from './duly-payment-notice.styles.js';
import { amountText, checkNotice, noticeAmountError, readNoticeAmount } from './notice-check.js';
import { type PaymentNoticeMessages, paymentNoticeMessages } from './payment-notice.messages.js';

/** The ways money can be sent outside the portal, in the order the form offers them. */
const METHODS: readonly OfflineMethod[] = ['check', 'wire', 'ach_credit', 'cash', 'other'];

/** The maximum number of open invoices the form lists: the API's largest page. */
const MAX_INVOICES = 100;

/**
 * "I sent a payment": the customer informs the vendor of money sent outside the portal
 * (check, wire, ACH credit, cash or other). The form takes a reference, the date it was
 * sent (not after the vendor's today) and the open invoices it pays, each with an amount. The
 * invoices then show the payment, and autopay and pay-all leave them alone, until the
 * vendor confirms or rejects it. Invoices that already have such a notice, or nothing left
 * to pay, cannot be chosen.
 *
 * @tag duly-payment-notice
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @attr currency - The currency to show first when no invoice is preselected.
 * @attr today - The vendor's today (`YYYY-MM-DD`), the latest date a payment can be sent
 *   on; read from the session when not set.
 *
 * @prop {Array<{invoice: string, amount?: number}>} invoices - Invoices to preselect, with
 *   amounts; what can be paid on each when the amount is left out.
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-payment-notice-created - {PaymentNoticeCreatedDetail} The notice was sent.
 * @fires duly-back - The customer cancelled, or left the confirmation.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart notice - The card around the form.
 * @csspart result - The confirmation shown once the notice is sent.
 * @csspart alert - Why the notice could not be sent.
 */
export class DulyPaymentNotice extends DulyElement {
  static override styles = [tokens, base, forms, payStyles, invoiceMarkStyles, paymentNoticeStyles];

  /** Invoices to preselect, with amounts. */
  @property({ attribute: false }) invoices: PaymentNoticeRequestDetail['invoices'] = [];

  /** The currency to show first when no invoice is preselected. */
  @property() currency?: string;

  /** The vendor's today, `YYYY-MM-DD`. */
  @property() today?: string;

  @state() private open?: Invoice[];
  @state() private loadError?: unknown;
  @state() private shownCurrency = '';
  @state() private method = '';
  @state() private reference = '';
  @state() private sentOn = '';
  /** The amount typed for each chosen invoice, by invoice id. */
  @state() private amounts = new Map<string, string>();
  @state() private fieldErrors: Record<string, string> = {};
  @state() private submitting = false;
  @state() private failure?: { message: string; reload: boolean };
  @state() private notice?: PaymentNotice;

  #loadGeneration = 0;

  private get text(): PaymentNoticeMessages {
    return partMessages(paymentNoticeMessages, this.l10n);
  }

  /** Focuses the heading of the form or of the confirmation. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.open) void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('today') && this.today && !this.sentOn) this.sentOn = this.today;
  }

  /** Loads the open invoices (and the vendor's today, when not given) and preselects. */
  async load(): Promise<void> {
    const generation = ++this.#loadGeneration;
    this.loadError = undefined;
    this.open = undefined;
    this.failure = undefined;
    try {
      const [page, session] = await Promise.all([
        this.portal.listInvoices({ status: 'open', limit: MAX_INVOICES }),
        this.today ? undefined : this.portal.getSession(),
      ]);
      if (generation !== this.#loadGeneration) return;
      if (session) this.today = session.today;
      this.open = page.data;
      this.#preselect(page.data);
    } catch (error) {
      if (generation === this.#loadGeneration) this.loadError = error;
    }
  }

  #preselect(open: Invoice[]): void {
    const { locale } = this.l10n;
    const amounts = new Map<string, string>();
    // One notice covers one currency: that of the first preselected invoice.
    let currency: string | undefined;
    for (const wanted of this.invoices) {
      const invoice = open.find((candidate) => candidate.id === wanted.invoice);
      if (!invoice || !this.#choosable(invoice)) continue;
      currency ??= invoice.currency;
      if (invoice.currency !== currency) continue;
      const amount = Math.min(wanted.amount ?? invoice.amount_payable, invoice.amount_payable);
      amounts.set(invoice.id, amountText(amount, invoice.currency, locale));
    }
    this.amounts = amounts;
    this.shownCurrency = currency ?? this.currency ?? open[0]?.currency ?? '';
    if (!this.sentOn && this.today) this.sentOn = this.today;
  }

  /** Whether a notice can name `invoice`: something is left to pay and none is pending. */
  #choosable(invoice: Invoice): boolean {
    return invoice.amount_payable > 0 && invoice.payment_notice === null;
  }

  get #shownInvoices(): Invoice[] {
    return (this.open ?? []).filter((invoice) => invoice.currency === this.shownCurrency);
  }

  get #currencies(): string[] {
    return [...new Set((this.open ?? []).map((invoice) => invoice.currency))];
  }

  /** The sum of the valid amounts typed, in minor units; `undefined` when none is valid. */
  get #total(): number | undefined {
    let total: number | undefined;
    for (const invoice of this.#shownInvoices) {
      const text = this.amounts.get(invoice.id);
      const amount =
        text === undefined ? undefined : readNoticeAmount(text, invoice, this.l10n.locale);
      if (amount !== undefined) total = (total ?? 0) + amount;
    }
    return total;
  }

  private toggleInvoice(invoice: Invoice, checked: boolean): void {
    const amounts = new Map(this.amounts);
    if (checked) {
      amounts.set(
        invoice.id,
        amountText(invoice.amount_payable, invoice.currency, this.l10n.locale),
      );
      this.#clearError('notice-invoices');
    } else {
      amounts.delete(invoice.id);
      this.#clearError(`notice-amount-${invoice.id}`);
    }
    this.amounts = amounts;
  }

  private onAmountInput(invoice: Invoice, event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.amounts = new Map(this.amounts).set(invoice.id, text);
    const field = `notice-amount-${invoice.id}`;
    const error = noticeAmountError(text, invoice, this.l10n);
    if (error) this.fieldErrors = { ...this.fieldErrors, [field]: error };
    else this.#clearError(field);
  }

  private chooseCurrency(currency: string): void {
    this.shownCurrency = currency;
    this.amounts = new Map();
  }

  #clearError(field: string): void {
    this.fieldErrors = withoutFieldError(this.fieldErrors, field);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.submitting || !this.open) return;
    const invoices = this.#shownInvoices;
    const fields = {
      method: this.method,
      reference: this.reference,
      sentOn: this.sentOn,
      amounts: this.amounts,
    };
    const errors = checkNotice(fields, invoices, this.today, this.l10n);
    this.fieldErrors = errors;
    if (Object.keys(errors).length > 0) {
      this.failure = undefined;
      await this.updateComplete;
      const invalid =
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        this.renderRoot.querySelector<HTMLElement>('[data-testid="notice-invoice"]:enabled');
      invalid?.focus();
      return;
    }

    const lines = invoices
      .filter((invoice) => this.amounts.has(invoice.id))
      .map((invoice) => ({
        invoice: invoice.id,
        amount:
          readNoticeAmount(this.amounts.get(invoice.id) ?? '', invoice, this.l10n.locale) ?? 0,
      }));
    const reference = this.reference.trim();

    this.submitting = true;
    this.failure = undefined;
    try {
      const notice = await this.portal.createPaymentNotice({
        method: this.method as OfflineMethod,
        ...(reference ? { reference } : {}),
        sent_on: this.sentOn,
        invoices: lines,
      });
      this.notice = notice;
      emit<PaymentNoticeCreatedDetail>(this, 'duly-payment-notice-created', {
        paymentNotice: notice,
      });
      await this.updateComplete;
      this.focus();
    } catch (error) {
      await this.#showFailure(error);
    } finally {
      this.submitting = false;
    }
  }

  async #showFailure(error: unknown): Promise<void> {
    const { messages, locale } = this.l10n;
    if (error instanceof DulyInvalidRequestError && error.param === 'sent_on') {
      // The vendor's day may have differed from the one the form was given.
      const today = this.today ? formatPlainDate(this.today, locale) : '';
      this.fieldErrors = {
        ...this.fieldErrors,
        'notice-sent-on': this.text.noticeDateFuture(today),
      };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#notice-sent-on')?.focus();
      return;
    }
    if (error instanceof DulyConflictError && error.code === 'payment_notice_exists') {
      this.failure = { message: this.text.noticeExists, reload: true };
    } else if (error instanceof DulyConflictError || error instanceof DulyNotFoundError) {
      this.failure = { message: this.text.noticeInvoicesChanged, reload: true };
    } else {
      const reason =
        error instanceof DulyError ? errorMessage(error, messages) : messages.serverProblem;
      this.failure = { message: `${this.text.noticeFailed} ${reason}`, reload: false };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    if (this.notice) return this.#renderSent(this.notice);
    const back = () => emit(this, 'duly-back');

    let body: TemplateResult;
    if (this.loadError) {
      body = errorState(
        messages.loadInvoicesFailed,
        this.loadError,
        messages,
        () => void this.load(),
      );
    } else if (!this.open) {
      body = html`<div aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span>
      </div>`;
    } else if (!this.open.some((invoice) => this.#choosable(invoice))) {
      body = html`<p class="muted" data-testid="notice-none">${this.text.noticeNoInvoices}</p>
        <div class="actions">
          <button class="button secondary" type="button" @click=${back}>
            ${messages.backToInvoices}
          </button>
        </div>`;
    } else {
      body = this.#renderForm();
    }

    return html`<section class="card notice-card" part="notice" aria-labelledby="notice-heading">
      <div class="notice-header">
        <h2 id="notice-heading" tabindex="-1">${this.text.noticeHeading}</h2>
        <p class="muted small">${this.text.noticeIntro}</p>
      </div>
      ${body}
    </section>`;
  }

  #renderForm(): TemplateResult {
    const { messages, locale } = this.l10n;
    const errors = this.fieldErrors;
    const currency = this.shownCurrency;
    // Without one valid amount there is no total, and $0.00 would be false.
    const total = this.#total;

    return html`${this.#renderFailure()}
      <form novalidate @submit=${this.submit}>
        <div class="notice-fields">
          <div class="field">
            <label for="notice-method">${this.text.noticeMethod}</label>
            <select
              id="notice-method"
              data-testid="notice-method"
              required
              aria-required="true"
              aria-invalid=${errors['notice-method'] ? 'true' : 'false'}
              aria-describedby=${errors['notice-method'] ? 'notice-method-error' : nothing}
              @change=${(event: Event) => {
                this.method = (event.target as HTMLSelectElement).value;
                if (this.method) this.#clearError('notice-method');
              }}
            >
              <option value="" ?selected=${this.method === ''}>${this.text.noticeMethodChoose}</option>
              ${METHODS.map(
                (method) => html`<option .value=${method} ?selected=${this.method === method}>
                  ${offlineLabel(method, null, this.l10n)}
                </option>`,
              )}
            </select>
            ${fieldError('notice-method', errors['notice-method'])}
          </div>
          <div class="field">
            <label for="notice-reference">${this.text.noticeReference}</label>
            <input
              id="notice-reference"
              data-testid="notice-reference"
              autocomplete="off"
              maxlength="200"
              aria-describedby="notice-reference-hint"
              .value=${this.reference}
              @input=${(event: Event) => {
                this.reference = (event.target as HTMLInputElement).value;
              }}
            />
            <span class="hint" id="notice-reference-hint">${this.text.noticeReferenceHint}</span>
          </div>
          <div class="field">
            <label for="notice-sent-on">${this.text.noticeSentOn}</label>
            <input
              id="notice-sent-on"
              data-testid="notice-sent-on"
              type="date"
              required
              aria-required="true"
              max=${this.today ?? nothing}
              aria-invalid=${errors['notice-sent-on'] ? 'true' : 'false'}
              aria-describedby=${errors['notice-sent-on'] ? 'notice-sent-on-error' : nothing}
              .value=${this.sentOn}
              @input=${(event: Event) => {
                this.sentOn = (event.target as HTMLInputElement).value;
                this.#clearError('notice-sent-on');
              }}
            />
            ${fieldError('notice-sent-on', errors['notice-sent-on'])}
          </div>
        </div>
        ${this.#renderCurrencyChoice()}
        <fieldset
          class="notice-invoices"
          aria-describedby=${errors['notice-invoices'] ? 'notice-invoices-error' : nothing}
        >
          <legend>${this.text.noticeInvoices}</legend>
          <ul class="notice-rows">
            ${this.#shownInvoices.map((invoice) => this.#renderInvoice(invoice))}
          </ul>
          ${fieldError('notice-invoices', errors['notice-invoices'])}
        </fieldset>
        <p class="total">
          <span>${this.text.noticeTotal}</span>
          <span class="amount" data-testid="notice-total">
            ${currency && total !== undefined ? formatMoney(total, currency, locale) : '—'}
          </span>
        </p>
        <div class="actions">
          <button class="button secondary" type="button" @click=${() => emit(this, 'duly-back')}>
            ${messages.cancel}
          </button>
          <button
            class="button primary"
            type="submit"
            data-testid="notice-submit"
            aria-disabled=${this.submitting ? 'true' : nothing}
          >
            ${this.submitting ? this.text.noticeSending : this.text.noticeSubmit}
          </button>
        </div>
      </form>`;
  }

  #renderCurrencyChoice(): TemplateResult | typeof nothing {
    const currencies = this.#currencies;
    if (currencies.length < 2) return nothing;
    return html`<div class="field currency-choice">
      <label for="notice-currency">${this.text.noticeCurrency}</label>
      <select
        id="notice-currency"
        data-testid="notice-currency"
        @change=${(event: Event) => this.chooseCurrency((event.target as HTMLSelectElement).value)}
      >
        ${currencies.map(
          (currency) =>
            html`<option .value=${currency} ?selected=${currency === this.shownCurrency}>
              ${currency}
            </option>`,
        )}
      </select>
    </div>`;
  }

  #renderInvoice(invoice: Invoice): TemplateResult {
    const { messages, locale } = this.l10n;
    const choosable = this.#choosable(invoice);
    const text = this.amounts.get(invoice.id);
    const amountId = `notice-amount-${invoice.id}`;
    const error = this.fieldErrors[amountId];
    const payable = formatMoney(invoice.amount_payable, invoice.currency, locale);

    return html`<li
      class="notice-row"
      data-testid="notice-row"
      data-invoice-id=${invoice.id}
    >
      <label class="check">
        <input
          type="checkbox"
          data-testid="notice-invoice"
          .checked=${text !== undefined}
          ?disabled=${!choosable}
          @change=${(event: Event) =>
            this.toggleInvoice(invoice, (event.target as HTMLInputElement).checked)}
        />
        <span class="notice-invoice">
          <strong>${invoice.number}</strong>
          <span class="muted small">
            ${messages.dueOn(formatPlainDate(invoice.due_date, locale))} · ${messages.upTo(payable)}
          </span>
          ${invoiceMarks(invoice, messages, locale)}
        </span>
      </label>
      ${
        text === undefined
          ? nothing
          : html`<span class="money-input">
              <span class="currency" aria-hidden="true">${invoice.currency}</span>
              <input
                id=${amountId}
                data-testid="notice-amount"
                inputmode="decimal"
                autocomplete="off"
                aria-label=${`${this.text.noticeAmountFor(invoice.number)} (${invoice.currency})`}
                aria-invalid=${error ? 'true' : 'false'}
                aria-describedby=${error ? `${amountId}-error` : nothing}
                .value=${text}
                @input=${(event: Event) => this.onAmountInput(invoice, event)}
              />
            </span>`
      }
      ${error ? html`<span class="field-error" id=${`${amountId}-error`}>${alertIcon}${error}</span>` : nothing}
    </li>`;
  }

  #renderFailure(): TemplateResult | typeof nothing {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`<div class="alert" part="alert" role="alert" tabindex="-1" data-testid="notice-error">
      ${alertIcon}
      <div><strong>${failure.message}</strong></div>
      ${
        failure.reload
          ? html`<div class="alert-actions">
              <button class="button secondary" type="button" @click=${() => void this.load()}>
                ${retryIcon}${this.text.reloadInvoices}
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }

  #renderSent(notice: PaymentNotice): TemplateResult {
    const { messages, locale } = this.l10n;
    const money = (amount: number) => formatMoney(amount, notice.currency, locale);
    const how = offlineLabel(notice.method, notice.reference, this.l10n);
    return html`<section class="card result" part="result" data-testid="notice-result">
      <span class="result-icon">${checkIcon}</span>
      <div class="result-status" role="status">
        <h2 tabindex="-1">${this.text.noticeSentTitle}</h2>
        <p>
          ${this.text.noticeSentBody(money(notice.amount), how, formatPlainDate(notice.sent_on, locale))}
        </p>
      </div>
      <ul class="receipt" aria-label=${this.text.noticeInvoices}>
        ${notice.invoices.map(
          (line) => html`<li>
            <span>${line.invoice_number}</span>
            <span class="amount">${money(line.amount)}</span>
          </li>`,
        )}
      </ul>
      <div class="actions">
        <button class="button primary" type="button" @click=${() => emit(this, 'duly-back')}>
          ${messages.done}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-payment-notice': DulyPaymentNotice;
  }
}
