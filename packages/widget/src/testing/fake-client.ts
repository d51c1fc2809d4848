import type {
  CancelSubscriptionRequest,
  PortalSubscriptionOptions,
  Subscription,
  SubscriptionChangePreview,
  SubscriptionChangeRequest,
} from '@duly/core';
import type {
  Autopay,
  BillingDetails,
  CreateCreditApplicationRequest,
  CreateCreditRequestRequest,
  CreatePaymentNoticeRequest,
  CreatePaymentOptions,
  CreatePaymentRequest,
  CreatePlaidPaymentMethodRequest,
  CreateSandboxPaymentMethodRequest,
  CreateStripePaymentMethodRequest,
  CreateThreadRequest,
  CreditApplication,
  CreditLimit,
  CreditNote,
  CreditRequest,
  Invoice,
  InvoiceThread,
  List,
  ListInvoicesParams,
  ListParams,
  ListThreadsParams,
  Payment,
  PaymentMethod,
  PaymentNotice,
  PaymentPreview,
  PaymentPreviewRequest,
  PaymentSetup,
  PlaidLinkToken,
  PortalClient,
  PortalFeature,
  PortalSession,
  Receipt,
  SandboxChallengeResult,
  SetupIntent,
  Statement,
  StatementParams,
  UpdateAutopayRequest,
  UpdateBillingDetailsRequest,
} from '@duly/sdk';
import {
  DulyAuthenticationError,
  DulyCardError,
  DulyConflictError,
  DulyConnectionError,
  DulyInvalidRequestError,
  DulyNotFoundError,
  DulyPermissionError,
} from '@duly/sdk';
import {
  FakeCredit,
  FakeThreads,
  type StatementLedger,
  statementAsOf,
  statementCsv,
  storedBillingDetails,
} from './fake-account-api.js';
import { creditBalanceOf, currenciesWithCredit, useCredit } from './fake-credit-balance.js';
import {
  checkMinimumCharge,
  checkPaymentNotice,
  checkShortPay,
  type PaymentTarget,
  planPayment,
} from './fake-paying.js';
import { FakeSubscriptions } from './fake-subscriptions.js';
import {
  makeBillingDetails,
  makeCreditNote,
  makeInvoice,
  makeSession,
  makeSetup,
} from './fixtures.js';

export { makePlan, makeSubscription } from './fake-subscriptions.js';
export {
  makeBankAccount,
  makeBillingDetails,
  makeCreditNote,
  makeCreditRequest,
  makeInvoice,
  makePayment,
  makePaymentMethod,
  makePaymentNotice,
  makeSession,
  makeSetup,
  makeStripeSetup,
  makeThread,
} from './fixtures.js';

/** Outcomes of the sandbox's test cards, as the API applies them. */
const TEST_CARDS: Record<string, string | null> = {
  '4242424242424242': null,
  '5555555555554444': null,
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
};
/** The sandbox's card that requires 3-D Secure. */
const THREE_D_SECURE_CARD = '4000002500003155';
const TEST_ROUTING_NUMBER = '110000000';
/** The outcome of a debit of each of Stripe's test bank accounts: null succeeds, else the return code. */
const TEST_BANK_ACCOUNTS: Record<string, string | null> = {
  '000123456789': null,
  '000222222227': 'R01',
  '000111111113': 'R02',
  '000111111116': 'R03',
};

/** One call the widget made, for assertions. */
export interface FakeCall {
  method: string;
  args: unknown[];
  /** `performance.now()` when the call was made. */
  at: number;
}

/** A method the fake made, with the test number that decides what charging it does. */
interface StoredMethod {
  method: PaymentMethod;
  number: string;
  saved: boolean;
  removed: boolean;
}

/**
 * An in-memory portal API behind the SDK's `PortalClient` interface. It applies payments to
 * its invoices and declines the sandbox's decline cards. It requires 3-D Secure for the
 * sandbox's 3-D Secure card and for Stripe methods made from it, keeps bank payments
 * pending until a test settles them, and can be set to fail or expire.
 */
export class FakePortalClient implements PortalClient {
  invoices: Invoice[];
  /**
   * The session `getSession` returns. The `credit` of its balances is not read: as in the
   * API, it is what `creditNotes` and succeeded payments leave, and a currency with credit
   * but no balance gets a row of its own.
   */
  session: PortalSession;
  setup: PaymentSetup = makeSetup();
  autopay: Autopay = {
    object: 'autopay',
    status: 'off',
    payment_method: null,
    enabled_on: null,
    paused_reason: null,
    last_failed_payment: null,
    mandate_accepted_at: null,
  };
  token = 'pst_initial';
  calls: FakeCall[] = [];
  /** Tokens passed to `setSession`, in order. */
  sessions: string[] = [];
  /** The next this many calls fail with `session_expired` (until a new token is set). */
  expireCalls = 0;
  /** The next call fails with this error. */
  failNext?: Error;
  /** The next call of a method (by name) fails with the error stored for it. */
  failNextCallOf = new Map<string, Error>();
  /** While set, every call waits for it before returning. */
  gate?: Promise<void>;

  // widget-account: the vendor's side of threads, the credit limit and billing details.
  /** Questions and disputes; tests answer and resolve them as the vendor. */
  threads = new FakeThreads();
  /** The credit limit and requests; tests approve and decline them as the vendor. */
  credit = new FakeCredit();
  billingDetails: BillingDetails = makeBillingDetails();
  /**
   * Credit notes the vendor issued, stored oldest first: the statement lists what remains
   * of them, and `listCreditNotes` returns them newest first.
   */
  creditNotes: CreditNote[] = [];

  #methods = new Map<string, StoredMethod>();
  #payments = new Map<string, Payment>();
  #paymentsByKey = new Map<string, Payment>();
  #sequence = 0;

  /** The customer's subscriptions and the vendor's plans; tests set them up here. */
  subscriptions = new FakeSubscriptions();

  // --- widget-pay: credit balance and payment notices ---
  /** The customer's payment notices, stored oldest first and listed newest first. */
  paymentNotices: PaymentNotice[] = [];
  #creditApplicationsByKey = new Map<string, CreditApplication>();

  constructor(invoices: Invoice[] = [makeInvoice()], session: PortalSession = makeSession()) {
    this.invoices = invoices;
    this.session = session;
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The first argument of the last call of `method`; throws when there was none. */
  lastArgument<T>(method: string): T {
    const call = this.callsOf(method).at(-1);
    if (!call) throw new Error(`Fake client: ${method} was never called`);
    return call.args[0] as T;
  }

  /** Adds saved methods, as if the customer had saved them earlier. */
  addSavedMethods(...methods: PaymentMethod[]): void {
    for (const method of methods) {
      const number =
        method.type === 'card' ? `424242424242${method.last4}` : `00012345${method.last4}`;
      this.#methods.set(method.id, { method, number, saved: true, removed: false });
    }
  }

  /** Adds payments to the history, as if made earlier. */
  addPayments(...payments: Payment[]): void {
    for (const payment of payments) this.#payments.set(payment.id, structuredClone(payment));
  }

  /** Returns the payment with `id` as the fake stores it now. */
  payment(id: string): Payment {
    const payment = this.#payments.get(id);
    if (!payment) throw new Error(`Fake client: no payment ${id}`);
    return payment;
  }

  /**
   * Settles a pending bank payment: `succeeded`, or a bank's return code (`R01`, ...) that
   * fails it and reopens what it was paying.
   */
  settleBankPayment(id: string, outcome: 'succeeded' | string): void {
    const payment = this.payment(id);
    for (const application of payment.applications) {
      const invoice = this.#invoice(application.invoice);
      invoice.amount_pending -= application.amount;
      // The pending payment had already taken the amount off what can be paid.
      if (outcome === 'succeeded') this.#applyToInvoice(invoice, application.amount, 0);
      else invoice.amount_payable += application.amount;
    }
    if (outcome === 'succeeded') {
      payment.status = 'succeeded';
      // From now on its part above the open balance (amount_unapplied) is credit.
      payment.succeeded_at = '2025-12-06T10:00:00.000Z';
    } else {
      payment.status = 'failed';
      payment.failure_code = outcome;
      payment.failed_at = '2025-12-06T10:00:00.000Z';
    }
  }

  /** Settles a `requires_action` payment as its provider would after the customer's choice. */
  completeAction(id: string, result: SandboxChallengeResult): Payment {
    const payment = this.payment(id);
    if (payment.status !== 'requires_action') return payment;
    payment.next_action = null;
    if (result === 'succeeded') {
      for (const application of payment.applications) {
        const invoice = this.#invoice(application.invoice);
        this.#applyToInvoice(invoice, application.amount, application.amount);
      }
      payment.status = 'succeeded';
      payment.succeeded_at = '2025-12-04T10:01:00.000Z';
    } else {
      payment.status = 'failed';
      payment.failure_code = 'authentication_failed';
      payment.failed_at = '2025-12-04T10:01:00.000Z';
    }
    return payment;
  }

  setSession(token: string): void {
    this.sessions.push(token);
    this.token = token;
    this.expireCalls = 0;
  }

  async getSession(): Promise<PortalSession> {
    await this.enter('getSession', []);
    const session = structuredClone(this.session);
    const ledger = this.#ledger();
    for (const currency of currenciesWithCredit(ledger)) {
      if (session.balances.some((balance) => balance.currency === currency)) continue;
      session.balances.push({
        currency,
        amount_due: 0,
        amount_pending: 0,
        open_count: 0,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 0,
      });
    }
    for (const balance of session.balances) {
      balance.credit = creditBalanceOf(ledger, balance.currency);
    }
    return session;
  }

  async listInvoices(params: ListInvoicesParams = {}): Promise<List<Invoice>> {
    await this.enter('listInvoices', [params]);
    const status = params.status ?? 'open';
    const matching = this.invoices.filter((invoice) => {
      if (status === 'open') return invoice.status === 'open';
      if (status === 'overdue') return invoice.status === 'open' && invoice.overdue;
      if (status === 'paid') return invoice.status === 'paid';
      return true;
    });
    return page(matching, params);
  }

  async getInvoice(id: string): Promise<Invoice> {
    await this.enter('getInvoice', [id]);
    return structuredClone(this.#visibleInvoice(id));
  }

  async getPaymentSetup(): Promise<PaymentSetup> {
    await this.enter('getPaymentSetup', []);
    return structuredClone(this.setup);
  }

  async listPaymentMethods(): Promise<List<PaymentMethod>> {
    await this.enter('listPaymentMethods', []);
    const saved = [...this.#methods.values()].filter((stored) => stored.saved && !stored.removed);
    return {
      object: 'list',
      data: structuredClone(saved.map((stored) => stored.method)),
      next_cursor: null,
    };
  }

  async removePaymentMethod(id: string): Promise<void> {
    await this.enter('removePaymentMethod', [id]);
    const stored = this.#savedMethod(id);
    if (this.autopay.status !== 'off' && this.autopay.payment_method === id) {
      throw new DulyConflictError({
        code: 'payment_method_in_use',
        status: 409,
        detail: 'Autopay charges this payment method.',
      });
    }
    stored.removed = true;
  }

  async setDefaultPaymentMethod(id: string): Promise<PaymentMethod> {
    await this.enter('setDefaultPaymentMethod', [id]);
    const chosen = this.#savedMethod(id);
    for (const stored of this.#methods.values()) stored.method.is_default = stored === chosen;
    return structuredClone(chosen.method);
  }

  async createSandboxPaymentMethod(
    request: CreateSandboxPaymentMethodRequest,
  ): Promise<PaymentMethod> {
    await this.enter('createSandboxPaymentMethod', [request]);
    if ('card' in request) {
      const number = request.card.number.replace(/\s/g, '');
      if (!(number in TEST_CARDS) && number !== THREE_D_SECURE_CARD) {
        throw new DulyInvalidRequestError({
          code: 'card_not_test_card',
          status: 400,
          detail: 'Use a test card.',
          param: 'card.number',
        });
      }
      return this.#storeCard(
        'card',
        number,
        request.card.exp_month,
        request.card.exp_year,
        request.save,
      );
    }

    const account = request.us_bank_account;
    if (
      account.routing_number !== TEST_ROUTING_NUMBER ||
      !(account.account_number in TEST_BANK_ACCOUNTS)
    ) {
      throw new DulyInvalidRequestError({
        code: 'bank_account_not_test_account',
        status: 400,
        detail: 'Use a test bank account.',
        param: 'us_bank_account.account_number',
      });
    }
    return this.#storeBankAccount(account.account_number, request.save);
  }

  /**
   * Records a method made by the fake Stripe.js, whose ids end in the test card number they
   * stand for (`pm_fake_4242424242424242`, `seti_fake_...`).
   */
  async createStripePaymentMethod(
    request: CreateStripePaymentMethodRequest,
  ): Promise<PaymentMethod> {
    await this.enter('createStripePaymentMethod', [request]);
    const id = 'payment_method' in request ? request.payment_method : request.setup_intent;
    const number = /_(\d{16})$/.exec(id)?.[1] ?? '4242424242424242';
    const save = 'setup_intent' in request ? true : request.save;
    return this.#storeCard('stripe', number, 12, 2030, save);
  }

  async createSetupIntent(): Promise<SetupIntent> {
    await this.enter('createSetupIntent', []);
    this.#sequence += 1;
    return { object: 'setup_intent', client_secret: `seti_secret_${this.#sequence}` };
  }

  async createPlaidLinkToken(): Promise<PlaidLinkToken> {
    await this.enter('createPlaidLinkToken', []);
    return {
      object: 'plaid_link_token',
      link_token: 'link-sandbox-fake',
      expiration: '2030-01-01T00:00:00.000Z',
    };
  }

  /** Links the account of Plaid's fake `account_id`, which names a test account number. */
  async createPlaidPaymentMethod(request: CreatePlaidPaymentMethodRequest): Promise<PaymentMethod> {
    await this.enter('createPlaidPaymentMethod', [request]);
    const number = request.account_id.replace(/\D/g, '').padStart(12, '0');
    return this.#storeBankAccount(
      number in TEST_BANK_ACCOUNTS ? number : '000123456789',
      request.save,
    );
  }

  async createPayment(
    request: CreatePaymentRequest,
    options: CreatePaymentOptions,
  ): Promise<Payment> {
    await this.enter('createPayment', [request, options]);
    this.#requireFeature('pay');
    const replay = this.#paymentsByKey.get(options.idempotencyKey);
    if (replay) return structuredClone(replay);

    const stored = this.#methods.get(request.payment_method);
    if (!stored) throw new Error(`Fake client: unknown payment method ${request.payment_method}`);
    const isBank = stored.method.type === 'us_bank_account';
    if (isBank && !request.mandate?.accepted) {
      throw new DulyInvalidRequestError({
        code: 'mandate_required',
        status: 400,
        detail: 'Accept the debit authorization.',
        param: 'mandate',
      });
    }

    const { preview, rows } = planPayment(this.invoices, paymentTarget(request), (currency) =>
      this.creditOf(currency),
    );
    checkShortPay(preview, request.short_pay, this.setup.short_pay_reasons);
    if (preview.amount_to_charge === 0) {
      throw new DulyConflictError({
        code: 'nothing_to_pay',
        status: 409,
        detail: 'The credit balance covers this payment; apply the credit instead.',
      });
    }
    checkMinimumCharge(preview.amount_to_charge, preview.currency, this.setup.minimum_charge);

    // Credit applied by the request stays applied even when the charge then fails, as in
    // the API.
    this.#applyCredit(
      preview.currency,
      rows.map((row) => ({ invoice: row.invoice, amount: row.credit })),
    );

    this.#sequence += 1;
    const id = `pay_${this.#sequence}`;
    const decline = TEST_CARDS[stored.number];
    if (!isBank && decline) {
      throw new DulyCardError({
        code: decline,
        status: 402,
        detail: 'The card was declined.',
        problem: {
          type: `https://duly.dev/problems/${decline}`,
          title: 'Card declined',
          status: 402,
          code: decline,
          detail: 'The card was declined.',
          request_id: 'req_1',
          payment: id,
          decline_code: decline,
        },
      });
    }

    const applications = rows
      .filter((row) => row.amount > row.credit)
      .map((row) => ({
        invoice: row.invoice.id,
        invoice_number: row.invoice.number,
        amount: row.amount - row.credit,
      }));
    const needsAction = !isBank && stored.number === THREE_D_SECURE_CARD;
    let status: Payment['status'] = 'succeeded';
    if (isBank) status = 'pending';
    else if (needsAction) status = 'requires_action';
    for (const application of applications) {
      const invoice = this.#invoice(application.invoice);
      if (status === 'succeeded') {
        this.#applyToInvoice(invoice, application.amount, application.amount);
      } else if (status === 'pending') {
        invoice.amount_pending += application.amount;
        invoice.amount_payable -= application.amount;
      }
    }

    const isStripe = stored.method.id.includes('stripe');
    const payment: Payment = {
      object: 'payment',
      id,
      customer: 'cus_1',
      status,
      amount: preview.amount_to_charge,
      currency: preview.currency,
      failure_code: null,
      failure_message: null,
      payment_method: request.payment_method,
      method_details: {
        type: stored.method.type,
        brand: stored.method.brand,
        last4: stored.method.last4,
      },
      applications,
      source: 'portal',
      amount_unapplied: preview.amount_to_credit,
      credit_applied: preview.credit_applied,
      short_pay: request.short_pay
        ? { reason: request.short_pay.reason, note: request.short_pay.note ?? null }
        : null,
      offline: null,
      amount_refunded: 0,
      next_action: needsAction
        ? {
            type: isStripe ? 'stripe_sdk' : 'sandbox_challenge',
            client_secret: `${id}_secret`,
          }
        : null,
      chargeback_status: null,
      livemode: false,
      created_at: '2025-12-04T10:00:00.000Z',
      succeeded_at: status === 'succeeded' ? '2025-12-04T10:00:00.000Z' : null,
      failed_at: null,
    };
    this.#payments.set(id, payment);
    this.#paymentsByKey.set(options.idempotencyKey, payment);
    return structuredClone(payment);
  }

  /** Lists payments newest first (the latest added first). */
  async listPayments(params: ListParams = {}): Promise<List<Payment>> {
    await this.enter('listPayments', [params]);
    return page([...this.#payments.values()].reverse(), params);
  }

  async getPayment(id: string): Promise<Payment> {
    await this.enter('getPayment', [id]);
    return structuredClone(this.#existingPayment(id));
  }

  async refreshPayment(id: string): Promise<Payment> {
    await this.enter('refreshPayment', [id]);
    return structuredClone(this.#existingPayment(id));
  }

  async completeSandboxChallenge(id: string, result: SandboxChallengeResult): Promise<Payment> {
    await this.enter('completeSandboxChallenge', [id, result]);
    this.#requireFeature('pay');
    this.#existingPayment(id);
    return structuredClone(this.completeAction(id, result));
  }

  // --- widget-pay: previews, paying from credit, and money sent outside the portal ---

  /**
   * Returns the credit balance in `currency`: what is left of issued credit notes and of
   * succeeded payments' unapplied parts.
   */
  creditOf(currency: string): number {
    return creditBalanceOf(this.#ledger(), currency);
  }

  /**
   * Issues a credit note of `amount` in `currency` today, as the vendor would, which adds
   * that much to the credit balance.
   */
  issueCreditNote(currency: string, amount: number): CreditNote {
    this.#sequence += 1;
    const note = makeCreditNote({
      id: `cn_${this.#sequence}`,
      number: `CN-${String(this.#sequence).padStart(6, '0')}`,
      currency,
      amount,
      amount_remaining: amount,
      issued_on: this.session.today,
      applications: [],
      created_at: `${this.session.today}T09:00:00.000Z`,
    });
    this.creditNotes.push(note);
    return note;
  }

  /** Pays invoices from the credit balance, oldest credit first, as the API does. */
  #applyCredit(currency: string, uses: readonly { invoice: Invoice; amount: number }[]): void {
    const paid = uses.filter((use) => use.amount > 0);
    useCredit(this.#ledger(), currency, paid, `${this.session.today}T10:00:00.000Z`);
    for (const use of paid) this.#applyToInvoice(use.invoice, use.amount, use.amount);
  }

  /** Decides a pending notice as the vendor would, clearing it from its invoices. */
  decidePaymentNotice(id: string, status: 'confirmed' | 'rejected', reason?: string): void {
    const notice = this.paymentNotices.find((candidate) => candidate.id === id);
    if (!notice) throw new Error(`Fake client: no payment notice ${id}`);
    notice.status = status;
    notice.rejection_reason = reason ?? null;
    notice.decided_at = '2025-12-05T09:00:00.000Z';
    for (const invoice of this.invoices) {
      if (invoice.payment_notice?.id === id) invoice.payment_notice = null;
    }
  }

  async previewPayment(request: PaymentPreviewRequest): Promise<PaymentPreview> {
    await this.enter('previewPayment', [request]);
    this.#requireFeature('pay');
    const { preview } = planPayment(this.invoices, paymentTarget(request), (currency) =>
      this.creditOf(currency),
    );
    if (request.payment_method && preview.amount_to_charge > 0) {
      checkMinimumCharge(preview.amount_to_charge, preview.currency, this.setup.minimum_charge);
    }
    return preview;
  }

  async applyCredit(
    request: CreateCreditApplicationRequest,
    options: CreatePaymentOptions,
  ): Promise<CreditApplication> {
    await this.enter('applyCredit', [request, options]);
    this.#requireFeature('pay');
    const replay = this.#creditApplicationsByKey.get(options.idempotencyKey);
    if (replay) return structuredClone(replay);

    const { preview, rows } = planPayment(
      this.invoices,
      { ...paymentTarget(request), apply_credit: true },
      (currency) => this.creditOf(currency),
    );
    const asked = request.amount ?? rows.reduce((sum, row) => sum + row.amount, 0);
    if (asked > preview.credit_available) {
      throw new DulyConflictError({
        code: 'credit_exceeds_balance',
        status: 409,
        detail: `Only ${preview.credit_available} of credit is available.`,
        param: request.amount === undefined ? 'invoices' : 'amount',
      });
    }

    this.#applyCredit(preview.currency, rows);
    const application: CreditApplication = {
      object: 'credit_application',
      customer: 'cus_1',
      currency: preview.currency,
      amount: preview.credit_applied,
      applications: rows.map((row) => ({
        invoice: row.invoice.id,
        invoice_number: row.invoice.number,
        amount: row.amount,
      })),
      credit_remaining: this.creditOf(preview.currency),
      created_at: '2025-12-04T10:00:00.000Z',
    };
    this.#creditApplicationsByKey.set(options.idempotencyKey, application);
    return structuredClone(application);
  }

  async listPaymentNotices(params: ListParams = {}): Promise<List<PaymentNotice>> {
    await this.enter('listPaymentNotices', [params]);
    return page([...this.paymentNotices].reverse(), params);
  }

  async createPaymentNotice(request: CreatePaymentNoticeRequest): Promise<PaymentNotice> {
    await this.enter('createPaymentNotice', [request]);
    this.#requireFeature('pay');
    const invoices = checkPaymentNotice(this.invoices, request, this.session.today);
    this.#sequence += 1;
    const notice: PaymentNotice = {
      object: 'payment_notice',
      id: `pn_${this.#sequence}`,
      customer: 'cus_1',
      status: 'pending',
      currency: invoices[0]?.currency ?? 'USD',
      amount: request.invoices.reduce((sum, line) => sum + line.amount, 0),
      method: request.method,
      reference: request.reference ?? null,
      sent_on: request.sent_on,
      invoices: request.invoices.map((line, index) => ({
        invoice: line.invoice,
        invoice_number: invoices[index]?.number ?? line.invoice,
        amount: line.amount,
      })),
      payment: null,
      rejection_reason: null,
      livemode: false,
      created_at: '2025-12-04T10:00:00.000Z',
      decided_at: null,
    };
    request.invoices.forEach((line, index) => {
      const invoice = invoices[index];
      if (!invoice) return;
      invoice.payment_notice = {
        id: notice.id,
        amount: line.amount,
        method: request.method,
        reference: notice.reference,
        sent_on: request.sent_on,
      };
    });
    this.paymentNotices.push(notice);
    return structuredClone(notice);
  }

  async listCreditNotes(params: ListParams = {}): Promise<List<CreditNote>> {
    await this.enter('listCreditNotes', [params]);
    return page([...this.creditNotes].reverse(), params);
  }

  async getAutopay(): Promise<Autopay> {
    await this.enter('getAutopay', []);
    return structuredClone(this.autopay);
  }

  async updateAutopay(request: UpdateAutopayRequest): Promise<Autopay> {
    await this.enter('updateAutopay', [request]);
    if (!request.enabled) {
      this.autopay = {
        ...this.autopay,
        status: 'off',
        payment_method: null,
        paused_reason: null,
        last_failed_payment: null,
      };
    } else {
      this.#savedMethod(request.payment_method);
      this.autopay = {
        ...this.autopay,
        status: 'active',
        payment_method: request.payment_method,
        enabled_on: this.session.today,
        paused_reason: null,
        last_failed_payment: null,
        mandate_accepted_at: '2025-12-04T10:00:00.000Z',
      };
    }
    return structuredClone(this.autopay);
  }

  async getReceipt(paymentId: string): Promise<Receipt> {
    await this.enter('getReceipt', [paymentId]);
    const payment = this.#existingPayment(paymentId);
    if (payment.status !== 'succeeded' && payment.status !== 'refunded') {
      throw new DulyConflictError({
        code: 'receipt_not_available',
        status: 409,
        detail: 'Only succeeded payments have a receipt.',
      });
    }
    return {
      object: 'receipt',
      number: `R-${payment.id.replace(/^pay_/, '').toUpperCase()}`,
      payment: payment.id,
      status: payment.status,
      amount: payment.amount,
      amount_refunded: payment.amount_refunded,
      currency: payment.currency,
      method_details: payment.method_details,
      applications: payment.applications,
      amount_to_credit:
        payment.amount -
        payment.applications.reduce((sum, application) => sum + application.amount, 0),
      credit_applied: payment.credit_applied,
      paid_at: payment.succeeded_at ?? payment.created_at,
      vendor: {
        name: this.session.vendor.name,
        email: 'billing@northwind.example',
        address_lines: ['12 Harbor Road', 'Portland, OR 97201'],
        logo_url: null,
      },
      customer: { id: 'cus_1', name: this.session.customer.name, email: null },
      livemode: false,
    };
  }

  async downloadReceiptPdf(paymentId: string): Promise<Blob> {
    await this.enter('downloadReceiptPdf', [paymentId]);
    this.#existingPayment(paymentId);
    return new Blob([`%PDF-1.4 receipt of ${paymentId}`], { type: 'application/pdf' });
  }

  // widget-account: statements, documents, threads, credit limit and billing details, with
  // the API's rules from fake-account-api.ts. The feature checks are the API's
  // `feature_disabled` for a session without the feature.
  async getStatement(params: StatementParams = {}): Promise<Statement> {
    await this.enter('getStatement', [params]);
    this.#requireFeature('statements');
    return structuredClone(statementAsOf(this.#ledger(), params.as_of));
  }

  async downloadStatementPdf(params: StatementParams = {}): Promise<Blob> {
    await this.enter('downloadStatementPdf', [params]);
    this.#requireFeature('statements');
    const statement = statementAsOf(this.#ledger(), params.as_of);
    return new Blob([`%PDF-1.4 statement as of ${statement.as_of}`], {
      type: 'application/pdf',
    });
  }

  async downloadStatementCsv(params: StatementParams = {}): Promise<Blob> {
    await this.enter('downloadStatementCsv', [params]);
    this.#requireFeature('statements');
    const csv = statementCsv(statementAsOf(this.#ledger(), params.as_of));
    return new Blob([csv], { type: 'text/csv' });
  }

  async downloadInvoicePdf(invoiceId: string): Promise<Blob> {
    await this.enter('downloadInvoicePdf', [invoiceId]);
    const invoice = this.#visibleInvoice(invoiceId);
    return new Blob([`%PDF-1.4 invoice ${invoice.number}`], { type: 'application/pdf' });
  }

  async listThreads(params: ListThreadsParams = {}): Promise<List<InvoiceThread>> {
    await this.enter('listThreads', [params]);
    return page(this.threads.list(params.invoice), params);
  }

  async getThread(id: string): Promise<InvoiceThread> {
    await this.enter('getThread', [id]);
    return structuredClone(this.threads.get(id));
  }

  /** Opens a question or dispute; a dispute marks its invoice disputed. */
  async createThread(invoiceId: string, request: CreateThreadRequest): Promise<InvoiceThread> {
    await this.enter('createThread', [invoiceId, request]);
    this.#requireFeature('disputes');
    const invoice = this.#visibleInvoice(invoiceId);
    const thread = this.threads.create(invoice, request);
    if (thread.kind === 'dispute') invoice.disputed = true;
    return structuredClone(thread);
  }

  async replyToThread(id: string, message: string): Promise<InvoiceThread> {
    await this.enter('replyToThread', [id, message]);
    this.#requireFeature('disputes');
    return structuredClone(this.threads.reply(id, message));
  }

  /** Resolves a thread as the vendor does, clearing the invoice's mark after its last dispute. */
  resolveThread(id: string, resolution: string): void {
    const thread = this.threads.get(id);
    if (this.threads.resolve(id, resolution)) this.#invoice(thread.invoice).disputed = false;
  }

  async getCredit(): Promise<CreditLimit> {
    await this.enter('getCredit', []);
    this.#requireFeature('credit_requests');
    return structuredClone(this.credit.read(this.invoices));
  }

  async createCreditRequest(request: CreateCreditRequestRequest): Promise<CreditRequest> {
    await this.enter('createCreditRequest', [request]);
    this.#requireFeature('credit_requests');
    return structuredClone(this.credit.request(request));
  }

  async listSubscriptions(params: ListParams = {}): Promise<List<Subscription>> {
    await this.enter('listSubscriptions', [params]);
    this.#requireFeature('subscriptions');
    return page(this.subscriptions.list().data, params);
  }

  async getSubscription(id: string): Promise<Subscription> {
    await this.enter('getSubscription', [id]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.get(id);
  }

  async getSubscriptionOptions(): Promise<PortalSubscriptionOptions> {
    await this.enter('getSubscriptionOptions', []);
    this.#requireFeature('subscriptions');
    return this.subscriptions.options();
  }

  async previewSubscriptionChange(
    id: string,
    request: SubscriptionChangeRequest,
  ): Promise<SubscriptionChangePreview> {
    await this.enter('previewSubscriptionChange', [id, request]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.preview(id, request);
  }

  async changeSubscription(
    id: string,
    request: SubscriptionChangeRequest,
    options: CreatePaymentOptions,
  ): Promise<Subscription> {
    await this.enter('changeSubscription', [id, request, options]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.change(id, request, options);
  }

  async cancelSubscription(id: string, request: CancelSubscriptionRequest): Promise<Subscription> {
    await this.enter('cancelSubscription', [id, request]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.cancel(id, request);
  }

  async resumeSubscription(id: string): Promise<Subscription> {
    await this.enter('resumeSubscription', [id]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.resume(id);
  }

  async pauseSubscription(id: string): Promise<Subscription> {
    await this.enter('pauseSubscription', [id]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.pause(id);
  }

  async unpauseSubscription(id: string): Promise<Subscription> {
    await this.enter('unpauseSubscription', [id]);
    this.#requireFeature('subscriptions');
    return this.subscriptions.unpause(id);
  }

  async getBillingDetails(): Promise<BillingDetails> {
    await this.enter('getBillingDetails', []);
    this.#requireFeature('billing_details');
    return structuredClone(this.billingDetails);
  }

  async updateBillingDetails(request: UpdateBillingDetailsRequest): Promise<BillingDetails> {
    await this.enter('updateBillingDetails', [request]);
    this.#requireFeature('billing_details');
    this.billingDetails = storedBillingDetails(request);
    return structuredClone(this.billingDetails);
  }

  #ledger(): StatementLedger {
    return {
      session: this.session,
      invoices: this.invoices,
      payments: [...this.#payments.values()],
      creditNotes: this.creditNotes,
    };
  }

  /** Returns the stored invoice, or the API's 404 for an unknown id. */
  #visibleInvoice(id: string): Invoice {
    const invoice = this.invoices.find((candidate) => candidate.id === id);
    if (!invoice) {
      throw new DulyNotFoundError({
        code: 'invoice_not_found',
        status: 404,
        detail: 'No such invoice.',
      });
    }
    return invoice;
  }

  #requireFeature(feature: PortalFeature): void {
    if (this.session.features.includes(feature)) return;
    throw new DulyPermissionError({
      code: 'feature_disabled',
      status: 403,
      detail: `The ${feature} feature is turned off for this portal by the vendor.`,
    });
  }

  #invoice(id: string): Invoice {
    const invoice = this.invoices.find((candidate) => candidate.id === id);
    if (!invoice) throw new Error(`Fake client: unknown invoice ${id}`);
    return invoice;
  }

  /** Takes `paid` off what is due and `unreserved` off what can still be paid. */
  #applyToInvoice(invoice: Invoice, paid: number, unreserved: number): void {
    invoice.amount_due -= paid;
    invoice.amount_payable -= unreserved;
    if (invoice.amount_due === 0) {
      invoice.status = 'paid';
      invoice.overdue = false;
    }
  }

  #existingPayment(id: string): Payment {
    const payment = this.#payments.get(id);
    if (!payment) {
      throw new DulyNotFoundError({
        code: 'payment_not_found',
        status: 404,
        detail: 'No such payment.',
      });
    }
    return payment;
  }

  #savedMethod(id: string): StoredMethod {
    const stored = this.#methods.get(id);
    if (!stored?.saved || stored.removed) {
      throw new DulyNotFoundError({
        code: 'payment_method_not_found',
        status: 404,
        detail: 'No such payment method.',
      });
    }
    return stored;
  }

  #storeCard(
    provider: 'card' | 'stripe',
    number: string,
    month: number,
    year: number,
    save = false,
  ): PaymentMethod {
    this.#sequence += 1;
    const method: PaymentMethod = {
      object: 'payment_method',
      id: `pm_${provider}_${this.#sequence}`,
      type: 'card',
      brand: number.startsWith('5') ? 'mastercard' : 'visa',
      last4: number.slice(-4),
      exp_month: month,
      exp_year: year,
      bank_name: null,
      is_default: false,
      disabled_reason: null,
      livemode: false,
      created_at: '2025-12-04T10:00:00.000Z',
    };
    this.#methods.set(method.id, { method, number, saved: save, removed: false });
    return structuredClone(method);
  }

  #storeBankAccount(accountNumber: string, save = false): PaymentMethod {
    this.#sequence += 1;
    const method: PaymentMethod = {
      object: 'payment_method',
      id: `pm_bank_${this.#sequence}`,
      type: 'us_bank_account',
      brand: null,
      last4: accountNumber.slice(-4),
      exp_month: null,
      exp_year: null,
      bank_name: 'STRIPE TEST BANK',
      is_default: false,
      disabled_reason: null,
      livemode: false,
      created_at: '2025-12-04T10:00:00.000Z',
    };
    this.#methods.set(method.id, { method, number: accountNumber, saved: save, removed: false });
    return structuredClone(method);
  }

  private async enter(method: string, args: unknown[]): Promise<void> {
    this.calls.push({ method, args, at: performance.now() });
    await this.gate;
    const error = this.failNext ?? this.failNextCallOf.get(method);
    this.failNextCallOf.delete(method);
    this.failNext = undefined;
    if (error) throw error;
    if (this.expireCalls > 0) {
      this.expireCalls -= 1;
      throw new DulyAuthenticationError({
        code: 'session_expired',
        status: 401,
        detail: 'The portal session has expired.',
      });
    }
  }
}

/** Copies the target of a payment request: what it pays and whether it uses credit. */
function paymentTarget(request: PaymentTarget): PaymentTarget {
  return {
    invoices: request.invoices,
    amount: request.amount,
    currency: request.currency,
    pay_all: request.pay_all,
    apply_credit: request.apply_credit,
  };
}

/** Returns one page of `items` as the API lists it; the cursor is an offset. */
function page<T>(items: T[], params: ListParams): List<T> {
  const start = params.cursor ? Number(params.cursor) : 0;
  const limit = params.limit ?? 25;
  const data = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : null;
  return { object: 'list', data: structuredClone(data), next_cursor: next };
}

/** Creates a network failure as the SDK reports it. */
export function connectionFailure(): DulyConnectionError {
  return new DulyConnectionError({ code: 'connection_failed', detail: 'Could not reach the API.' });
}
