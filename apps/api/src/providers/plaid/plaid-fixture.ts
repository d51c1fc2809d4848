import type { PaymentMethod } from '@duly/core';
import type { PlaidSettings } from '../../config.js';
import type { Db } from '../../db/index.js';
import { ApiFixture, type FixtureResponse, type RequestOptions } from '../../http/api-fixture.js';
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
 * An `ApiFixture` whose app has the Plaid module pointed at a fake Plaid, and a test double
 * of the Stripe side that Plaid hands its bank account tokens to. Test-only code.
 */
export class PlaidFixture {
  private constructor(
    readonly api: ApiFixture,
    readonly plaid: FakePlaid,
    /** Every bank account token the Stripe test double was handed, in order. */
    readonly attached: AttachedToken[],
  ) {}

  /** Starts a fake Plaid and builds the app. `settings` overrides the Plaid settings. */
  static async create(db: Db, settings: Partial<PlaidSettings> = {}): Promise<PlaidFixture> {
    const plaid = await startFakePlaid();
    const attached: AttachedToken[] = [];
    const api = await ApiFixture.create(db, {
      vendorName: 'Northwind Fasteners',
      publicUrl: TEST_PUBLIC_URL,
      plaid: {
        clientId: plaid.clientId,
        secret: plaid.secret,
        environment: 'sandbox',
        apiUrl: plaid.url,
        ...settings,
      },
      attachBankAccountToken: (payer, token) =>
        attachWithStripeDouble(plaid, attached, payer, token),
    });
    return new PlaidFixture(api, plaid, attached);
  }

  get app(): ApiFixture['app'] {
    return this.api.app;
  }

  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<FixtureResponse<T>> {
    return this.api.request<T>(method, path, options);
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
}

/**
 * Test double for the Stripe side: records the token and describes the bank account it
 * stands for, as Stripe does when it attaches a token Plaid made. Stripe names banks by
 * routing number, hence its own `bankName`.
 */
async function attachWithStripeDouble(
  plaid: FakePlaid,
  attached: AttachedToken[],
  payer: Payer,
  bankAccountToken: string,
): Promise<ProviderPaymentMethod> {
  const plaidToken = plaid.bankAccountToken(bankAccountToken);
  if (plaidToken === undefined)
    throw new Error(`Stripe has no bank account token ${bankAccountToken}.`);
  attached.push({ payer, bankAccountToken });
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
