import { Hono } from 'hono';
import { apiKeyRoutes } from './api-keys/index.js';
import { auditLogRoutes, recordVendorCalls } from './audit/index.js';
import { requirePortalSession } from './auth/portal-auth.js';
import { portalPreflight } from './auth/portal-cors.js';
import { requireSecretKey } from './auth/vendor-auth.js';
import { autopayRoutes } from './autopay/index.js';
import type { Clock } from './clock.js';
import type { PlaidSettings, StripeSettings } from './config.js';
import { creditNoteRoutes, portalCreditNoteRoutes } from './credit-notes/credit-note-routes.js';
import { portalCreditRoutes, vendorCreditRequestRoutes } from './credit-requests/index.js';
import { customerRoutes } from './customers/customer-routes.js';
import { portalBillingRoutes } from './customers/portal-billing-routes.js';
import type { Db } from './db/index.js';
import { LogoLoader } from './documents/logo-loader.js';
import { emailListRoutes, emailSettingsRoutes } from './email/index.js';
import { hostedPageRoutes } from './hosted/hosted-page-routes.js';
import type { AppEnv } from './http/app-env.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { limitBodySize } from './http/json-body.js';
import { createLogger, type Logger } from './http/logger.js';
import { requestContext } from './http/request-id.js';
import { type WidgetScriptLocator, widgetScriptRoutes } from './http/widget-script.js';
import { portalInvoicePdfRoutes, vendorInvoicePdfRoutes } from './invoices/invoice-pdf-routes.js';
import { invoiceRoutes } from './invoices/invoice-routes.js';
import { openApiRoutes } from './openapi/index.js';
import { guardInvoiceSessions } from './pay-links/invoice-session-guard.js';
import { payLinkExchangeRoutes, payLinkRoutes } from './pay-links/pay-link-routes.js';
import {
  paymentNoticeRoutes,
  portalPaymentNoticeRoutes,
} from './payment-notices/payment-notice-routes.js';
import { offlinePaymentRoutes } from './payments/offline-payment-routes.js';
import type { ProviderRegistry } from './payments/payment-service.js';
import { vendorPaymentRoutes } from './payments/vendor-payment-routes.js';
import { planRoutes } from './plans/plan-routes.js';
import {
  DEFAULT_PAYMENT_RATE_LIMITS,
  limitPaymentRate,
  type PaymentRateLimits,
} from './portal/payment-rate-limit.js';
import { guardFeatureRoutes } from './portal/portal-features.js';
import { portalPaymentMethodRoutes } from './portal/portal-payment-method-routes.js';
import { portalPaymentRoutes } from './portal/portal-payment-routes.js';
import { portalReadRoutes } from './portal/portal-read-routes.js';
import {
  type AttachBankAccountToken,
  type PaymentProvider,
  type ProviderContext,
  type ProviderModule,
  plaidModule,
  sandboxModule,
} from './providers/index.js';
import { stripeModule } from './providers/stripe/index.js';
import { portalReceiptRoutes, vendorReceiptRoutes } from './receipts/index.js';
import { createPortalSessionLookup } from './sessions/session-lookup.js';
import {
  customerSessionRevocationRoutes,
  portalSessionRevocationRoutes,
} from './sessions/session-revocation-routes.js';
import { portalSessionRoutes } from './sessions/session-routes.js';
import { DEFAULT_SESSION_TTL_SECONDS } from './sessions/session-service.js';
import { portalStatementRoutes, vendorStatementRoutes } from './statements/index.js';
import {
  portalSubscriptionRoutes,
  subscriptionRoutes,
  subscriptionSettingsRoutes,
} from './subscriptions/index.js';
import { portalThreadRoutes, vendorThreadRoutes } from './threads/index.js';
import { eventRoutes, webhookDeliveryRoutes, webhookEndpointRoutes } from './webhooks/index.js';

/** Dependencies of the app: the database, the clock and settings. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  /** Address browsers reach the API at, such as `https://api.duly.dev`. */
  publicUrl: string;
  /** Lifetime of a portal session when the request does not set one; one hour by default. */
  sessionTtlSeconds?: number;
  /** Receives request and error logs; errors only, on standard output, when left out. */
  logger?: Logger;
  /** Limits of the payment routes; `DEFAULT_PAYMENT_RATE_LIMITS` when left out. */
  rateLimits?: Partial<PaymentRateLimits>;
  /** Finds the widget's script-tag build; the `@duly/widget` package's when left out. */
  widgetScript?: WidgetScriptLocator;
  /** Stripe keys; vendors whose `payment_provider` is `stripe` pay through it when set. */
  stripe?: StripeSettings;
  /** Plaid keys: with them the portal links bank accounts through Plaid Link. */
  plaid?: PlaidSettings;
  /**
   * Function that attaches the Stripe bank account tokens Plaid makes; the Stripe module's
   * when left out. `plaid` needs one of the two.
   */
  attachBankAccountToken?: AttachBankAccountToken;
  /**
   * The payment provider modules, built with `providerModules` by a caller that shares them
   * with a job runner. When left out, they are built from the settings above.
   */
  modules?: ProviderModule[];
}

/**
 * Builds the provider modules that the settings turn on: the sandbox always, Stripe with
 * its keys, and Plaid with its keys and a way to attach the tokens it makes to Stripe.
 */
export function providerModules(
  settings: Pick<AppDeps, 'stripe' | 'plaid' | 'attachBankAccountToken'>,
  context: ProviderContext,
): ProviderModule[] {
  const modules: ProviderModule[] = [sandboxModule()];
  const stripe = settings.stripe === undefined ? undefined : stripeModule(settings.stripe, context);
  if (stripe !== undefined) modules.push(stripe);
  if (settings.plaid !== undefined) {
    const attach: AttachBankAccountToken | undefined =
      settings.attachBankAccountToken ??
      (stripe === undefined
        ? undefined
        : (payer, token) => stripe.provider.attachBankAccountToken(payer, token));
    if (attach === undefined) {
      throw new Error(
        'Plaid links bank accounts for Stripe to debit: set the Stripe keys as well as PLAID_CLIENT_ID and PLAID_SECRET.',
      );
    }
    modules.push(plaidModule(settings.plaid, attach));
  }
  return modules;
}

/** Collects the payment providers of `modules` by name. Modules that only link banks have none. */
export function providerRegistry(modules: readonly ProviderModule[]): ProviderRegistry {
  return new Map(
    modules.flatMap((module): [string, PaymentProvider][] =>
      module.provider === undefined ? [] : [[module.name, module.provider]],
    ),
  );
}

/** Builds the Duly API: vendor API, portal API, the widget script and a health check. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const logger = deps.logger ?? createLogger({ level: 'error' });
  const { db, clock } = deps;
  const providerContext = { db, clock, logger, publicUrl: deps.publicUrl };
  const modules = deps.modules ?? providerModules(deps, providerContext);
  const providers = providerRegistry(modules);

  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use('*', requestContext(logger));
  app.use('*', limitBodySize());

  app.route('/', openApiRoutes(deps.publicUrl));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.route('/', widgetScriptRoutes(deps.widgetScript));
  app.route(
    '/',
    hostedPageRoutes({ db, clock, publicUrl: deps.publicUrl, plaid: deps.plaid !== undefined }),
  );

  // Every vendor API call that may change something lands in the audit log.
  const withSecretKey = (routes: Hono<AppEnv>) =>
    new Hono<AppEnv>()
      .use('*', requireSecretKey(db, clock))
      .use('*', recordVendorCalls(db, clock))
      .route('/', routes);
  // One loader for every document, so that its cache keeps each vendor's logo once.
  const logos = new LogoLoader(clock);
  app.route(
    '/v1/customers',
    withSecretKey(
      customerRoutes(db, clock)
        .route('/', vendorStatementRoutes(db, clock, logos))
        .route('/', customerSessionRevocationRoutes(db, clock)),
    ),
  );
  app.route(
    '/v1/invoices',
    withSecretKey(invoiceRoutes(db, clock).route('/', vendorInvoicePdfRoutes(db, clock, logos))),
  );
  app.route('/v1/threads', withSecretKey(vendorThreadRoutes(db, clock)));
  app.route('/v1/credit_requests', withSecretKey(vendorCreditRequestRoutes(db, clock)));
  app.route('/v1/credit_notes', withSecretKey(creditNoteRoutes(db, clock)));
  app.route('/v1/payment_notices', withSecretKey(paymentNoticeRoutes(db, clock)));
  app.route('/v1/webhook_endpoints', withSecretKey(webhookEndpointRoutes(db, clock)));
  app.route('/v1/webhook_deliveries', withSecretKey(webhookDeliveryRoutes(db, clock)));
  app.route('/v1/events', withSecretKey(eventRoutes(db)));
  app.route('/v1/plans', withSecretKey(planRoutes(db, clock)));
  app.route('/v1/subscriptions', withSecretKey(subscriptionRoutes(db, clock)));
  app.route('/v1/subscription_settings', withSecretKey(subscriptionSettingsRoutes(db, clock)));
  // The exchange takes no secret key, so it is mounted before the routes that need one.
  app.route('/v1/pay_links', payLinkExchangeRoutes(db, clock, deps.publicUrl));
  app.route('/v1/pay_links', withSecretKey(payLinkRoutes(db, clock, deps.publicUrl)));
  app.route(
    '/v1/portal_sessions',
    withSecretKey(
      portalSessionRoutes(db, clock, deps.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS).route(
        '/',
        portalSessionRevocationRoutes(db, clock),
      ),
    ),
  );

  app.route('/v1/email_settings', withSecretKey(emailSettingsRoutes(db, clock)));
  app.route('/v1/emails', withSecretKey(emailListRoutes(db)));
  app.route('/v1/api_keys', withSecretKey(apiKeyRoutes(db, clock)));
  app.route('/v1/audit_log', withSecretKey(auditLogRoutes(db)));

  const portalApi = new Hono<AppEnv>();
  portalApi.use('*', portalPreflight(db));
  portalApi.use(
    '*',
    requirePortalSession(
      db,
      clock,
      createPortalSessionLookup(db, logger),
      new URL(deps.publicUrl).origin,
    ),
  );
  // Keeps sessions made by pay links to their one invoice, before any route runs.
  portalApi.use('*', guardInvoiceSessions(db, clock));
  // Before every route, so that a feature the vendor turned off is refused first.
  guardFeatureRoutes(portalApi);
  // One counter for both, so a session cannot double its tries by alternating routes.
  const paymentRate = limitPaymentRate(clock, {
    ...DEFAULT_PAYMENT_RATE_LIMITS,
    ...deps.rateLimits,
  });
  portalApi.use('/payment_methods/*', paymentRate);
  portalApi.use('/payments', paymentRate);
  portalApi.use('/setup_intents', paymentRate);
  portalApi.route('/', portalReadRoutes(db, clock));
  portalApi.route('/', portalReceiptRoutes(db));
  portalApi.route('/', portalInvoicePdfRoutes(db, clock, logos));
  portalApi.route('/', portalStatementRoutes(db, clock, logos));
  const paymentDeps = { db, clock, logger, providers };
  portalApi.route('/', portalPaymentRoutes(paymentDeps));
  portalApi.route('/', portalPaymentMethodRoutes(paymentDeps, modules));
  portalApi.route('/', autopayRoutes(db, clock));
  portalApi.route('/', portalThreadRoutes(db, clock));
  portalApi.route('/', portalCreditRoutes(db, clock));
  portalApi.route('/', portalBillingRoutes(db, clock));
  portalApi.route('/', portalCreditNoteRoutes(db));
  portalApi.route('/', portalPaymentNoticeRoutes(db, clock));
  portalApi.route('/', portalSubscriptionRoutes(db, clock));
  for (const module of modules) {
    if (module.portalRoutes) portalApi.route('/', module.portalRoutes(providerContext));
    if (module.webhookRoutes) {
      app.route(`/webhooks/${module.name}`, module.webhookRoutes(providerContext));
    }
  }

  app.route('/v1/portal', portalApi);
  app.route(
    '/v1/payments',
    withSecretKey(
      vendorPaymentRoutes(paymentDeps)
        .route('/', vendorReceiptRoutes(db))
        .route('/', offlinePaymentRoutes(paymentDeps)),
    ),
  );
  return app;
}
