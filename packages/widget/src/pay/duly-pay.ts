import { currencyExponent, formatDecimalAmount } from '@duly/core/money';
import type { Invoice, Payment, PaymentMethod, PaymentSetup } from '@duly/sdk';
import {
  createIdempotencyKey,
  DulyApiError,
  DulyAuthenticationError,
  DulyCardError,
  DulyConnectionError,
  DulyError,
} from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Messages } from '../i18n/index.js';
import type { MethodForm, MethodPurpose, NextAction } from '../providers/provider-context.js';
import { ProviderError } from '../providers/provider-context.js';
import { createMethodForm, createNextAction, type MethodKind } from '../providers/registry.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { fieldError } from '../shared/fields.js';
import { decimalSeparator, formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon, cardIcon } from '../shared/icons.js';
import { methodLabel } from '../shared/payment-text.js';
import { errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';
import { type AmountInputProblem, parseAmountInput } from './card-fields.js';
import { payStyles } from './duly-pay.styles.js';
import { type Failure, renderFailure } from './payment-failure.js';
import { renderOutcome } from './payment-outcome.js';
import { pollPause } from './poll-schedule.js';

/** `choice` values of the two "new method" options; saved methods are chosen by id. */
const NEW_CARD = 'new-card';
const NEW_BANK = 'new-bank';

/**
 * One try at paying: its idempotency key is sent again only when the same method and the
 * same amounts are submitted after an outcome that is not known (network failure, 5xx).
 */
interface Attempt {
  idempotencyKey: string;
  signature: string;
  paymentMethodId?: string;
}

/**
 * Pays one or several open invoices of one currency. The customer sets the amount for each
 * invoice (never above what can be paid) and picks a saved method, or a new card or bank
 * account with the vendor's provider. A bank account needs the debit authorization. Bank
 * payments stay pending, for days with a real bank or seconds in the sandbox. While one is
 * shown, the element checks it again, every few seconds for the first minute and then with
 * growing pauses, so a settlement or a return (R01, ...) shows up while the customer watches.
 *
 * Stripe.js and Plaid Link load when this element first needs them, never before.
 *
 * @tag duly-pay
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @attr poll-interval - Milliseconds between the first twenty checks of a pending bank
 *   payment, which take a minute at the default of 3,000. Later pauses double, up to a minute.
 *
 * @prop {Invoice[]} invoices - The open invoices to pay, all of one currency.
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {Record<string, string>} scriptUrls - Replacement addresses of provider scripts.
 *
 * @slot duly-provider - Filled by the element itself with the light-DOM mount point of
 *   Stripe's Payment Element.
 *
 * @fires duly-payment-succeeded - {PaymentSucceededDetail} The payment succeeded, at once
 *   or when a pending bank payment settled.
 * @fires duly-payment-pending - {PaymentPendingDetail} A bank payment is on its way.
 * @fires duly-payment-failed - {PaymentFailedDetail} The payment was declined or failed,
 *   or a pending bank payment was returned.
 * @fires duly-back - The customer cancelled, or left the result.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart pay - The card around the form.
 * @csspart method - The choice of payment method.
 * @csspart card-form - The card fields.
 * @csspart bank-form - The bank account fields.
 * @csspart mandate - The debit authorization of a bank payment.
 * @csspart submit - The pay button.
 * @csspart result - The card shown after the payment.
 * @csspart alert - The decline or error message.
 * @csspart challenge - The sandbox's 3-D Secure dialog.
 *
 * @cssprop --duly-color-primary - Colour of the pay button.
 * @cssprop --duly-color-danger - Colour of errors.
 * @cssprop --duly-color-surface - Background of the card fields.
 * @cssprop --duly-radius - Corner radius.
 * @cssprop --duly-font-family - Font; inherited from the page when not set.
 */
export class DulyPay extends DulyElement {
  static override styles = [tokens, base, forms, payStyles];

  /** The open invoices to pay, all of one currency. */
  @property({ attribute: false }) invoices: Invoice[] = [];

  /** Milliseconds between the first twenty checks of a pending bank payment. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 3000;

  @state() private amounts: Record<string, string> = {};
  @state() private fieldErrors: Record<string, string> = {};
  @state() private submitting = false;
  @state() private failure?: Failure;
  @state() private payment?: Payment;
  @state() private setup?: PaymentSetup;
  @state() private savedMethods: PaymentMethod[] = [];
  @state() private setupError?: unknown;
  @state() private choice = '';
  @state() private save = false;
  @state() private mandateAccepted = false;
  @state() private showReceipt = false;

  #attempt?: Attempt;
  #form?: MethodForm;
  #formChoice?: string;
  #action?: NextAction;
  /** The `requires_action` payment whose challenge the customer closed. */
  #actionPayment?: Payment;
  // Incremented to stop the check loop of a pending payment.
  #watchGeneration = 0;
  #setupLoading = false;

  /** Focuses the heading of the form or of the result. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.setup) void this.loadSetup();
    if (this.payment?.status === 'pending') void this.#watch(this.payment.id);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watchGeneration += 1;
    this.#form?.destroy();
    this.#form = undefined;
    this.#formChoice = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('invoices') || changed.has('locale') || changed.has('sessionLocale')) {
      this.fillAmounts();
    }
    this.#syncForm();
  }

  /**
   * Loads the provider settings and the saved methods, and preselects the default method.
   * Called when the element first connects: the customer has started to pay.
   */
  async loadSetup(): Promise<void> {
    if (this.#setupLoading) return;
    this.#setupLoading = true;
    this.setupError = undefined;
    try {
      const [setup, methods] = await Promise.all([
        this.portal.getPaymentSetup(),
        this.portal.listPaymentMethods(),
      ]);
      this.setup = setup;
      this.savedMethods = methods.data.filter((method) => !method.disabled_reason);
      const usable = this.#usableMethods;
      this.choice = (usable.find((method) => method.is_default) ?? usable[0])?.id ?? NEW_CARD;
    } catch (error) {
      this.setupError = error;
    } finally {
      this.#setupLoading = false;
    }
  }

  /**
   * Whether bank accounts can pay: the vendor links them, and the invoices are in US dollars,
   * the only currency of a US bank debit (ACH).
   */
  get #takesBankAccounts(): boolean {
    return Boolean(this.setup?.bank) && this.currency === 'USD';
  }

  /** The saved methods that can pay these invoices. */
  get #usableMethods(): PaymentMethod[] {
    const banks = this.#takesBankAccounts;
    return this.savedMethods.filter((method) => method.type === 'card' || banks);
  }

  /**
   * Creates the form of a new card or bank account when one is chosen, and drops it
   * otherwise. A provider without a form in this widget is shown as a failure once.
   */
  #syncForm(): void {
    const choice = this.payment || !this.isConnected ? '' : this.choice;
    let kind: MethodKind | undefined;
    if (choice === NEW_CARD) kind = 'card';
    if (choice === NEW_BANK) kind = 'us_bank_account';
    if (this.#formChoice !== choice) {
      this.#form?.destroy();
      this.#form = undefined;
      this.#formChoice = undefined;
    }
    if (!kind || this.#form || !this.setup || !this.currency) return;

    this.#formChoice = choice;
    try {
      this.#form = createMethodForm(kind, this.setup, this.providerContext(), this.#purpose());
    } catch (error) {
      console.error(error);
      this.failure = { kind: 'provider', code: (error as ProviderError).code };
    }
  }

  #purpose(): MethodPurpose {
    let amount = 0;
    for (const value of this.validAmounts.values()) amount += value;
    return { mode: 'payment', amount, currency: this.currency ?? 'USD' };
  }

  /** Whether the chosen method is a bank account, which needs the debit authorization. */
  get #paysByBank(): boolean {
    if (this.choice === NEW_BANK) return true;
    return this.savedMethods.some(
      (method) => method.id === this.choice && method.type === 'us_bank_account',
    );
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

  /** Reads one invoice's typed amount: minor units, or why it cannot be read. */
  private readAmount(invoice: Invoice): number | AmountInputProblem {
    const decimal = decimalSeparator(this.l10n.locale);
    return parseAmountInput(this.amounts[invoice.id] ?? '', invoice.currency, decimal);
  }

  private amountOf(invoice: Invoice): number | undefined {
    const amount = this.readAmount(invoice);
    return typeof amount === 'number' ? amount : undefined;
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
    const amount = this.readAmount(invoice);
    if (amount === 'amountTooManyDecimals') {
      return messages.amountTooManyDecimals(invoice.currency, currencyExponent(invoice.currency));
    }
    if (amount === 'amountInvalid') {
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

  /** Checks amounts and the authorization; returns the errors by field, empty when all is well. */
  private validate(messages: Messages): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const invoice of this.invoices) {
      const error = this.amountError(invoice, messages);
      if (error) errors[`amount-${invoice.id}`] = error;
    }
    if (this.#paysByBank && !this.mandateAccepted) errors.mandate = messages.mandateRequired;
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

  private async focusInvalidField(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.submitting || this.invoices.length === 0 || !this.setup) return;
    // A new card or bank account whose provider has no form here cannot be paid with.
    if ((this.choice === NEW_CARD || this.choice === NEW_BANK) && !this.#form) return;
    const { messages } = this.l10n;

    const errors = this.validate(messages);
    const formValid = this.#form?.check?.() ?? true;
    this.showFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !formValid) {
      if (!formValid) this.failure = undefined;
      await this.focusInvalidField();
      return;
    }

    const allocations = this.invoices.map((invoice) => ({
      invoice: invoice.id,
      amount: this.amountOf(invoice) ?? 0,
    }));
    const signature = JSON.stringify({
      choice: this.choice,
      details: this.#form?.signature(),
      save: this.save,
      allocations,
    });
    if (this.#attempt?.signature !== signature) {
      this.#attempt = { idempotencyKey: createIdempotencyKey(), signature };
    }
    const attempt = this.#attempt;

    this.submitting = true;
    this.failure = undefined;
    this.#actionPayment = undefined;
    try {
      if (!this.#form) {
        attempt.paymentMethodId = this.choice;
      } else if (!attempt.paymentMethodId) {
        const method = await this.#form.collect(this.save);
        if (!method) {
          await this.focusInvalidField();
          return;
        }
        attempt.paymentMethodId = method.id;
      }

      const payment = await this.portal.createPayment(
        {
          payment_method: attempt.paymentMethodId,
          invoices: allocations,
          ...(this.#paysByBank ? { mandate: { accepted: true as const } } : {}),
        },
        { idempotencyKey: attempt.idempotencyKey },
      );
      this.#attempt = undefined;
      await this.#show(payment);
    } catch (error) {
      await this.handleFailure(error);
    } finally {
      this.submitting = false;
    }
  }

  /** Shows the payment the API returned: a result, the 3-D Secure challenge, or a decline. */
  async #show(payment: Payment): Promise<void> {
    if (payment.status === 'requires_action') {
      await this.#runAction(payment);
      return;
    }
    if (payment.status === 'failed' || payment.status === 'canceled') {
      const code = payment.failure_code ?? payment.status;
      this.failure = { kind: 'decline', code };
      emit(this, 'duly-payment-failed', { payment: payment.id, code });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
      return;
    }

    this.payment = payment;
    if (payment.status === 'pending') {
      emit(this, 'duly-payment-pending', { payment });
      void this.#watch(payment.id);
    } else {
      emit(this, 'duly-payment-succeeded', { payment });
    }
    await this.updateComplete;
    this.focus();
  }

  /**
   * Runs the customer's part of a `requires_action` payment. When the customer closes the
   * challenge, the payment stays retryable: the alert offers to open it again.
   */
  async #runAction(payment: Payment): Promise<void> {
    if (!payment.next_action || !this.setup) return;
    this.#action = createNextAction(payment.next_action, this.setup, this.providerContext());
    const after = await this.#action.run(payment);
    this.#action = undefined;
    this.requestUpdate();

    if (after.status === 'requires_action') {
      this.#actionPayment = after;
      this.failure = { kind: 'action', code: 'requires_action' };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
      return;
    }
    await this.#show(after);
  }

  private async retryAction(): Promise<void> {
    const payment = this.#actionPayment;
    if (!payment || this.submitting) return;
    this.submitting = true;
    this.failure = undefined;
    this.#actionPayment = undefined;
    try {
      await this.#runAction(payment);
    } catch (error) {
      await this.handleFailure(error);
    } finally {
      this.submitting = false;
    }
  }

  /**
   * Checks a pending payment with the pauses of `pollPause` until it settles or the element
   * leaves the page. A failed check is retried at the next pause.
   */
  async #watch(paymentId: string): Promise<void> {
    const generation = ++this.#watchGeneration;
    for (let check = 0; ; check += 1) {
      const pause = pollPause(check, this.pollInterval);
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (generation !== this.#watchGeneration) return;

      let latest: Payment;
      try {
        latest = await this.portal.getPayment(paymentId);
      } catch {
        continue;
      }
      if (generation !== this.#watchGeneration || latest.status === 'pending') continue;

      this.payment = latest;
      if (latest.status === 'succeeded') {
        emit(this, 'duly-payment-succeeded', { payment: latest });
      } else {
        emit(this, 'duly-payment-failed', {
          payment: latest.id,
          code: latest.failure_code ?? latest.status,
        });
      }
      return;
    }
  }

  private async handleFailure(error: unknown): Promise<void> {
    const code =
      error instanceof DulyError || error instanceof ProviderError ? error.code : 'unknown_error';
    const failedPayment = error instanceof DulyCardError ? error.payment : undefined;

    if (error instanceof DulyCardError) {
      this.failure = { kind: 'decline', code };
    } else if (error instanceof ProviderError) {
      this.failure = { kind: 'provider', code, message: error.customerMessage };
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

    if (this.failure.kind !== 'uncertain') this.#attempt = undefined;
    emit(this, 'duly-payment-failed', { payment: failedPayment, code });

    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
  }

  private onAmountInput(invoice: Invoice, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.amounts = { ...this.amounts, [invoice.id]: value };
    this.checkAmount(invoice);
    this.#form?.update?.(this.#purpose());
  }

  /** Shows or clears the error of one amount as soon as it changes. */
  private checkAmount(invoice: Invoice): void {
    const field = `amount-${invoice.id}`;
    const error = this.amountError(invoice, this.l10n.messages);
    if (error) this.showFieldErrors({ ...this.fieldErrors, [field]: error });
    else this.clearFieldError(field);
  }

  private clearFieldError(field: string): void {
    if (!(field in this.fieldErrors)) return;
    const { [field]: _cleared, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
  }

  protected override render(): TemplateResult {
    const payment = this.payment;
    if (!payment) return this.renderForm();
    if (this.showReceipt) {
      return html`<duly-receipt
        payment-id=${payment.id}
        show-back
        .client=${this.portal}
        .locale=${this.locale}
        .sessionLocale=${this.sessionLocale}
        theme=${this.theme}
        @duly-back=${async (event: Event) => {
          event.stopPropagation();
          this.showReceipt = false;
          await this.updateComplete;
          this.focus();
        }}
      ></duly-receipt>`;
    }
    return renderOutcome(payment, this.savedMethods, this.l10n, {
      back: () => emit(this, 'duly-back'),
      viewReceipt: () => {
        this.showReceipt = true;
      },
    });
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
      ${renderFailure(this.failure, this.l10n.messages, {
        retry: () => this.submit(),
        retryAction: () => this.retryAction(),
        back: () => emit(this, 'duly-back'),
      })}
      <form novalidate @submit=${this.submit}>
        <div class="pay">
          <ul class="allocations">
            ${this.invoices.map((invoice) => this.renderAllocation(invoice))}
          </ul>
          <p class="total">
            <span>${messages.total}</span>
            <span class="amount" data-testid="pay-total">${totalText}</span>
          </p>
          ${this.renderMethods()}
          ${this.renderMandate()}
          <div class="actions">
            <button class="button secondary" type="button" @click=${() => emit(this, 'duly-back')}>
              ${messages.cancel}
            </button>
            <button
              class="button primary"
              type="submit"
              part="submit"
              data-testid="pay-submit"
              aria-disabled=${this.submitting ? 'true' : nothing}
              ?disabled=${!amountsValid || !this.setup}
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
      ${this.#action?.render() ?? nothing}
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

  private renderMethods(): TemplateResult {
    const { messages } = this.l10n;
    if (this.setupError) {
      return errorState(messages.loadSetupFailed, this.setupError, messages, () => {
        void this.loadSetup();
      });
    }
    const setup = this.setup;
    if (!setup) {
      return html`<div class="method-loading" aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span><span class="skeleton"></span>
      </div>`;
    }

    const saved = this.#usableMethods;
    const options = [
      ...saved.map((method) => ({ value: method.id, label: methodLabel(method, messages) })),
      { value: NEW_CARD, label: saved.length > 0 ? messages.newCard : messages.card },
      ...(this.#takesBankAccounts
        ? [
            {
              value: NEW_BANK,
              label: saved.length > 0 ? messages.newBankAccount : messages.bankAccount,
            },
          ]
        : []),
    ];

    return html`<fieldset part="method">
      <legend>${cardIcon}${messages.paymentMethod}</legend>
      ${
        options.length > 1
          ? html`<div class="choices">
              ${options.map(
                (option) => html`<label class="check choice">
                  <input
                    type="radio"
                    name="method"
                    data-testid="method-choice"
                    .value=${option.value}
                    .checked=${this.choice === option.value}
                    @change=${() => this.choose(option.value)}
                  />
                  <span>${option.label}</span>
                </label>`,
              )}
            </div>`
          : nothing
      }
      ${this.#form?.render() ?? nothing}
      ${
        this.#form
          ? html`<label class="check">
              <input
                type="checkbox"
                data-testid="save-method"
                .checked=${this.save}
                @change=${(event: Event) => {
                  this.save = (event.target as HTMLInputElement).checked;
                }}
              />
              <span>${messages.saveForLater}</span>
            </label>`
          : nothing
      }
    </fieldset>`;
  }

  private choose(choice: string): void {
    this.choice = choice;
    this.failure = undefined;
    this.clearFieldError('mandate');
  }

  private renderMandate(): TemplateResult | typeof nothing {
    if (!this.setup || !this.#paysByBank) return nothing;
    const { messages } = this.l10n;
    const error = this.fieldErrors.mandate;
    return html`<div class="mandate" part="mandate">
      <h3>${messages.mandateHeading}</h3>
      <p class="small" id="mandate-text" data-testid="mandate-text">
        ${this.setup.mandate_text.one_off}
      </p>
      <label class="check">
        <input
          type="checkbox"
          id="mandate"
          data-testid="mandate-accept"
          .checked=${this.mandateAccepted}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'mandate-text mandate-error' : 'mandate-text'}
          @change=${(event: Event) => {
            this.mandateAccepted = (event.target as HTMLInputElement).checked;
            if (this.mandateAccepted) this.clearFieldError('mandate');
          }}
        />
        <span>${messages.mandateAccept}</span>
      </label>
      ${fieldError('mandate', error)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-pay': DulyPay;
  }
}
