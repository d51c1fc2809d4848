import { randomBytes } from 'node:crypto';
import { connectDatabase, dropDatabase, ensureDatabase, migrateToLatest } from '../db/index.js';
import type { ApiFixture } from '../http/api-fixture.js';
import type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  ProviderPaymentRef,
  RefundOutcome,
  RefundRequest,
} from '../providers/index.js';
import { SandboxProvider } from '../providers/index.js';

/**
 * Test-only helpers of the job and autopay tests; nothing in the API imports them.
 */

/** A migrated database of one test file, on the server of the run's test database. */
export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a database for one test file. Job runners sweep every vendor's rows, so runners
 * on the database that all test files share would settle other files' payments.
 */
export async function createIsolatedDatabase(sharedUrl: string): Promise<IsolatedDatabase> {
  const name = `duly_jobs_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(sharedUrl, name);
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  const db = connectDatabase(url.toString(), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return { url: url.toString(), drop: () => dropDatabase(sharedUrl, name) };
}

/**
 * The sandbox provider, recording every charge request. `holdCharges()` makes charges wait
 * until the function it returns is called, which stands for a runner that stopped in the
 * middle of a provider call.
 */
export class RecordingProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly charges: ChargeRequest[] = [];
  readonly #sandbox = new SandboxProvider();
  #held: Promise<void> | undefined;

  holdCharges(): () => void {
    let release = () => {};
    this.#held = new Promise((resolve) => {
      release = () => {
        this.#held = undefined;
        resolve();
      };
    });
    return release;
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    this.charges.push(request);
    if (this.#held !== undefined) await this.#held;
    return this.#sandbox.charge(request);
  }

  refund(request: RefundRequest): Promise<RefundOutcome> {
    return this.#sandbox.refund(request);
  }

  cancel(_payment: ProviderPaymentRef): Promise<void> {
    return this.#sandbox.cancel();
  }
}

/** Stripe's test bank accounts that the sandbox takes (routing 110000000). */
export const TEST_BANK_ACCOUNTS = {
  settles: '000123456789',
  R01: '000222222227',
  R02: '000111111113',
  R03: '000111111116',
} as const;

/** Saves a sandbox card for the session's customer and returns its id. */
export async function saveCard(
  api: ApiFixture,
  session: string,
  number = '4242424242424242',
): Promise<string> {
  return saveMethod(api, session, {
    card: { number, exp_month: 12, exp_year: 2034, cvc: '123' },
    save: true,
  });
}

/** Saves a sandbox test bank account for the session's customer and returns its id. */
export async function saveBankAccount(
  api: ApiFixture,
  session: string,
  accountNumber: string = TEST_BANK_ACCOUNTS.settles,
): Promise<string> {
  return saveMethod(api, session, {
    us_bank_account: {
      routing_number: '110000000',
      account_number: accountNumber,
      account_holder_type: 'company',
    },
    save: true,
  });
}

async function saveMethod(api: ApiFixture, session: string, body: unknown): Promise<string> {
  const response = await api.request<{ id: string }>('POST', '/v1/portal/payment_methods/sandbox', {
    auth: session,
    body,
  });
  if (response.status !== 201) {
    throw new Error(
      `Saving a payment method failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body.id;
}

/** Turns autopay on for the session's customer with `paymentMethod`; throws unless 200. */
export async function turnOnAutopay(
  api: ApiFixture,
  session: string,
  paymentMethod: string,
): Promise<Record<string, unknown>> {
  const response = await api.request('PUT', '/v1/portal/autopay', {
    auth: session,
    body: { enabled: true, payment_method: paymentMethod, mandate: { accepted: true } },
    headers: { 'User-Agent': 'JobTest/1.0' },
  });
  if (response.status !== 200) {
    throw new Error(
      `Turning autopay on failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}
