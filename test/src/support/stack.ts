import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  clockStartingAt,
  createVendor,
  type Db,
  importLedger,
  loadConfig,
  openDatabase,
  startServer,
} from '@duly/api';
import { createTestDatabase, FakePlaid, FakeStripe } from '@duly/api/testing';
import { BRAND } from '../../../examples/script-tag/brand.mjs';
import { createSite } from '../../../examples/script-tag/site.mjs';
import { findLedgerFile } from '../../../scripts/lib/paths.mjs';

/** The date the ledger is imported as of, and the API's today. */
export const AS_OF = '2013-11-30';

/** Everything one end-to-end run talks to. */
export interface Stack {
  db: Db;
  apiUrl: string;
  siteUrl: string;
  vendorId: string;
  /** The vendor's secret key (`sk_test_...`), for calls to the vendor API. */
  secretKey: string;
  close(): Promise<void>;
}

/** How the vendor of one run is paid. */
export interface StackOptions {
  /**
   * Milliseconds a sandbox bank debit stays pending before the API's job runner settles or
   * returns it. A test that must see a debit still pending sets this far longer than it runs.
   */
  achDelayMs: number;
  /**
   * Who charges the vendor's customers: the built-in `sandbox` (the default), or `stripe`,
   * with bank accounts linked through Plaid. For `stripe` the API talks to local fakes of
   * Stripe's and Plaid's APIs that the stack starts, never to the real services.
   */
  paymentProvider?: 'sandbox' | 'stripe';
}

/** Milliseconds between two polls of the job queue by the API's runner. */
const JOB_POLL_MS = 100;

/**
 * Starts the whole product on a fresh database. The real API listens on a free port with
 * its clock at 2013-11-30, and a vendor gets the real ledger imported as of that date. The
 * example vendor site listens on another free port, which the vendor allows as an origin.
 * The API runs its background jobs, so sandbox bank debits settle `options.achDelayMs`
 * after they are made.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());

    const providerEnv =
      options.paymentProvider === 'stripe' ? await startProviderFakes(cleanups) : {};
    const config = loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      DULY_NOW: AS_OF,
      LOG_LEVEL: 'warn',
      DULY_JOBS: 'on',
      DULY_JOBS_POLL_MS: String(JOB_POLL_MS),
      DULY_SANDBOX_ACH_DELAY_MS: String(options.achDelayMs),
      ...providerEnv,
    });
    const clock = clockStartingAt(config.clockStart as Date);
    const opened = await openDatabase(config, { max: 4 });
    cleanups.push(() => opened.close());

    const api = await startServer(config);
    cleanups.push(() => api.close());

    // The vendor must allow the site's origin, so the site listens before the vendor exists
    // and gets its request handler once the vendor's key is known.
    const site = createServer();
    await listen(site);
    cleanups.push(() => closeServer(site));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    const vendor = await createVendor(opened.db, clock, {
      name: BRAND.name,
      allowedOrigins: [siteUrl],
      email: BRAND.email,
      addressLines: BRAND.address,
      paymentProvider: options.paymentProvider ?? 'sandbox',
    });
    await importLedger(opened.db, clock, {
      file: findLedgerFile(),
      vendorId: vendor.id,
      asOf: AS_OF,
    });
    site.on('request', createSite({ apiUrl: api.url, secretKey: vendor.secret_key }));

    return {
      db: opened.db,
      apiUrl: api.url,
      siteUrl,
      vendorId: vendor.id,
      secretKey: vendor.secret_key,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Starts local fakes of Stripe's and Plaid's APIs, adds their stopping to `cleanups`, and
 * returns the API's environment variables that point at them.
 */
async function startProviderFakes(
  cleanups: Array<() => Promise<void>>,
): Promise<Record<string, string>> {
  const stripe = await FakeStripe.start();
  cleanups.push(() => stripe.close());
  const plaid = await FakePlaid.start();
  cleanups.push(() => plaid.close());
  return {
    STRIPE_SECRET_KEY: stripe.settings.secretKey,
    STRIPE_PUBLISHABLE_KEY: stripe.settings.publishableKey,
    STRIPE_WEBHOOK_SECRET: stripe.settings.webhookSecret,
    STRIPE_API_URL: stripe.settings.apiUrl as string,
    PLAID_CLIENT_ID: plaid.clientId,
    PLAID_SECRET: plaid.secret,
    PLAID_API_URL: plaid.url,
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
