import { currencyExponent, formatDecimalAmount } from '@duly/core/money';
import type {
  CreditApplication,
  Invoice,
  Payment,
  PaymentMethod,
  PaymentPreviewRequest,
  PaymentSetup,
} from '@duly/sdk';
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
import { type Messages, partMessages } from '../i18n/index.js';
import type { MethodForm, MethodPurpose, NextAction } from '../providers/provider-context.js';
import { ProviderError } from '../providers/provider-context.js';
import { createMethodForm, createNextAction, type MethodKind } from '../providers/registry.js';
import { receiptInPlace } from '../receipt/receipt-in-place.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit, type PaymentNoticeRequestDetail } from '../shared/events.js';
import { fieldError, withoutFieldError } from '../shared/fields.js';
import { decimalSeparator, formatMoney, formatPlainDate } from '../shared/format.js';
import { alertIcon, cardIcon, checkIcon } from '../shared/icons.js';
import { methodLabel } from '../shared/payment-text.js';
import { errorState, isPayable } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';
import { type AmountInputProblem, parseAmountInput } from './card-fields.js';
import { renderCreditOutcome } from './credit-outcome.js';
import { payStyles } from './duly-pay.styles.js';
import { type PayMessages, payMessages } from './pay.messages.js';
import {
  figuresOfInvoices,
  figuresOfPreview,
  minimumCharge,
  type PayMode,
  type PaymentTarget,
} from './pay-target.js';
import { type Failure, renderFailure } from './payment-failure.js';
import { renderOutcome } from './payment-outcome.js';
import { type PaymentFigures, renderSplit, renderTotals } from './payment-split.js';
import { pollPause } from './poll-schedule.js';
import { PreviewController } from './preview-controller.js';
import { renderShortPay, type ShortPayAnswer } from './short-pay.js';

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
 * Pays open invoices of one currency in one of three ways (`mode`). `invoices`, the
 * default, pays the invoices it is given, the customer setting the amount of each. `all`
 * pays every open invoice of `currency` that is neither disputed nor waiting on a payment
 * notice. `amount` applies an amount the customer types to the oldest of those invoices
 * first, the last one partly, and any excess becomes credit balance. For `all` and
 * `amount` the API's preview shows the split before the customer confirms, and is
 * requested again a moment after the customer stops typing.
 *
 * Lowering an invoice's amount below what can be paid requires one of the vendor's
 * short-pay reasons and an optional note. When the customer has credit balance in the
 * currency, "Use credit balance" applies it first; when it covers everything, the
 * invoices are paid from credit with no payment method. A charge below the provider's
 * minimum for the currency is stopped before it is sent.
 *
 * The customer picks a saved method, or a new card or bank account with the vendor's
 * provider. A bank account needs the debit authorization. Bank payments stay pending, for
 * days with a real bank or seconds in the sandbox. While one is shown, the element checks
 * it again, every few seconds for the first minute and then with growing pauses, so a
 * settlement or a return (R01, ...) shows up while the customer watches.
 *
 * Stripe.js and Plaid Link load when this element first needs them, never before.
 *
 * @tag duly-pay
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @attr mode - `invoices` (default), `all` or `amount`.
 * @attr currency - The currency of `all` and `amount`, such as `USD`.
 * @attr poll-interval - Milliseconds between the first twenty checks of a pending bank
 *   payment, which take a minute at the default of 3,000. Later pauses double, up to a minute.
 * @attr preview-delay - Milliseconds after the last keystroke before the preview is asked
 *   for; 300 by default.
 * @attr standalone - The form is the whole page, as on the hosted pay page: it has no
 *   Cancel button and no "I sent a payment", which need a portal around the form.
 *
 * @prop {Invoice[]} invoices - The open invoices to pay in `invoices` mode, all of one currency.
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {Record<string, string>} scriptUrls - Replacement addresses of provider scripts.
 * @prop {PortalFeature[]} features - The session's features. The form itself needs `pay`;
 *   with it, or while not set, it offers "I sent a payment" for money sent another way.
 *
 * @slot duly-provider - Filled by the element itself with the light-DOM mount point of
 *   Stripe's Payment Element.
 *
 * @fires duly-payment-succeeded - {PaymentSucceededDetail} The payment succeeded, at once
 *   or when a pending bank payment settled.
 * @fires duly-payment-pending - {PaymentPendingDetail} A bank payment is on its way.
 * @fires duly-payment-failed - {PaymentFailedDetail} The payment was declined or failed,
 *   or a pending bank payment was returned.
 * @fires duly-credit-applied - {CreditAppliedDetail} The invoices were paid from credit.
 * @fires duly-payment-notice-request - {PaymentNoticeRequestDetail} The customer chose
 *   "I sent a payment"; `<duly-portal>` opens `<duly-payment-notice>`.
 * @fires duly-back - The customer cancelled, or left the result.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart pay - The card around the form.
 * @csspart split - How a balance payment is applied to invoices.
 * @csspart short-pay - The reason for paying an invoice partly.
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

  /** The open invoices to pay in `invoices` mode, all of one currency. */
  @property({ attribute: false }) invoices: Invoice[] = [];

  /** The way the element pays: the given `invoices`, `all` of a currency, or an `amount`. */
  @property({ reflect: true }) mode: PayMode = 'invoices';

  /** The currency of `all` and `amount` modes. */
  @property() currency?: string;

  /** Milliseconds between the first twenty checks of a pending bank payment. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 3000;

  /** Milliseconds after the last keystroke before the preview is asked for. */
  @property({ type: Number, attribute: 'preview-delay' }) previewDelay = 300;

  /** Whether the form is the whole page, with nothing to go back to. */
  @property({ type: Boolean }) standalone = false;

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
  /** The amount typed in `amount` mode. */
  @state() private balanceAmount = '';
  @state() private useCredit = false;
  @state() private shortPay: ShortPayAnswer = { reason: '', note: '' };
  @state() private creditApplication?: CreditApplication;

  #preview = new PreviewController(
    this,
    (request) => this.portal.previewPayment(request),
    () => this.previewDelay,
  );
  /** The purpose last passed to the provider's form, so that it is updated only on changes. */
  #purposeKey?: string;
  #attempt?: Attempt;
  #form?: MethodForm;
  #formChoice?: string;
  #action?: NextAction;
  /** The `requires_action` payment whose challenge the customer closed. */
  #actionPayment?: Payment;
  // Incremented to stop the check loop of a pending payment.
  #watchGeneration = 0;
  #setupLoading = false;

  private get text(): PayMessages {
    return partMessages(payMessages, this.l10n);
  }

  /** Focuses the heading of the form or of the result. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.setup) void this.loadSetup();
    // Leaving the page cancels a preview still waiting for the typing pause.
    if (this.hasUpdated) this.#preview.want(this.#previewRequest());
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
    if (changed.has('invoices') || changed.has('mode') || changed.has('currency')) {
      this.#preview.want(this.#previewRequest(), true);
    }
    this.#syncForm();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A provider's form (Stripe's Payment Element) shows the amount it will charge.
    const purpose = this.#purpose();
    const key = JSON.stringify(purpose);
    if (this.#form && key !== this.#purposeKey) this.#form.update?.(purpose);
    this.#purposeKey = key;
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
    return Boolean(this.setup?.bank) && this.#paymentCurrency === 'USD';
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
    if (!kind || this.#form || !this.setup || !this.#paymentCurrency) return;

    this.#formChoice = choice;
    try {
      this.#form = createMethodForm(kind, this.setup, this.providerContext(), this.#purpose());
    } catch (error) {
      console.error(error);
      this.failure = { kind: 'provider', code: (error as ProviderError).code };
    }
  }

  #purpose(): MethodPurpose {
    const amount = this.#figures()?.toCharge ?? 0;
    return { mode: 'payment', amount, currency: this.#paymentCurrency ?? 'USD' };
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

  /** The currency of what is paid: the invoices', or `currency` for a balance. */
  get #paymentCurrency(): string | undefined {
    return this.mode === 'invoices' ? this.invoices[0]?.currency : this.currency;
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

  // --- What is paid: the target of the request, its figures, credit and short pay ---

  /** Reads the amount typed in `amount` mode: minor units, or why it cannot be read. */
  #readBalanceAmount(): number | AmountInputProblem | 'empty' {
    if (this.balanceAmount.trim() === '') return 'empty';
    const decimal = decimalSeparator(this.l10n.locale);
    return parseAmountInput(this.balanceAmount, this.currency ?? 'USD', decimal);
  }

  /** Returns the error of the amount typed in `amount` mode, or `undefined`. */
  #balanceAmountError(messages: Messages): string | undefined {
    const currency = this.currency ?? 'USD';
    const amount = this.#readBalanceAmount();
    if (amount === 'empty') return this.text.amountMissing;
    if (amount === 'amountTooManyDecimals') {
      return messages.amountTooManyDecimals(currency, currencyExponent(currency));
    }
    if (amount === 'amountInvalid') return messages.amountInvalid(this.amountText(1250, currency));
    if (amount === 0) return messages.amountZero;
    return undefined;
  }

  /** Returns the target of the request, or `undefined` while an amount is invalid. */
  #target(): PaymentTarget | undefined {
    const currency = this.#paymentCurrency;
    if (!currency) return undefined;
    if (this.mode === 'all') return { pay_all: true, currency };
    if (this.mode === 'amount') {
      const amount = this.#readBalanceAmount();
      return typeof amount === 'number' && amount > 0 ? { amount, currency } : undefined;
    }
    const amounts = this.validAmounts;
    if (this.invoices.length === 0 || amounts.size !== this.invoices.length) return undefined;
    return {
      invoices: this.invoices.map((invoice) => ({
        invoice: invoice.id,
        amount: amounts.get(invoice.id) ?? 0,
      })),
    };
  }

  /**
   * The preview to ask the API for. A balance payment previews what would be sent, credit
   * included. Chosen invoices are previewed once at what can be paid, only to learn the
   * credit available: their figures follow from it without asking again.
   */
  #previewRequest(): PaymentPreviewRequest | undefined {
    if (this.mode === 'invoices') {
      if (this.invoices.length === 0) return undefined;
      return {
        invoices: this.invoices.map((invoice) => ({
          invoice: invoice.id,
          amount: invoice.amount_payable,
        })),
      };
    }
    const target = this.#target();
    if (!target) return undefined;
    return this.useCredit ? { ...target, apply_credit: true } : target;
  }

  /** The credit balance in the payment's currency, as the last preview gave it. */
  get #creditAvailable(): number {
    return this.#preview.preview?.credit_available ?? 0;
  }

  /** The total, the credit used and the charge; `undefined` until they are known. */
  #figures(): PaymentFigures | undefined {
    if (this.mode !== 'invoices') {
      const preview = this.#preview.previewOf(this.#previewRequest());
      return preview ? figuresOfPreview(preview) : undefined;
    }
    // The valid amounts make a total even while another amount is being fixed; the pay
    // button waits for all of them.
    const amounts = this.validAmounts;
    if (amounts.size === 0) return undefined;
    let total = 0;
    for (const amount of amounts.values()) total += amount;
    return figuresOfInvoices(total, this.#creditAvailable, this.useCredit);
  }

  /** Whether credit covers everything, so the invoices are paid from credit with no method. */
  #paysFromCredit(figures: PaymentFigures | undefined): boolean {
    return figures !== undefined && figures.creditApplied > 0 && figures.toCharge === 0;
  }

  /** The message when the charge is below the provider's minimum for the currency. */
  #minimumError(figures: PaymentFigures | undefined): string | undefined {
    const currency = this.#paymentCurrency;
    if (!figures || !currency || figures.toCharge === 0) return undefined;
    const minimum = minimumCharge(this.setup, currency);
    if (figures.toCharge >= minimum) return undefined;
    return this.text.belowMinimum(formatMoney(minimum, currency, this.l10n.locale));
  }

  /**
   * Whether the payment pays an invoice partly, which needs a short-pay reason. Paying from
   * credit alone makes no payment, and a credit application takes no reason.
   */
  get #shortPaid(): boolean {
    if (this.mode !== 'invoices') return false;
    if (this.#paysFromCredit(this.#figures())) return false;
    return this.invoices.some((invoice) => {
      const amount = this.amountOf(invoice);
      return amount !== undefined && amount < invoice.amount_payable;
    });
  }

  /** The `short_pay` of the request, when an invoice is paid partly. */
  #shortPayRequest(): { reason: string; note?: string } | undefined {
    if (!this.#shortPaid) return undefined;
    const note = this.shortPay.note.trim();
    return { reason: this.shortPay.reason, ...(note ? { note } : {}) };
  }

  /** Checks what the form would send; returns the errors by field, empty when all is well. */
  private validate(messages: Messages, paysFromCredit: boolean): Record<string, string> {
    const errors: Record<string, string> = {};
    if (this.mode === 'invoices') {
      for (const invoice of this.invoices) {
        const error = this.amountError(invoice, messages);
        if (error) errors[`amount-${invoice.id}`] = error;
      }
      if (this.#shortPaid && !this.shortPay.reason) {
        errors['short-pay-reason'] = this.text.shortPayReasonRequired;
      }
    }
    if (this.mode === 'amount') {
      const error = this.#balanceAmountError(messages);
      if (error) errors['balance-amount'] = error;
    }
    if (!paysFromCredit && this.#paysByBank && !this.mandateAccepted) {
      errors.mandate = messages.mandateRequired;
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

  private async focusInvalidField(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.submitting || !this.setup) return;
    const { messages } = this.l10n;
    const figures = this.#figures();
    const fromCredit = this.#paysFromCredit(figures);
    // A new card or bank account whose provider has no form here cannot be paid with.
    const newMethod = this.choice === NEW_CARD || this.choice === NEW_BANK;
    if (!fromCredit && newMethod && !this.#form) return;

    const errors = this.validate(messages, fromCredit);
    const formValid = fromCredit || (this.#form?.check?.() ?? true);
    this.showFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !formValid) {
      if (!formValid) this.failure = undefined;
      await this.focusInvalidField();
      return;
    }
    const target = this.#target();
    // A balance payment is sent only once the customer has seen its split.
    if (!target || !figures || this.#minimumError(figures)) return;

    const shortPay = this.#shortPayRequest();
    const signature = JSON.stringify({
      fromCredit,
      choice: this.choice,
      details: this.#form?.signature(),
      save: this.save && this.hasFeature('payment_methods'),
      target,
      useCredit: this.useCredit,
      shortPay,
    });
    if (this.#attempt?.signature !== signature) {
      this.#attempt = { idempotencyKey: createIdempotencyKey(), signature };
    }
    const attempt = this.#attempt;

    this.submitting = true;
    this.failure = undefined;
    this.#actionPayment = undefined;
    try {
      if (fromCredit) {
        const application = await this.portal.applyCredit(target, {
          idempotencyKey: attempt.idempotencyKey,
        });
        this.#attempt = undefined;
        await this.#showCreditApplication(application);
        return;
      }

      if (!this.#form) {
        attempt.paymentMethodId = this.choice;
      } else if (!attempt.paymentMethodId) {
        const method = await this.#form.collect(this.save && this.hasFeature('payment_methods'));
        if (!method) {
          await this.focusInvalidField();
          return;
        }
        attempt.paymentMethodId = method.id;
      }

      const payment = await this.portal.createPayment(
        {
          payment_method: attempt.paymentMethodId,
          ...target,
          ...(this.useCredit ? { apply_credit: true } : {}),
          ...(shortPay ? { short_pay: shortPay } : {}),
          ...(this.#paysByBank ? { mandate: { accepted: true as const } } : {}),
        },
        { idempotencyKey: attempt.idempotencyKey },
      );
      this.#attempt = undefined;
      await this.#show(payment);
    } catch (error) {
      await this.handleFailure(error, figures);
    } finally {
      this.submitting = false;
    }
  }

  async #showCreditApplication(application: CreditApplication): Promise<void> {
    this.creditApplication = application;
    emit(this, 'duly-credit-applied', { creditApplication: application });
    await this.updateComplete;
    this.focus();
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

  /**
   * Shows why an attempt failed. `figures` are those of the attempt: credit it applied stays
   * applied when the charge then fails, as in the API, so the form reloads what is left.
   */
  private async handleFailure(error: unknown, figures?: PaymentFigures): Promise<void> {
    const code =
      error instanceof DulyError || error instanceof ProviderError ? error.code : 'unknown_error';
    const failedPayment = error instanceof DulyCardError ? error.payment : undefined;
    const { locale } = this.l10n;

    if (isShortPayProblem(error)) {
      // The vendor's reasons changed since the form loaded, or none was sent.
      this.#attempt = undefined;
      this.showFieldErrors({
        ...this.fieldErrors,
        'short-pay-reason': this.text.shortPayReasonRequired,
      });
      emit(this, 'duly-payment-failed', { code });
      await this.focusInvalidField();
      return;
    }

    const creditKept =
      error instanceof DulyCardError && figures && figures.creditApplied > 0 && this.useCredit
        ? formatMoney(figures.creditApplied, this.#paymentCurrency ?? 'USD', locale)
        : undefined;
    if (error instanceof DulyCardError) {
      this.failure = {
        kind: 'decline',
        code,
        note: creditKept ? this.text.creditStaysApplied(creditKept) : undefined,
      };
    } else if (error instanceof ProviderError) {
      this.failure = { kind: 'provider', code, message: error.customerMessage };
    } else if (code === 'amount_below_minimum' && error instanceof DulyError) {
      // The API names the minimum of the method's provider, which the setup may not list.
      this.failure = { kind: 'refused', code, message: error.detail };
    } else if (code === 'nothing_to_pay') {
      const currency = this.#paymentCurrency ?? '';
      this.failure = { kind: 'refused', code, message: this.text.nothingOpenIn(currency) };
    } else if (
      code === 'amount_exceeds_payable' ||
      code === 'invoice_not_open' ||
      code === 'credit_exceeds_balance'
    ) {
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
    if (creditKept) await this.#reloadAfterCreditApplied();
    else if (code === 'nothing_to_pay') this.#preview.refresh(this.#previewRequest());

    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.alert')?.focus();
  }

  /**
   * Loads what is left to pay after a declined charge whose request applied credit: the
   * invoices again (their amounts start at what can be paid now), and a new preview.
   */
  async #reloadAfterCreditApplied(): Promise<void> {
    this.useCredit = false;
    if (this.mode !== 'invoices') {
      this.#preview.refresh(this.#previewRequest());
      return;
    }
    try {
      const fresh = await Promise.all(
        this.invoices.map((invoice) => this.portal.getInvoice(invoice.id)),
      );
      this.amounts = {};
      this.invoices = fresh.filter(isPayable);
    } catch {
      // The amounts typed stay. The API rejects an amount above what is left, and the alert
      // explains that.
    }
  }

  private onAmountInput(invoice: Invoice, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.amounts = { ...this.amounts, [invoice.id]: value };
    this.checkAmount(invoice);
  }

  private onBalanceAmountInput(event: Event): void {
    this.balanceAmount = (event.target as HTMLInputElement).value;
    const amount = this.#readBalanceAmount();
    // An empty field is not an error until the customer submits it.
    const error = amount === 'empty' ? undefined : this.#balanceAmountError(this.l10n.messages);
    if (error) this.showFieldErrors({ ...this.fieldErrors, 'balance-amount': error });
    else this.clearFieldError('balance-amount');
    this.#preview.want(this.#previewRequest());
  }

  private onUseCreditChange(event: Event): void {
    this.useCredit = (event.target as HTMLInputElement).checked;
    this.failure = undefined;
    if (this.mode !== 'invoices') this.#preview.want(this.#previewRequest(), true);
  }

  /** Opens "I sent a payment" with what this form would pay. */
  private requestPaymentNotice(): void {
    let invoices: PaymentNoticeRequestDetail['invoices'];
    if (this.mode === 'invoices') {
      invoices = this.invoices.map((invoice) => ({
        invoice: invoice.id,
        amount: this.amountOf(invoice) ?? invoice.amount_payable,
      }));
    } else {
      const lines = this.#preview.previewOf(this.#previewRequest())?.applications ?? [];
      invoices = lines.map((line) => ({ invoice: line.invoice, amount: line.amount }));
    }
    emit<PaymentNoticeRequestDetail>(this, 'duly-payment-notice-request', {
      invoices,
      ...(this.#paymentCurrency ? { currency: this.#paymentCurrency } : {}),
    });
  }

  /** Shows or clears the error of one amount as soon as it changes. */
  private checkAmount(invoice: Invoice): void {
    const field = `amount-${invoice.id}`;
    const error = this.amountError(invoice, this.l10n.messages);
    if (error) this.showFieldErrors({ ...this.fieldErrors, [field]: error });
    else this.clearFieldError(field);
  }

  private clearFieldError(field: string): void {
    this.fieldErrors = withoutFieldError(this.fieldErrors, field);
  }

  protected override render(): TemplateResult {
    if (this.creditApplication) {
      return renderCreditOutcome(this.creditApplication, this.l10n, () => emit(this, 'duly-back'));
    }
    const payment = this.payment;
    if (!payment) return this.renderForm();
    if (this.showReceipt) {
      return receiptInPlace(this, this.portal, payment.id, async () => {
        this.showReceipt = false;
        await this.updateComplete;
        this.focus();
      });
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
    const currency = this.#paymentCurrency;
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
    const figures = this.#figures();
    const fromCredit = this.#paysFromCredit(figures);
    const minimumError = this.#minimumError(figures);
    const ready =
      figures !== undefined && this.#target() !== undefined && !minimumError && Boolean(this.setup);

    let label = messages.pay;
    if (this.submitting) label = fromCredit ? this.text.applyingCredit : messages.paying;
    else if (fromCredit) label = this.text.payFromCredit;
    else if (figures && ready) {
      label = messages.payAmount(formatMoney(figures.toCharge, currency, locale));
    }

    return html`<section class="card pay" part="pay" aria-labelledby="pay-heading">
      <div class="pay-header">
        <h2 id="pay-heading" tabindex="-1">${this.#heading(currency)}</h2>
      </div>
      ${renderFailure(this.failure, this.l10n, {
        retry: () => this.submit(),
        retryAction: () => this.retryAction(),
        back: () => emit(this, 'duly-back'),
      })}
      <form novalidate @submit=${this.submit}>
        <div class="pay">
          ${this.#renderTarget(currency)}
          ${this.#renderCreditChoice(currency)}
          ${renderTotals(figures, currency, this.l10n)}
          <div class="charge-status" aria-live="polite">
            ${
              minimumError
                ? html`<p class="field-error" id="charge-error" data-testid="minimum-error">
                    ${alertIcon}${minimumError}
                  </p>`
                : nothing
            }
          </div>
          ${
            fromCredit
              ? html`<p class="credit-covers" data-testid="credit-covers">
                  ${checkIcon}${this.text.creditCoversAll}
                </p>`
              : html`${this.renderMethods()}${this.renderMandate()}`
          }
          <div class="actions">
            ${
              this.standalone
                ? nothing
                : html`<button class="button secondary" type="button" @click=${() => emit(this, 'duly-back')}>
                    ${messages.cancel}
                  </button>`
            }
            <button
              class="button primary"
              type="submit"
              part="submit"
              data-testid="pay-submit"
              aria-disabled=${this.submitting ? 'true' : nothing}
              aria-describedby=${minimumError ? 'charge-error' : nothing}
              ?disabled=${!ready}
            >
              ${label}
            </button>
          </div>
          ${this.#renderReportPayment()}
        </div>
      </form>
      ${this.#action?.render() ?? nothing}
    </section>`;
  }

  #heading(currency: string): string {
    const { messages } = this.l10n;
    if (this.mode === 'all') return this.text.payAllHeading(currency);
    if (this.mode === 'amount') return this.text.payAmountHeading(currency);
    return messages.payHeading(this.invoices.length);
  }

  /** Draws what is paid: the invoices' amounts, or a balance payment and its split. */
  #renderTarget(currency: string): TemplateResult {
    if (this.mode === 'invoices') {
      return html`<ul class="allocations">
          ${this.invoices.map((invoice) => this.renderAllocation(invoice))}
        </ul>
        ${
          this.#shortPaid
            ? renderShortPay(
                this.setup?.short_pay_reasons ?? [],
                this.shortPay,
                this.fieldErrors['short-pay-reason'],
                this.text,
                {
                  reason: (reason) => {
                    this.shortPay = { ...this.shortPay, reason };
                    if (reason) this.clearFieldError('short-pay-reason');
                  },
                  note: (note) => {
                    this.shortPay = { ...this.shortPay, note };
                  },
                },
              )
            : nothing
        }`;
    }
    if (this.mode === 'all') {
      return html`<p class="muted small">${this.text.payAllLeftOut}</p>
        ${this.#renderSplitArea()}`;
    }
    return html`${this.#renderBalanceAmount(currency)}${this.#renderSplitArea()}`;
  }

  #renderBalanceAmount(currency: string): TemplateResult {
    const error = this.fieldErrors['balance-amount'];
    const describedBy = error ? 'balance-amount-hint balance-amount-error' : 'balance-amount-hint';
    return html`<div class="field balance-amount">
      <label for="balance-amount">${this.text.amountToPayIn(currency)}</label>
      <span class="money-input">
        <span class="currency" aria-hidden="true">${currency}</span>
        <input
          id="balance-amount"
          data-testid="balance-amount"
          inputmode="decimal"
          autocomplete="off"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          .value=${this.balanceAmount}
          @input=${this.onBalanceAmountInput}
        />
      </span>
      <span class="hint" id="balance-amount-hint">${this.text.amountOldestFirst}</span>
      ${fieldError('balance-amount', error)}
    </div>`;
  }

  /**
   * Draws the split of a balance payment. While a newer preview is on its way the last one
   * stays, dimmed, so the list does not jump at every keystroke.
   */
  #renderSplitArea(): TemplateResult | typeof nothing {
    const { messages } = this.l10n;
    const request = this.#previewRequest();
    const controller = this.#preview;
    const current = controller.previewOf(request);
    const shown = current ?? (controller.loading && request ? controller.preview : undefined);

    if (controller.error && !controller.loading) {
      const nothingOpen =
        controller.error instanceof DulyError && controller.error.code === 'nothing_to_pay';
      return html`<div class="split-state" role="alert" data-testid="split-error">
        <p>${alertIcon}${nothingOpen ? this.text.nothingOpenIn(this.#paymentCurrency ?? '') : this.text.previewFailed}</p>
        ${
          nothingOpen
            ? nothing
            : html`<button
                class="button secondary"
                type="button"
                @click=${() => controller.refresh(request)}
              >
                ${messages.retry}
              </button>`
        }
      </div>`;
    }
    if (shown) {
      return html`<div class=${current ? 'split-area' : 'split-area stale'} part="split" aria-busy=${current ? 'false' : 'true'}>
        ${renderSplit(shown, this.l10n)}
      </div>`;
    }
    if (request && controller.loading) {
      return html`<p class="muted small split-state" role="status">${this.text.previewLoading}</p>`;
    }
    return nothing;
  }

  #renderCreditChoice(currency: string): TemplateResult | typeof nothing {
    const available = this.#creditAvailable;
    if (available <= 0) return nothing;
    const { locale } = this.l10n;
    return html`<label class="check credit-choice">
      <input
        type="checkbox"
        data-testid="use-credit"
        .checked=${this.useCredit}
        @change=${this.onUseCreditChange}
      />
      <span>${this.text.useCredit(formatMoney(available, currency, locale))}</span>
    </label>`;
  }

  #renderReportPayment(): TemplateResult | typeof nothing {
    if (!this.hasFeature('pay') || this.standalone) return nothing;
    const { messages } = this.l10n;
    return html`<p class="report-payment small">
      <span class="muted">${this.text.paidAnotherWay}</span>
      <button
        class="link-button"
        type="button"
        data-testid="report-payment"
        @click=${this.requestPaymentNotice}
      >
        ${messages.reportPayment}
      </button>
    </p>`;
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
        // Saving a method is the payment_methods feature, which the API refuses without it.
        this.#form && this.hasFeature('payment_methods')
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

/** Returns true when the API rejected the short-pay reason: missing, or not the vendor's. */
function isShortPayProblem(error: unknown): boolean {
  if (!(error instanceof DulyError)) return false;
  if (error.code === 'short_pay_reason_required') return true;
  return error.code === 'validation_failed' && error.param === 'short_pay.reason';
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-pay': DulyPay;
  }
}
