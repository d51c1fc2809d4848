import type {
  CreatePaymentOptions,
  CreatePaymentRequest,
  Invoice,
  List,
  ListInvoicesParams,
  ListParams,
  Payment,
  PaymentMethod,
  PortalClient,
  PortalSession,
  SandboxCard,
} from '@duly/sdk';
import {
  DulyAuthenticationError,
  DulyCardError,
  DulyConnectionError,
  DulyInvalidRequestError,
  DulyNotFoundError,
} from '@duly/sdk';

/** Outcomes of the sandbox's test cards, as the API applies them. */
const TEST_CARDS: Record<string, string | null> = {
  '4242424242424242': null,
  '5555555555554444': null,
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
};

/** Builds an open invoice of 50.39 USD; `overrides` change any field. */
export function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  const total = overrides.total ?? 5039;
  const amountDue = overrides.amount_due ?? total;
  return {
    object: 'invoice',
    id: 'inv_1',
    number: 'INV-0001',
    customer: 'cus_1',
    status: 'open',
    currency: 'USD',
    total,
    amount_due: amountDue,
    amount_pending: 0,
    amount_payable: overrides.amount_payable ?? amountDue,
    issue_date: '2025-11-01',
    due_date: '2025-12-01',
    overdue: false,
    disputed: false,
    paid_at: null,
    metadata: {},
    livemode: false,
    created_at: '2025-11-01T09:00:00.000Z',
    ...overrides,
  };
}

/** Builds a session of customer "Acme Retail" at vendor "Northwind Supply". */
export function makeSession(overrides: Partial<PortalSession> = {}): PortalSession {
  return {
    object: 'portal_session',
    vendor: {
      id: 'ven_1',
      name: 'Northwind Supply',
      branding: { logo_url: null, primary_color: null },
      time_zone: 'UTC',
    },
    customer: { id: 'cus_1', name: 'Acme Retail', external_id: 'C-100', email: null },
    locale: 'en',
    livemode: false,
    provider: 'sandbox',
    expires_at: '2030-01-01T00:00:00.000Z',
    today: '2025-12-04',
    balances: [
      {
        currency: 'USD',
        amount_due: 5039,
        amount_pending: 0,
        open_count: 1,
        overdue_count: 0,
        overdue_amount: 0,
      },
    ],
    overdue_count: 0,
    ...overrides,
  };
}

/** One call the widget made, for assertions. */
export interface FakeCall {
  method: string;
  args: unknown[];
}

/**
 * An in-memory portal API behind the SDK's `PortalClient` interface. It applies payments to
 * its invoices, declines the sandbox's decline cards, and can be set to fail or expire.
 */
export class FakePortalClient implements PortalClient {
  invoices: Invoice[];
  session: PortalSession;
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

  #paymentMethods = new Map<string, string>();
  #paymentsByKey = new Map<string, Payment>();
  #sequence = 0;

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

  setSession(token: string): void {
    this.sessions.push(token);
    this.token = token;
    this.expireCalls = 0;
  }

  async getSession(): Promise<PortalSession> {
    await this.enter('getSession', []);
    return structuredClone(this.session);
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
    const start = params.cursor ? Number(params.cursor) : 0;
    const limit = params.limit ?? 25;
    const data = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? String(start + limit) : null;
    return { object: 'list', data: structuredClone(data), next_cursor: next };
  }

  async getInvoice(id: string): Promise<Invoice> {
    await this.enter('getInvoice', [id]);
    const invoice = this.invoices.find((candidate) => candidate.id === id);
    if (!invoice) {
      throw new DulyNotFoundError({
        code: 'invoice_not_found',
        status: 404,
        detail: 'No such invoice.',
      });
    }
    return structuredClone(invoice);
  }

  async createSandboxPaymentMethod(card: SandboxCard): Promise<PaymentMethod> {
    await this.enter('createSandboxPaymentMethod', [card]);
    const number = card.number.replace(/\s/g, '');
    if (!(number in TEST_CARDS)) {
      throw new DulyInvalidRequestError({
        code: 'card_not_test_card',
        status: 400,
        detail: 'Use a test card.',
        param: 'card.number',
      });
    }
    this.#sequence += 1;
    const id = `pm_${this.#sequence}`;
    this.#paymentMethods.set(id, number);
    return {
      object: 'payment_method',
      id,
      type: 'card',
      brand: number.startsWith('5') ? 'mastercard' : 'visa',
      last4: number.slice(-4),
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      bank_name: null,
      is_default: false,
      disabled_reason: null,
      livemode: false,
      created_at: '2025-12-04T10:00:00.000Z',
    };
  }

  async createPayment(
    request: CreatePaymentRequest,
    options: CreatePaymentOptions,
  ): Promise<Payment> {
    await this.enter('createPayment', [request, options]);
    const replay = this.#paymentsByKey.get(options.idempotencyKey);
    if (replay) return structuredClone(replay);

    const number = this.#paymentMethods.get(request.payment_method) ?? '';
    const decline = TEST_CARDS[number];
    this.#sequence += 1;
    const id = `pay_${this.#sequence}`;
    if (decline) {
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

    const applications = request.invoices.map(({ invoice: invoiceId, amount }) => {
      const invoice = this.invoices.find((candidate) => candidate.id === invoiceId);
      if (!invoice) throw new Error(`Fake client: unknown invoice ${invoiceId}`);
      invoice.amount_due -= amount;
      invoice.amount_payable -= amount;
      if (invoice.amount_due === 0) {
        invoice.status = 'paid';
        invoice.overdue = false;
      }
      return { invoice: invoiceId, invoice_number: invoice.number, amount };
    });
    const payment: Payment = {
      object: 'payment',
      id,
      customer: 'cus_1',
      status: 'succeeded',
      amount: applications.reduce((sum, application) => sum + application.amount, 0),
      currency:
        this.invoices.find((invoice) => invoice.id === applications[0]?.invoice)?.currency ?? 'USD',
      failure_code: null,
      failure_message: null,
      payment_method: request.payment_method,
      method_details: { type: 'card', brand: 'visa', last4: number.slice(-4) },
      applications,
      source: 'portal',
      amount_refunded: 0,
      next_action: null,
      chargeback_status: null,
      livemode: false,
      created_at: '2025-12-04T10:00:00.000Z',
      succeeded_at: '2025-12-04T10:00:00.000Z',
      failed_at: null,
    };
    this.#paymentsByKey.set(options.idempotencyKey, payment);
    return structuredClone(payment);
  }

  async listPayments(params: ListParams = {}): Promise<List<Payment>> {
    await this.enter('listPayments', [params]);
    return { object: 'list', data: [...this.#paymentsByKey.values()], next_cursor: null };
  }

  async getPayment(id: string): Promise<Payment> {
    await this.enter('getPayment', [id]);
    const payment = [...this.#paymentsByKey.values()].find((candidate) => candidate.id === id);
    if (!payment) {
      throw new DulyNotFoundError({
        code: 'payment_not_found',
        status: 404,
        detail: 'No such payment.',
      });
    }
    return payment;
  }

  private async enter(method: string, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
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

/** Creates a network failure as the SDK reports it. */
export function connectionFailure(): DulyConnectionError {
  return new DulyConnectionError({ code: 'connection_failed', detail: 'Could not reach the API.' });
}
