import { formatDecimalAmount } from '@duly/core/money';
import type { Invoice, Payment } from '@duly/sdk';
import {
  createIdempotencyKey,
  DulyApiError,
  DulyAuthenticationError,
  DulyCardError,
  DulyConnectionError,
  DulyError,
  DulyInvalidRequestError,
} from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Messages } from '../i18n/index.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import {
  brandName,
  decimalSeparator,
  formatInstantDate,
  formatMoney,
  formatPlainDate,
} from '../shared/format.js';
import { alertIcon, cardIcon, checkIcon, retryIcon } from '../shared/icons.js';
import { base, tokens } from '../shared/styles.js';
import {
  type CardFields,
  checkCard,
  formatCardNumber,
  formatExpiry,
  parseAmountInput,
  parseExpiry,
} from './card-fields.js';
import { payStyles } from './duly-pay.styles.js';

/** The failure of the last attempt, shown above the form. */
type Failure =
  | { kind: 'decline'; code: string }
  | { kind: 'uncertain'; code: string }
  | { kind: 'changed'; code: string }
  | { kind: 'failed'; code: string };

/**
 * One try at paying: its idempotency key is sent again only when the same card and the
 * same amounts are submitted after an outcome that is not known (network failure, 5xx).
 */
interface Attempt {
  idempotencyKey: string;
  signature: string;
  paymentMethodId?: string;
}

/**
 * Pays one or several open invoices of one currency with the sandbox card form: the amount
 * for each invoice (never above what can be paid), the total, and the result.
 *
 * @tag duly-pay
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {Invoice[]} invoices - The open invoices to pay, all of one currency.
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-payment-succeeded - {PaymentSucceededDetail} The payment succeeded.
 * @fires duly-payment-failed - {PaymentFailedDetail} The card was declined or the payment failed.
 * @fires duly-back - The customer cancelled, or left the result.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart pay - The card around the form.
 * @csspart card-form - The card fields.
 * @csspart submit - The pay button.
 * @csspart result - The card shown after a successful payment.
 * @csspart alert - The decline or error message.
 *
 * @cssprop --duly-color-primary - Colour of the pay button.
 * @cssprop --duly-color-danger - Colour of errors.
 * @cssprop --duly-color-surface - Background of the card fields.
 * @cssprop --duly-radius - Corner radius.
 * @cssprop --duly-font-family - Font; inherited from the page when not set.
 */
export class DulyPay extends DulyElement {
  static override styles = [tokens, base, payStyles];

  /** The open invoices to pay, all of one currency. */
  @property({ attribute: false }) invoices: Invoice[] = [];

  @state() private amounts: Record<string, string> = {};
  @state() private card: CardFields = { number: '', expiry: '', cvc: '' };
  @state() private fieldErrors: Record<string, string> = {};
  @state() private submitting = false;
  @state() private failure?: Failure;
  @state() private payment?: Payment;

  #attempt?: Attempt;

  /** Focuses the heading of the form or of the result. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('invoices') || changed.has('locale') || changed.has('sessionLocale')) {
      this.fillAmounts();
    }
  }

  /** Starts each new invoice at what can be paid on it; keeps amounts already typed. */
  private fillAmounts(): void {
    const amounts: Record<string, string> = {};
    for (const invoice of this.invoices) {
      amounts[invoice.id] =
        this.amounts[invoice.id] ?? this.amountText(invoice.amount_payable, invoice.currency);
    }
    this.amounts = amounts;
  }

  /** Minor units as an input's text in the customer's notation: `50.39`, `50,39`. */
  private amountText(amount: number, currency: string): string {
    return formatDecimalAmount(amount, currency).replace('.', decimalSeparator(this.l10n.locale));
  }

  private get currency(): string | undefined {
    return this.invoices[0]?.currency;
  }

  private amountOf(invoice: Invoice): number | undefined {
    return parseAmountInput(this.amounts[invoice.id] ?? '', invoice.currency);
  }

  /** The amounts that are valid, by invoice; an invoice with an invalid amount is left out. */
  private get validAmounts(): Map<string, number> {
    const { messages } = this.l10n;
    const amounts = new Map<string, number>();
    for (const invoice of this.invoices) {
      const amount = this.amountOf(invoice);
      if (amount !== undefined && !this.amountError(invoice, messages)) {
        amounts.set(invoice.id, amount);
      }
    }
    return amounts;
  }

  /** Returns the error of one invoice's typed amount, or `undefined` when it can be paid. */
  private amountError(invoice: Invoice, messages: Messages): string | undefined {
    const amount = this.amountOf(invoice);
    if (amount === undefined) {
      return messages.amountInvalid(
        this.amountText(Math.min(invoice.amount_payable, 1250), invoice.currency),
      );
    }
    if (amount === 0) return messages.amountZero;
    if (amount > invoice.amount_payable) {
      return messages.amountTooHigh(
        formatMoney(invoice.amount_payable, invoice.currency, this.l10n.locale),
      );
    }
    return undefined;
  }

  /** Checks amounts and card; returns the errors by field, empty when all is well. */
  private validate(messages: Messages): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const invoice of this.invoices) {
      const error = this.amountError(invoice, messages);
      if (error) errors[`amount-${invoice.id}`] = error;
    }

    const cardProblems = checkCard(this.card, new Date());
    for (const [field, problem] of Object.entries(cardProblems)) {
      errors[field] = messages[problem];
    }
    return errors;
  }

  /**
   * Shows `errors` by field. A field error that was not shown before hides the alert of the
   * last attempt, because that alert no longer describes what the form would send.
   */
  private showFieldErrors(errors: Record<string, string>): void {
    const previous = this.fieldErrors;
    if (Object.entries(errors).some(([field, error]) => previous[field] !== error)) {
      this.failure = undefined;
    }
    this.fieldErrors = errors;
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.submitting || this.invoices.length === 0) return;
    const { messages } = this.l10n;

    const errors = this.validate(messages);
    this.showFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }

    const expiry = parseExpiry(this.card.expiry);
    if (!expiry) return;
    const card = {
      number: this.card.number.replace(/\s/g, ''),
      exp_month: expiry.month,
      exp_year: expiry.year,
      cvc: this.card.cvc.trim(),
    };
    const allocations = this.invoices.map((invoice) => ({
      invoice: invoice.id,
      amount: this.amountOf(invoice) ?? 0,
    }));

    const signature = JSON.stringify({ card, allocations });
    if (this.#attempt?.signature !== signature) {
      this.#attempt = { idempotencyKey: createIdempotencyKey(), signature };
    }
    const attempt = this.#attempt;

    this.submitting = true;
    this.failure = undefined;
    try {
      attempt.paymentMethodId ??= (await this.portal.createSandboxPaymentMethod(card)).id;
      const payment = await this.portal.createPayment(
        { payment_method: attempt.paymentMethodId, invoices: allocations },
        { idempotencyKey: attempt.idempotencyKey },
      );
      this.#attempt = undefined;
      this.payment = payment;
      emit(this, 'duly-payment-succeeded', { payment });
      await this.updateComplete;
      this.focus();
    } catch (error) {
      await this.handleFailure(error);
    } finally {
      this.submitting = false;
    }
  }

  private async handleFailure(error: unknown): Promise<void> {
    const code = error instanceof DulyError ? error.code : 'unknown_error';
    const failedPayment = error instanceof DulyCardError ? error.payment : undefined;

    if (error instanceof DulyCardError) {
      this.failure = { kind: 'decline', code };
    } else if (error instanceof DulyInvalidRequestError && error.param?.startsWith('card')) {
      this.showFieldErrors({ ...this.fieldErrors, ...this.cardFieldError(error) });
    } else if (code === 'amount_exceeds_payable' || code === 'invoice_not_open') {
      this.failure = { kind: 'changed', code };
    } else if (
      error instanceof DulyConnectionError ||
      error instanceof DulyApiError ||
      error instanceof DulyAuthenticationError ||
      code === 'idempotency_key_in_use'
    ) {
      // The outcome is unknown, so the attempt and its key stay: a retry cannot charge twice.
      this.failure = { kind: 'uncertain', code };
    } else {
      this.failure = { kind: 'failed', code };
    }

    if (this.failure?.kind !== 'uncertain') this.#attempt = undefined;
    emit(this, 'duly-payment-failed', { payment: failedPayment, code });

    await this.updateComplete;
    const target = this.failure
      ? this.renderRoot.querySelector<HTMLElement>('.alert')
      : this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }

  private cardFieldError(error: DulyInvalidRequestError): Record<string, string> {
    const { messages } = this.l10n;
    if (error.code === 'card_not_test_card') return { number: messages.cardNotTestCard };
    if (error.param?.includes('exp')) return { expiry: messages.expiryInvalid };
    if (error.param?.includes('cvc')) return { cvc: messages.cvcInvalid };
    return { number: messages.cardNumberInvalid };
  }

  private onAmountInput(invoice: Invoice, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.amounts = { ...this.amounts, [invoice.id]: value };
    this.checkAmount(invoice);
  }

  /** Shows or clears the error of one amount as soon as it changes. */
  private checkAmount(invoice: Invoice): void {
    const field = `amount-${invoice.id}`;
    const error = this.amountError(invoice, this.l10n.messages);
    if (error) this.showFieldErrors({ ...this.fieldErrors, [field]: error });
    else this.clearFieldError(field);
  }

  private onCardInput(field: keyof CardFields, event: Event): void {
    const input = event.target as HTMLInputElement;
    let value = input.value;
    if (field === 'number') value = formatCardNumber(value);
    if (field === 'expiry') value = formatExpiry(value);
    if (field === 'cvc') value = value.replace(/\D/g, '').slice(0, 4);
    input.value = value;
    this.card = { ...this.card, [field]: value };
    this.clearFieldError(field);
  }

  private clearFieldError(field: string): void {
    if (!(field in this.fieldErrors)) return;
    const { [field]: _cleared, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
  }

  protected override render(): TemplateResult {
    if (this.payment) return this.renderResult(this.payment);
    return this.renderForm();
  }

  private renderForm(): TemplateResult {
    const { messages, locale } = this.l10n;
    const currency = this.currency;
    if (!currency) {
      return html`<section class="card pay" part="pay">
        <p class="muted">${messages.nothingToPay}</p>
        <div class="actions">
          <button class="button secondary" type="button" @click=${() => emit(this, 'duly-back')}>
            ${messages.backToInvoices}
          </button>
        </div>
      </section>`;
    }
    const validAmounts = this.validAmounts;
    const amountsValid = validAmounts.size === this.invoices.length;
    let total = 0;
    for (const amount of validAmounts.values()) total += amount;
    // Without one valid amount there is no total to show, and $0.00 would be false.
    const totalText = validAmounts.size > 0 ? formatMoney(total, currency, locale) : '—';

    return html`<section class="card pay" part="pay" aria-labelledby="pay-heading">
      <div class="pay-header">
        <h2 id="pay-heading" tabindex="-1">${messages.payHeading(this.invoices.length)}</h2>
      </div>
      ${this.renderFailure()}
      <form novalidate @submit=${this.submit}>
        <div class="pay">
          <ul class="allocations">
            ${this.invoices.map((invoice) => this.renderAllocation(invoice))}
          </ul>
          <p class="total">
            <span>${messages.total}</span>
            <span class="amount" data-testid="pay-total">${totalText}</span>
          </p>
          ${this.renderCardFields()}
          <div class="actions">
            <button class="button secondary" type="button" @click=${() => emit(this, 'duly-back')}>
              ${messages.cancel}
            </button>
            <button
              class="button primary"
              type="submit"
              part="submit"
              data-testid="pay-submit"
              aria-disabled=${this.submitting ? 'true' : 'false'}
              ?disabled=${!amountsValid}
            >
              ${
                this.submitting
                  ? messages.paying
                  : amountsValid
                    ? messages.payAmount(totalText)
                    : messages.pay
              }
            </button>
          </div>
        </div>
      </form>
    </section>`;
  }

  private renderAllocation(invoice: Invoice): TemplateResult {
    const { messages, locale } = this.l10n;
    const id = `amount-${invoice.id}`;
    const error = this.fieldErrors[id];

    return html`<li class="allocation" data-testid="pay-invoice" data-invoice-id=${invoice.id}>
      <span class="invoice">
        <strong>${invoice.number}</strong>
        <span class="muted small">${messages.dueOn(formatPlainDate(invoice.due_date, locale))}</span>
        <span class="muted small">
          ${messages.upTo(formatMoney(invoice.amount_payable, invoice.currency, locale))}
        </span>
      </span>
      <span class="money-input">
        <span class="currency" aria-hidden="true">${invoice.currency}</span>
        <input
          id=${id}
          data-testid="pay-amount"
          inputmode="decimal"
          autocomplete="off"
          aria-label=${`${messages.amountToPay(invoice.number)} (${invoice.currency})`}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          .value=${this.amounts[invoice.id] ?? ''}
          @input=${(event: Event) => this.onAmountInput(invoice, event)}
          @blur=${() => this.checkAmount(invoice)}
        />
      </span>
      ${error ? html`<span class="field-error" id=${`${id}-error`}>${alertIcon}${error}</span>` : nothing}
    </li>`;
  }

  private renderCardFields(): TemplateResult {
    const { messages } = this.l10n;
    const field = (
      name: keyof CardFields,
      label: string,
      attributes: { autocomplete: string; placeholder: string; testid: string },
    ) => {
      const error = this.fieldErrors[name];
      const id = `card-${name}`;
      return html`<div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          data-testid=${attributes.testid}
          inputmode="numeric"
          autocomplete=${attributes.autocomplete}
          placeholder=${attributes.placeholder}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          .value=${this.card[name]}
          @input=${(event: Event) => this.onCardInput(name, event)}
        />
        ${error ? html`<span class="field-error" id=${`${id}-error`}>${alertIcon}${error}</span>` : nothing}
      </div>`;
    };

    return html`<fieldset part="card-form">
      <legend>${cardIcon}${messages.card}</legend>
      <p class="hint" id="test-mode-hint">${messages.testModeHint}</p>
      ${field('number', messages.cardNumber, {
        autocomplete: 'cc-number',
        placeholder: '1234 1234 1234 1234',
        testid: 'card-number',
      })}
      <div class="card-row">
        ${field('expiry', messages.expiry, {
          autocomplete: 'cc-exp',
          placeholder: messages.expiryPlaceholder,
          testid: 'card-expiry',
        })}
        ${field('cvc', messages.cvc, { autocomplete: 'cc-csc', placeholder: '123', testid: 'card-cvc' })}
      </div>
    </fieldset>`;
  }

  private renderFailure(): TemplateResult | typeof nothing {
    const failure = this.failure;
    if (!failure) return nothing;
    const { messages } = this.l10n;

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
        </div>
      </div>`;
    }

    const text =
      failure.kind === 'changed'
        ? messages.invoiceChanged
        : failure.kind === 'uncertain'
          ? failure.code === 'session_expired' || failure.code === 'session_invalid'
            ? messages.sessionEnded
            : messages.paymentUncertain
          : messages.paymentFailed;
    const action =
      failure.kind === 'changed'
        ? html`<button class="button secondary" type="button" @click=${() => emit(this, 'duly-back')}>
            ${messages.backToInvoices}
          </button>`
        : html`<button class="button secondary" type="button" @click=${() => this.submit()}>
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

  private renderResult(payment: Payment): TemplateResult {
    const { messages, locale } = this.l10n;
    const money = (amount: number) => formatMoney(amount, payment.currency, locale);
    const method = payment.method_details;
    const paidText =
      method?.last4 != null
        ? messages.paidWith(
            money(payment.amount),
            messages.cardEnding(brandName(method.brand, messages.card), method.last4),
          )
        : messages.paid(money(payment.amount));

    return html`<section
      class="card result"
      part="result"
      data-testid="payment-result"
      data-status=${payment.status}
      data-payment-id=${payment.id}
    >
      <span class="result-icon">${checkIcon}</span>
      <h2 tabindex="-1">${messages.paymentSucceeded}</h2>
      <p>${paidText}</p>
      <ul class="receipt" aria-label=${messages.appliedTo}>
        ${payment.applications.map(
          (application) => html`<li>
            <span>${application.invoice_number}</span>
            <span class="amount">${money(application.amount)}</span>
          </li>`,
        )}
        <li class="receipt-total">
          <span>${messages.total}</span>
          <span class="amount">${money(payment.amount)}</span>
        </li>
      </ul>
      <p class="muted small">
        ${messages.reference} ${payment.id} · ${formatInstantDate(payment.created_at, locale)}
      </p>
      <button class="button primary" type="button" @click=${() => emit(this, 'duly-back')}>
        ${messages.done}
      </button>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-pay': DulyPay;
  }
}
