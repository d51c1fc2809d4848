import type { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv, Tenant } from '../http/app-env.js';
import type { Logger } from '../http/logger.js';
import type { PaymentProvider } from './payment-provider.js';

/** The app's services that a provider module's routes use. */
export interface ProviderContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Address browsers and providers reach the API at, for URLs sent to providers. */
  publicUrl?: string;
}

/** The widget's settings for taking a card or linking a bank account with one provider. */
export interface BrowserSetup {
  provider: string;
  /** Settings for the provider's browser library, such as Stripe's `publishable_key`. */
  options: Record<string, string>;
}

/**
 * Everything one payment processor or bank-linking service adds to the API. Adding a
 * processor means writing one of these and listing it in `createApp`; nothing else in the
 * API changes. Webhook routes turn the provider's events into `LedgerChange`s and hand them
 * to `applyProviderEvent`, the one way a provider's word reaches the ledger.
 */
export interface ProviderModule {
  /** Stored with payment methods and payments; names the routes below. */
  readonly name: string;
  /** Charges and refunds; absent for a module that only links bank accounts (Plaid). */
  readonly provider?: PaymentProvider;
  /** Portal routes mounted under `/v1/portal`, such as `POST /payment_methods/<name>`. */
  portalRoutes?(context: ProviderContext): Hono<AppEnv>;
  /** Routes mounted at `/webhooks/<name>`; they read the raw body to check signatures. */
  webhookRoutes?(context: ProviderContext): Hono<AppEnv>;
  /** The widget's card settings for this provider, when it takes cards. */
  cardSetup?(tenant: Tenant): BrowserSetup;
  /** The widget's bank-linking settings for this module, when it links bank accounts. */
  bankSetup?(tenant: Tenant): BrowserSetup;
}
