import { customerParam } from './customers.js';
import { booleanParam, type FormParams, metadataParam, stringParam } from './form-params.js';
import { checkMetadata, paymentMethodTypes } from './payment-intents.js';
import { checkCardOnSetup, resolvePaymentMethod } from './payment-methods.js';
import {
  FakeStripeError,
  type FakeStripeStore,
  getOrThrow,
  invalidRequest,
  type StripeObject,
  stripeId,
  unixNow,
} from './store.js';

/** `POST /v1/setup_intents`, confirming at once when `confirm=true`. */
export function createSetupIntent(store: FakeStripeStore, params: FormParams): StripeObject {
  const customer = customerParam(store, params);
  const metadata = metadataParam(params);
  checkMetadata(metadata);
  const types = paymentMethodTypes(params, undefined);

  const id = stripeId('seti');
  const intent: StripeObject = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: types.allowed,
    client_secret: `${id}_secret_${stripeId('s').slice(2)}`,
    created: unixNow(),
    customer,
    last_setup_error: null,
    livemode: false,
    mandate: null,
    metadata,
    next_action: null,
    payment_method: null,
    payment_method_types: types.usable,
    status: 'requires_payment_method',
    usage: stringParam(params, 'usage') ?? 'off_session',
  };
  store.setupIntents.set(id, intent);
  store.emit('setup_intent.created', intent);
  const method = stringParam(params, 'payment_method');
  if (method !== undefined && booleanParam(params, 'confirm') === true) {
    confirmSetupIntent(store, id, { payment_method: method });
  }
  return intent;
}

/** `GET /v1/setup_intents/:id`, expanding `payment_method` on request. */
export function retrieveSetupIntent(
  store: FakeStripeStore,
  id: string,
  expand: string[] = [],
): StripeObject {
  const intent = getOrThrow(store.setupIntents, 'setup_intent', id);
  const view = structuredClone(intent);
  if (expand.includes('payment_method') && typeof intent.payment_method === 'string') {
    view.payment_method = resolvePaymentMethod(store, intent.payment_method);
  }
  return view;
}

/**
 * `POST /v1/setup_intents/:id/confirm`, what Stripe.js's `confirmSetup` does once the
 * customer has entered a card. The card is attached to the intent's customer and marked
 * ready for off-session payments. A card that requires 3-D Secure is taken as having
 * passed the challenge, so tests need no extra step. A card that declines everything is
 * declined here, with `setup_intent.setup_failed`.
 */
export function confirmSetupIntent(
  store: FakeStripeStore,
  id: string,
  params: FormParams,
): StripeObject {
  const intent = getOrThrow(store.setupIntents, 'setup_intent', id);
  const clientSecret = stringParam(params, 'client_secret');
  if (clientSecret !== undefined && clientSecret !== intent.client_secret) {
    throw invalidRequest(
      'The client_secret provided does not match the client_secret associated with the SetupIntent.',
      'setup_intent_authentication_failure',
      'client_secret',
    );
  }
  if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${String(intent.status)}.`,
      'setup_intent_unexpected_state',
    );
  }
  const methodId =
    stringParam(params, 'payment_method') ?? (intent.payment_method as string | null);
  if (methodId === null) {
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method.",
      'setup_intent_unexpected_state',
      'payment_method',
    );
  }
  const method = resolvePaymentMethod(store, methodId);
  intent.payment_method = method.id;

  try {
    checkCardOnSetup(store.cardBehaviors.get(method.id));
  } catch (error) {
    if (!(error instanceof FakeStripeError)) throw error;
    intent.status = 'requires_payment_method';
    intent.last_setup_error = { ...error.body, payment_method: method };
    store.emit('setup_intent.setup_failed', intent);
    throw new FakeStripeError(402, { ...error.body, setup_intent: structuredClone(intent) });
  }

  if (intent.customer !== null) method.customer = intent.customer;
  store.setUpForOffSession.add(method.id);
  intent.status = 'succeeded';
  intent.last_setup_error = null;
  store.emit('setup_intent.succeeded', intent);
  return intent;
}
