import type { PaymentMethod } from '@duly/core';
import { createApp } from '../../app.js';
import type { PlaidSettings } from '../../config.js';
import type { Db } from '../../db/index.js';
import { ApiFixture, type FixtureResponse, type RequestOptions } from '../../http/api-fixture.js';
import { silentLogger } from '../../http/logger.js';
import type { Payer } from '../../payments/payer.js';
import { type FakePlaid, type LinkSuccess, startFakePlaid } from '../../testing/index.js';
import type { ProviderPaymentMethod } from '../payment-provider.js';

/** The API's public address in these tests. Link tokens name a webhook URL under it. */
export const TEST_PUBLIC_URL = 'https://api.duly.example';

/** One call of the Stripe side as the test double received it. */
export interface AttachedToken {
  payer: Payer;
  bankAccountToken: string;
}

/**
 * The app with the Plaid module pointed at a fake Plaid, beside an `ApiFixture` on the same
 * database and clock for vendors, customers and sessions. Test-only code.
 */
export class PlaidFixture {
  /** Every bank account token the Stripe test double was handed, in order. */
  readonly attached: AttachedToken[] = [];
  readonly app: ReturnType<typeof createApp>;

  private constructor(
    readonly api: ApiFixture,
    readonly plaid: FakePlaid,
    settings: Partial<PlaidSettings>,
  ) {
    this.app = createApp({
      db: api.db,
      clock: api.clock,
      publicUrl: TEST_PUBLIC_URL,
      logger: silentLogger,
      rateLimits: {
        perSession: { limit: 1000, windowMs: 60_000 },
        perAddress: { limit: 1000, windowMs: 60_000 },
      },
      plaid: {
        clientId: plaid.clientId,
        secret: plaid.secret,
        environment: 'sandbox',
        apiUrl: plaid.url,
        ...settings,
      },
      attachBankAccountToken: (payer, token) => this.#attachWithStripeDouble(payer, token),
    });
  }

  /** Starts a fake Plaid and builds the app. `settings` overrides the Plaid settings. */
  static async create(db: Db, settings: Partial<PlaidSettings> = {}): Promise<PlaidFixture> {
    const api = await ApiFixture.create(db, { vendorName: 'Northwind Fasteners' });
    const plaid = await startFakePlaid();
    return new PlaidFixture(api, plaid, settings);
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

  /** Creates a customer and a portal session for it. */
  async customerSession(): Promise<{ customerId: string; session: string }> {
    const customer = await this.api.createCustomer();
    return { customerId: customer.id, session: await this.api.createSession(customer.id) };
  }

  /**
   * Runs the whole flow for `session`: a link token from the API, Link finished at the
   * fake for it, and the chosen account (by its sandbox name) sent back to the API.
   */
  async linkBankAccount(
    session: string,
    options: { accountName?: string; save?: boolean } = {},
  ): Promise<{ response: FixtureResponse<PaymentMethod>; link: LinkSuccess; accountId: string }> {
    const token = await this.request<{ link_token: string }>(
      'POST',
      '/v1/portal/plaid/link_token',
      {
        auth: session,
      },
    );
    if (token.status !== 201) {
      throw new Error(`Link token failed with ${token.status}: ${JSON.stringify(token.body)}`);
    }
    const link = this.plaid.completeLink({ linkToken: token.body.link_token });
    const accountName = options.accountName ?? 'Plaid Checking';
    const account = link.accounts.find((candidate) => candidate.name === accountName);
    if (account === undefined) throw new Error(`Sandbox login has no account ${accountName}.`);

    const response = await this.request<PaymentMethod>('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: link.publicToken, account_id: account.id, save: options.save ?? true },
    });
    return { response, link, accountId: account.id };
  }

  async close(): Promise<void> {
    await this.plaid.close();
  }

  /**
   * Test double for the Stripe side: records the token and describes the bank account it
   * stands for, as Stripe does when it attaches a token Plaid made. Stripe names banks by
   * routing number, hence its own `bankName`.
   */
  async #attachWithStripeDouble(
    payer: Payer,
    bankAccountToken: string,
  ): Promise<ProviderPaymentMethod> {
    const plaidToken = this.plaid.bankAccountToken(bankAccountToken);
    if (plaidToken === undefined)
      throw new Error(`Stripe has no bank account token ${bankAccountToken}.`);
    this.attached.push({ payer, bankAccountToken });
    return {
      type: 'us_bank_account',
      brand: null,
      last4: plaidToken.account.mask,
      expMonth: null,
      expYear: null,
      bankName: 'STRIPE TEST BANK',
      accountHolderType: 'individual',
      providerRef: `pm_${bankAccountToken.slice('btok_'.length)}`,
      providerData: {},
    };
  }
}
