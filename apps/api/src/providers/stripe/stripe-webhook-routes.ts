import { Hono } from 'hono';
import Stripe from 'stripe';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv } from '../../http/app-env.js';
import { applyProviderEvent } from '../../payments/provider-events.js';
import type { ProviderContext } from '../provider-module.js';
import { toLedgerChanges } from './stripe-events.js';
import type { StripeProvider } from './stripe-provider.js';

/**
 * `POST /webhooks/stripe`: checks the `Stripe-Signature` header against the raw body with
 * the webhook signing secret (and Stripe's five-minute tolerance, on the system clock),
 * then applies the event's ledger changes once, in one transaction. A bad or missing
 * signature is `400 webhook_signature_invalid` and changes nothing. Events of the other
 * mode and events that do not touch the ledger are acknowledged and ignored, so Stripe
 * stops sending them.
 */
export function stripeWebhookRoutes(
  context: ProviderContext,
  provider: StripeProvider,
  webhookSecret: string,
): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/', async (c) => {
    const payload = await c.req.text();
    const signature = c.req.header('Stripe-Signature') ?? '';
    let event: Stripe.Event;
    try {
      event = provider.stripe.webhooks.constructEvent(payload, signature, webhookSecret);
    } catch (error) {
      // The signature matched but the body is not JSON: only the secret's holder can send
      // this, and it is still a bad request, not a fault of the API.
      if (error instanceof SyntaxError) {
        c.get('logger').warn('Stripe webhook rejected: body is not JSON', {
          request_id: c.get('requestId'),
        });
        throw new ApiError('malformed_json', 'The webhook body is not valid JSON.');
      }
      if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
      c.get('logger').warn('Stripe webhook rejected: signature invalid', {
        request_id: c.get('requestId'),
        reason: error.message,
      });
      throw new ApiError(
        'webhook_signature_invalid',
        'The Stripe-Signature header is missing, too old, or does not match the body for this endpoint; check that STRIPE_WEBHOOK_SECRET is the signing secret of this endpoint.',
        { param: 'Stripe-Signature' },
      );
    }

    if (event.livemode !== provider.livemode) {
      return c.json({ received: true, ignored: 'other_mode' });
    }
    const changes = toLedgerChanges(event, await listRefundsIfLeftOut(provider, event));
    if (changes.length === 0) return c.json({ received: true, ignored: 'no_ledger_change' });

    const { duplicate } = await applyProviderEvent(
      context.db,
      context.clock,
      { provider: provider.name, eventId: event.id, type: event.type, changes },
      c.get('logger'),
    );
    return c.json({ received: true, duplicate });
  });
}

/**
 * Lists a refunded charge's refunds from Stripe when `charge.refunded` leaves them out, as
 * Stripe's API versions since 2022-11-15 do unless the list is expanded.
 */
async function listRefundsIfLeftOut(
  provider: StripeProvider,
  event: Stripe.Event,
): Promise<Stripe.Refund[] | undefined> {
  if (event.type !== 'charge.refunded') return undefined;
  const charge = event.data.object;
  if (charge.refunds !== undefined && charge.refunds !== null) return undefined;
  const listed = await provider.stripe.refunds.list({ charge: charge.id, limit: 100 });
  return listed.data;
}
