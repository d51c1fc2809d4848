import type { Customer, Invoice } from '@duly/core';
import { createApp } from '../app.js';
import { ManualClock } from '../clock.js';
import type { PlaidSettings, StripeSettings } from '../config.js';
import type { Db } from '../db/index.js';
import type { PaymentRateLimits } from '../portal/payment-rate-limit.js';
import type { AttachBankAccountToken } from '../providers/index.js';
import { type CreatedVendor, createVendor } from '../vendors/index.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

/**
 * Stripe's test bank accounts, which the sandbox takes with routing number 110000000, by
 * what becomes of a debit from them.
 */
export const TEST_BANK_ACCOUNTS = {
  settles: '000123456789',
  R01: '000222222227',
  R02: '000111111113',
  R03: '000111111116',
} as const;

/** The test Visa card, which the sandbox charges without a decline or a challenge. */
const DEFAULT_TEST_CARD = '4242 4242 4242 4242';

/** A response read whole: status, headers and the parsed JSON body (or null). */
export interface FixtureResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** A secret key or portal session token, sent as a bearer token. */
  auth?: string;
  /** Sent as JSON unless it is a string, which is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FixtureOptions {
  now?: string;
  vendorName?: string;
  allowedOrigins?: string[];
  timeZone?: string;
  rateLimits?: Partial<PaymentRateLimits>;
  logger?: Logger;
  /** Stripe keys for the app, such as a `FakeStripe`'s settings. */
  stripe?: StripeSettings;
  /** The vendor's `payment_provider`; `sandbox` when left out. */
  paymentProvider?: string;
  /** The app's public address, which Plaid link tokens name their webhook under. */
  publicUrl?: string;
  /** Plaid keys for the app, such as a `FakePlaid`'s. */
  plaid?: PlaidSettings;
  /** Function that attaches the bank account tokens Plaid makes, such as a Stripe test double. */
  attachBankAccountToken?: AttachBankAccountToken;
}

/**
 * One vendor and the real app in front of a test database, with helpers that create
 * fixtures through the API's own routes. Each test file makes its own, so files share no
 * rows. Test-only code; nothing in the API imports it.
 */
export class ApiFixture {
  private constructor(
    readonly db: Db,
    readonly clock: ManualClock,
    readonly app: ReturnType<typeof createApp>,
    readonly vendor: CreatedVendor,
  ) {}

  static async create(db: Db, options: FixtureOptions = {}): Promise<ApiFixture> {
    const clock = new ManualClock(options.now ?? '2026-03-15T12:00:00Z');
    const app = createApp({
      db,
      clock,
      publicUrl: options.publicUrl ?? 'http://127.0.0.1:4100',
      logger: options.logger ?? silentLogger,
      rateLimits: options.rateLimits ?? {
        perSession: { limit: 1000, windowMs: 60_000 },
        perAddress: { limit: 1000, windowMs: 60_000 },
      },
      ...(options.stripe === undefined ? {} : { stripe: options.stripe }),
      ...(options.plaid === undefined ? {} : { plaid: options.plaid }),
      ...(options.attachBankAccountToken === undefined
        ? {}
        : { attachBankAccountToken: options.attachBankAccountToken }),
    });
    const vendor = await createVendor(db, clock, {
      name: options.vendorName ?? 'Fixture Supply Co.',
      allowedOrigins: options.allowedOrigins ?? ['https://billing.example.com'],
      timeZone: options.timeZone ?? 'UTC',
      ...(options.paymentProvider === undefined
        ? {}
        : { paymentProvider: options.paymentProvider }),
    });
    return new ApiFixture(db, clock, app, vendor);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<FixtureResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== undefined) headers.Authorization = `Bearer ${options.auth}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await this.app.request(path, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? null : JSON.parse(text)) as T,
    };
  }

  /** Sends a request with the vendor's secret key and expects `status`. */
  async vendorCall<T>(method: string, path: string, body: unknown, status: number): Promise<T> {
    const response = await this.request<T>(method, path, { auth: this.vendor.secret_key, body });
    if (response.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  }

  async createCustomer(fields: Record<string, unknown> = {}): Promise<Customer> {
    return this.vendorCall('POST', '/v1/customers', { name: 'Acme Hardware', ...fields }, 201);
  }

  /** Creates an open invoice of one line of `total`, unless `fields` overrides them. */
  async createInvoice(
    customer: string,
    fields: { total?: number; number?: string } & Record<string, unknown> = {},
  ): Promise<Invoice> {
    const { total = 10_000, ...rest } = fields;
    return this.vendorCall(
      'POST',
      '/v1/invoices',
      {
        customer,
        number: `INV-${Math.random().toString(36).slice(2, 10)}`,
        currency: 'USD',
        issue_date: '2026-03-01',
        due_date: '2026-03-31',
        lines: [{ description: 'Fasteners', quantity: 1, unit_amount: total }],
        ...rest,
      },
      201,
    );
  }

  /** Mints a portal session for `customer` and returns its token. */
  async createSession(customer: string, fields: Record<string, unknown> = {}): Promise<string> {
    const session = await this.vendorCall<{ token: string }>(
      'POST',
      '/v1/portal_sessions',
      { customer, ...fields },
      201,
    );
    return session.token;
  }

  /** Creates a sandbox card payment method for the session's customer, for one payment. */
  async createCard(session: string, number = DEFAULT_TEST_CARD): Promise<string> {
    return this.#createSandboxMethod(session, 'a card', {
      card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
    });
  }

  /** Creates a sandbox card payment method and saves it for the session's customer. */
  async saveCard(session: string, number = DEFAULT_TEST_CARD): Promise<string> {
    return this.#createSandboxMethod(session, 'a card', {
      card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
      save: true,
    });
  }

  /** Creates and saves a sandbox bank account for the session's customer. */
  async createBankAccount(
    session: string,
    accountNumber: string = TEST_BANK_ACCOUNTS.settles,
  ): Promise<string> {
    return this.#createSandboxMethod(session, 'a bank account', {
      us_bank_account: {
        routing_number: '110000000',
        account_number: accountNumber,
        account_holder_type: 'company',
      },
      save: true,
    });
  }

  async #createSandboxMethod(session: string, kind: string, body: unknown): Promise<string> {
    const response = await this.request<{ id: string }>(
      'POST',
      '/v1/portal/payment_methods/sandbox',
      { auth: session, body },
    );
    if (response.status !== 201) {
      throw new Error(
        `Creating ${kind} failed with ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body.id;
  }

  /**
   * Sends `POST /v1/portal/payments` with `body` as it is and a fresh Idempotency-Key unless
   * one is given. Returns the response whatever its status.
   */
  postPayment<T = Record<string, unknown>>(
    session: string,
    body: Record<string, unknown>,
    idempotencyKey: string = crypto.randomUUID(),
  ) {
    return this.request<T>('POST', '/v1/portal/payments', {
      auth: session,
      body,
      headers: { 'Idempotency-Key': idempotencyKey, 'User-Agent': 'DulyTest/1.0' },
    });
  }

  /**
   * Sends `POST /v1/portal/payments` with a fresh Idempotency-Key unless one is given, and
   * the accepted debit authorization when `mandate` is true (bank accounts need it).
   */
  pay(
    session: string,
    paymentMethod: string,
    invoices: Array<{ invoice: string; amount: number }>,
    idempotencyKey: string = crypto.randomUUID(),
    mandate = false,
  ) {
    const body = {
      payment_method: paymentMethod,
      invoices,
      ...(mandate ? { mandate: { accepted: true } } : {}),
    };
    return this.postPayment(session, body, idempotencyKey);
  }

  /**
   * Sends `POST /v1/portal/payments` like `pay`, for amounts below what the invoices can
   * take: a partial payment needs one of the vendor's short-pay reasons, `Other` unless
   * `reason` is given.
   */
  payPartly(
    session: string,
    paymentMethod: string,
    invoices: Array<{ invoice: string; amount: number }>,
    idempotencyKey: string = crypto.randomUUID(),
    reason = 'Other',
  ) {
    const body = { payment_method: paymentMethod, invoices, short_pay: { reason } };
    return this.postPayment(session, body, idempotencyKey);
  }

  /**
   * Makes a new customer pay a new invoice of `total` (10,000 by default) in full through the
   * portal: by bank debit from `bankAccount`, with the debit authorization, when it is given,
   * else with `card`. Returns the response, whatever its status, and what was created for it.
   */
  async payNewInvoice(options: { total?: number; card?: string; bankAccount?: string } = {}) {
    const total = options.total ?? 10_000;
    const customer = await this.createCustomer();
    const session = await this.createSession(customer.id);
    const byBank = options.bankAccount !== undefined;
    const method = byBank
      ? await this.createBankAccount(session, options.bankAccount)
      : await this.createCard(session, options.card);
    const invoice = await this.createInvoice(customer.id, { total });
    const response = await this.pay(
      session,
      method,
      [{ invoice: invoice.id, amount: total }],
      undefined,
      byBank,
    );
    return { customer, session, invoice, method, response };
  }

  /** Turns autopay on for the session's customer with `paymentMethod`; throws unless 200. */
  async turnOnAutopay(session: string, paymentMethod: string): Promise<Record<string, unknown>> {
    const response = await this.request('PUT', '/v1/portal/autopay', {
      auth: session,
      body: { enabled: true, payment_method: paymentMethod, mandate: { accepted: true } },
      headers: { 'User-Agent': 'DulyTest/1.0' },
    });
    if (response.status !== 200) {
      throw new Error(
        `Turning autopay on failed with ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  }
}
