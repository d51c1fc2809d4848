import { CreateStripePaymentMethodRequestSchema, type SetupIntent } from '@duly/core';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv, PortalAuth } from '../../http/app-env.js';
import { readJson } from '../../http/json-body.js';
import { parseInput } from '../../http/validation.js';
import { savePaymentMethod } from '../../payments/payment-method-service.js';
import { toPaymentMethod } from '../../payments/payment-object.js';
import type { PaymentMethodRow } from '../../payments/payment-repository.js';
import { findDefaultMethodId } from '../../payments/saved-methods.js';
import { requireFeatureOf } from '../../portal/portal-features.js';
import { findVendor } from '../../vendors/index.js';
import type { ProviderPaymentMethod } from '../payment-provider.js';
import type { ProviderContext } from '../provider-module.js';
import { cardErrorOnSave, methodDetails } from './stripe-method-details.js';
import type { StripeProvider } from './stripe-provider.js';

/**
 * Portal routes of the Stripe module:
 * - `POST /payment_methods/stripe` takes a PaymentMethod that Stripe.js made
 *   (`{ payment_method, save? }`) or a SetupIntent it confirmed (`{ setup_intent }`, saved),
 *   attaches it to the customer's Stripe customer and stores it.
 * - `POST /setup_intents` starts saving a card for later: the client secret that the
 *   Payment Element confirms.
 */
export function stripePortalRoutes(
  context: ProviderContext,
  provider: StripeProvider,
): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/payment_methods/stripe', async (c) => {
      const request = parseInput(CreateStripePaymentMethodRequestSchema, await readJson(c));
      const portal = c.get('portal');
      const save = 'payment_method' in request ? (request.save ?? false) : true;
      if (save) requireFeatureOf(portal, 'payment_methods');
      await requireStripeVendor(context, provider, portal);
      const customer = await provider.stripeCustomer(portal.customerId);

      const details =
        'payment_method' in request
          ? await attachPaymentMethod(provider, customer, request.payment_method)
          : await setupIntentMethod(provider, customer, request.setup_intent);
      const stored = await findStoredMethod(context, portal, details.providerRef);
      if (stored !== undefined && (stored.saved || !save)) {
        return c.json(toPaymentMethod(stored, await findDefaultMethodId(context.db, portal)), 200);
      }
      const method = await savePaymentMethod(
        context.db,
        context.clock,
        portal,
        provider.name,
        details,
        save,
      );
      return c.json(method, 201);
    })
    .post('/setup_intents', async (c) => {
      const portal = c.get('portal');
      await requireStripeVendor(context, provider, portal);
      const customer = await provider.stripeCustomer(portal.customerId);
      const intent = await provider.stripe.setupIntents.create({
        customer,
        allowed_payment_method_types: ['card'],
        usage: 'off_session',
        metadata: { duly_customer: portal.customerId },
      });
      if (intent.client_secret === null) {
        throw new Error(`Stripe returned SetupIntent ${intent.id} without a client secret.`);
      }
      const body: SetupIntent = { object: 'setup_intent', client_secret: intent.client_secret };
      return c.json(body, 201);
    });
}

/**
 * Finds the customer's stored method for a Stripe id, so that posting the same
 * PaymentMethod or SetupIntent again returns it instead of storing a copy.
 */
async function findStoredMethod(
  context: ProviderContext,
  portal: PortalAuth,
  providerRef: string,
): Promise<PaymentMethodRow | undefined> {
  return context.db
    .selectFrom('payment_method')
    .selectAll()
    .where('customer_id', '=', portal.customerId)
    .where('provider', '=', 'stripe')
    .where('provider_ref', '=', providerRef)
    .where('detached_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Throws unless the session's vendor takes payments through Stripe (`payment_provider`)
 * in the mode of this server's Stripe key.
 */
async function requireStripeVendor(
  context: ProviderContext,
  provider: StripeProvider,
  portal: PortalAuth,
): Promise<void> {
  const vendor = await findVendor(context.db, portal.vendorId);
  if (vendor?.payment_provider !== provider.name) {
    throw new ApiError(
      'provider_not_configured',
      `${vendor?.name ?? 'This vendor'} takes payments through ${vendor?.payment_provider ?? 'another provider'}, not Stripe; read GET /v1/portal/payment_setup for how to pay.`,
    );
  }
  provider.checkMode(portal.livemode);
}

/**
 * Attaches a PaymentMethod from Stripe.js to the customer, which Stripe needs to charge it
 * again and which makes Stripe check the card. One attached to another customer is treated
 * as not found, so ids of other customers' cards reveal nothing.
 */
async function attachPaymentMethod(
  provider: StripeProvider,
  customer: string,
  paymentMethodId: string,
): Promise<ProviderPaymentMethod> {
  let method: Stripe.PaymentMethod;
  try {
    method = await provider.stripe.paymentMethods.retrieve(paymentMethodId);
  } catch (error) {
    throw notFoundAtStripe(error, 'payment_method', paymentMethodId);
  }
  const owner = typeof method.customer === 'string' ? method.customer : method.customer?.id;
  if (owner !== undefined && owner !== customer) {
    throw notFoundAtStripe(undefined, 'payment_method', paymentMethodId);
  }
  if (owner === undefined) {
    try {
      method = await provider.stripe.paymentMethods.attach(method.id, { customer });
    } catch (error) {
      throw cardErrorOnSave(error);
    }
  }
  return methodDetails(method, customer, 'payment_method');
}

/** Reads the card a SetupIntent saved, after checking that it is this customer's and done. */
async function setupIntentMethod(
  provider: StripeProvider,
  customer: string,
  setupIntentId: string,
): Promise<ProviderPaymentMethod> {
  let intent: Stripe.SetupIntent;
  try {
    intent = await provider.stripe.setupIntents.retrieve(setupIntentId, {
      expand: ['payment_method'],
    });
  } catch (error) {
    throw notFoundAtStripe(error, 'setup_intent', setupIntentId);
  }
  const owner = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
  if (owner !== customer) throw notFoundAtStripe(undefined, 'setup_intent', setupIntentId);
  if (intent.status !== 'succeeded') {
    throw new ApiError(
      'invalid_parameter',
      `SetupIntent ${intent.id} is ${intent.status}, not succeeded; confirm it with Stripe.js (stripe.confirmSetup) before saving the card.`,
      { param: 'setup_intent' },
    );
  }
  const method = intent.payment_method;
  if (method === null || typeof method === 'string') {
    throw new Error(`Stripe returned SetupIntent ${intent.id} without its payment method.`);
  }
  return methodDetails(method, customer, 'setup_intent');
}

/**
 * Builds the `payment_method_not_found` error for an id Stripe does not know or that
 * belongs to another customer. Errors other than Stripe's "no such object" are returned
 * unchanged.
 */
function notFoundAtStripe(error: unknown, param: string, id: string): unknown {
  const missing =
    error === undefined ||
    (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing');
  if (!missing) return error;
  const what = param === 'setup_intent' ? 'SetupIntent' : 'PaymentMethod';
  return new ApiError(
    'payment_method_not_found',
    `No Stripe ${what} ${id} exists for this customer; create it with Stripe.js in this portal session.`,
    { param },
  );
}
