import type { StripeSettings } from '../../config.js';
import type { ProviderContext, ProviderModule } from '../provider-module.js';
import { stripePortalRoutes } from './stripe-portal-routes.js';
import { StripeProvider } from './stripe-provider.js';
import { stripeWebhookRoutes } from './stripe-webhook-routes.js';

/** The Stripe module, whose `provider` other modules (Plaid) reach for bank accounts. */
export interface StripeModule extends ProviderModule {
  readonly provider: StripeProvider;
}

/**
 * Cards and bank debits through Stripe, for vendors whose `payment_provider` is `stripe`:
 * the widget takes cards with Stripe's Payment Element (`cardSetup` gives it the
 * publishable key), the portal routes store what Stripe.js made, and `/webhooks/stripe`
 * settles what Stripe reports later.
 */
export function stripeModule(settings: StripeSettings, context: ProviderContext): StripeModule {
  const provider = new StripeProvider(settings, context);
  return {
    name: provider.name,
    provider,
    portalRoutes: (routeContext) => stripePortalRoutes(routeContext, provider),
    webhookRoutes: (routeContext) =>
      stripeWebhookRoutes(routeContext, provider, settings.webhookSecret),
    cardSetup: () => ({
      provider: provider.name,
      options: { publishable_key: settings.publishableKey },
    }),
  };
}
