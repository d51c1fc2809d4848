import { customerParam } from './customers.js';
import {
  booleanParam,
  type FormParams,
  listParam,
  metadataParam,
  objectParam,
  requiredStringParam,
  stringParam,
} from './form-params.js';
import { resolvePaymentMethod } from './payment-methods.js';
import {
  FakeStripeError,
  type FakeStripeStore,
  getOrThrow,
  invalidRequest,
  type StripeObject,
  stripeId,
  unixNow,
} from './store.js';
import {
  BANK_FAILURE_MESSAGES,
  type BankOutcome,
  THREE_DECIMAL_CURRENCIES,
} from './test-instruments.js';

/** Stripe's smallest USD charge, 50 cents; other currencies are not checked by the fake. */
const MIN_USD_AMOUNT = 50;
/** Stripe takes at most eight digits in `amount`. */
const MAX_AMOUNT = 99_999_999;

/**
 * Reads `allowed_payment_method_types` into the intent's two lists: the allowed types, and
 * the usable ones (`payment_method_types`), where bank debits need USD. Without a list,
 * cards are usable, and bank debits too in USD. The API version the SDK pins (2026-10-28)
 * rejects the older writable `payment_method_types` with a 400, and so does the fake.
 */
export function paymentMethodTypes(
  params: FormParams,
  currency: string | undefined,
): { allowed: string[] | null; usable: string[] } {
  if (params.payment_method_types !== undefined) {
    throw invalidRequest(
      'payment_method_types is no longer supported on this API version; use allowed_payment_method_types.',
      'payment_method_types_no_longer_supported',
      'payment_method_types',
    );
  }
  const allowed = listParam(params, 'allowed_payment_method_types') ?? null;
  const usable = (allowed ?? ['card', 'us_bank_account']).filter(
    (type) => type !== 'us_bank_account' || currency === undefined || currency === 'usd',
  );
  return { allowed, usable };
}

/** Checks Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. */
export function checkMetadata(metadata: Record<string, string>): void {
  const entries = Object.entries(metadata);
  if (entries.length > 50) {
    throw invalidRequest('Metadata can have up to 50 keys.', 'parameter_invalid_empty', 'metadata');
  }
  for (const [key, value] of entries) {
    if (key.length > 40) {
      throw invalidRequest(
        `Metadata keys can be up to 40 characters long: ${key}.`,
        undefined,
        `metadata[${key}]`,
      );
    }
    if (value.length > 500) {
      throw invalidRequest(
        `Metadata values can have up to 500 characters, but you passed in a value that is ${value.length} characters.`,
        undefined,
        `metadata[${key}]`,
      );
    }
  }
}

function parseAmount(params: FormParams): number {
  const text = requiredStringParam(params, 'amount');
  const amount = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(amount) || amount < 1) {
    throw invalidRequest(
      'Invalid integer: amount must be a positive whole number.',
      'parameter_invalid_integer',
      'amount',
    );
  }
  return amount;
}

function checkAmountForCurrency(amount: number, currency: string): void {
  if (currency === 'usd' && amount < MIN_USD_AMOUNT) {
    throw invalidRequest('Amount must be at least $0.50 usd', 'amount_too_small', 'amount');
  }
  if (amount > MAX_AMOUNT) {
    throw invalidRequest('Amount must be no more than 99999999.', 'amount_too_large', 'amount');
  }
  if (THREE_DECIMAL_CURRENCIES.has(currency) && amount % 10 !== 0) {
    throw invalidRequest(
      `Invalid amount: ${currency} amounts must end in 0 for compatibility with card networks.`,
      'amount_invalid',
      'amount',
    );
  }
  if (currency === 'isk' && amount % 100 !== 0) {
    throw invalidRequest(
      'Invalid amount. Currency ISK has become effectively zero-decimal and charged amounts must be evenly divisible by 100.',
      'invalid_charge_amount_no_decimal_compatible',
      'amount',
    );
  }
}

/** `POST /v1/payment_intents`, confirming at once when `confirm=true`. */
export function createPaymentIntent(store: FakeStripeStore, params: FormParams): StripeObject {
  const amount = parseAmount(params);
  const currency = stringParam(params, 'currency');
  if (currency === undefined || !/^[a-z]{3}$/.test(currency)) {
    throw invalidRequest(
      'Invalid currency: must be a three-letter ISO code in lowercase.',
      'parameter_missing',
      'currency',
    );
  }
  checkAmountForCurrency(amount, currency);
  const metadata = metadataParam(params);
  checkMetadata(metadata);
  const customer = customerParam(store, params);
  const confirm = booleanParam(params, 'confirm') ?? false;
  if (booleanParam(params, 'off_session') === true && !confirm) {
    throw invalidRequest(
      'off_session can only be used when confirm=true.',
      'parameter_invalid_empty',
      'off_session',
    );
  }

  const types = paymentMethodTypes(params, currency);

  const id = stripeId('pi');
  const intent: StripeObject = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: types.allowed,
    amount,
    amount_received: 0,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${stripeId('s').slice(2)}`,
    confirmation_method: 'automatic',
    created: unixNow(),
    currency,
    customer,
    description: stringParam(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    mandate: null,
    metadata,
    next_action: null,
    payment_method: stringParam(params, 'payment_method') ?? null,
    payment_method_types: types.usable,
    status: 'requires_payment_method',
  };
  if (intent.payment_method !== null) intent.status = 'requires_confirmation';
  store.paymentIntents.set(id, intent);
  store.emit('payment_intent.created', intent);
  if (confirm) confirmPaymentIntent(store, intent, params);
  return intent;
}

/** Confirms an intent: charges the card, requires 3-D Secure or starts the bank debit. */
function confirmPaymentIntent(
  store: FakeStripeStore,
  intent: StripeObject,
  params: FormParams,
): void {
  if (intent.payment_method === null) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      'payment_intent_unexpected_state',
      'payment_method',
    );
  }
  const method = resolvePaymentMethod(store, intent.payment_method as string);
  intent.payment_method = method.id;
  if (method.customer !== null && method.customer !== intent.customer) {
    throw invalidRequest(
      intent.customer === null
        ? 'The provided PaymentMethod belongs to a customer; pass that customer too.'
        : 'The provided PaymentMethod belongs to another customer.',
      'payment_method_unexpected_state',
      'payment_method',
    );
  }
  const types = intent.payment_method_types as string[];
  if (!types.includes(method.type as string)) {
    throw invalidRequest(
      `The PaymentMethod provided (${String(method.type)}) is not allowed for this PaymentIntent; its payment_method_types are ${types.join(', ')}.`,
      'payment_intent_incompatible_payment_method',
      'payment_method',
    );
  }

  const offSession = booleanParam(params, 'off_session') === true;
  if (method.type === 'us_bank_account') {
    intent.mandate = recordMandate(store, method, params);
    startDebit(store, intent, method);
    return;
  }

  const behavior = store.cardBehaviors.get(method.id) ?? { kind: 'succeeds' as const };
  if (behavior.kind === 'succeeds') {
    succeed(store, intent, method);
    return;
  }
  if (behavior.kind === 'declines' || behavior.kind === 'declines_on_charge') {
    decline(store, intent, method, behavior);
  }
  if (behavior.kind !== 'requires_authentication') return;
  if (offSession) {
    if (behavior.setupExempts && store.setUpForOffSession.has(method.id)) {
      succeed(store, intent, method);
      return;
    }
    decline(store, intent, method, {
      code: 'authentication_required',
      declineCode: 'authentication_required',
      message: 'Your card was declined. This transaction requires authentication.',
    });
  }
  const useStripeSdk = booleanParam(params, 'use_stripe_sdk') === true;
  intent.status = 'requires_action';
  intent.next_action = useStripeSdk
    ? {
        type: 'use_stripe_sdk',
        use_stripe_sdk: {
          type: 'three_d_secure_redirect',
          stripe_js: `${store.baseUrl}/three_d_secure/${intent.id}`,
          source: stripeId('src'),
        },
      }
    : {
        type: 'redirect_to_url',
        redirect_to_url: {
          url: `${store.baseUrl}/three_d_secure/${intent.id}`,
          return_url: stringParam(params, 'return_url') ?? null,
        },
      };
  store.emit('payment_intent.requires_action', intent);
}

/**
 * Checks `mandate_data` (or an existing `mandate`) and records the mandate; a bank debit
 * without one is rejected, as Stripe rejects it.
 */
function recordMandate(store: FakeStripeStore, method: StripeObject, params: FormParams): string {
  const existing = stringParam(params, 'mandate');
  if (existing !== undefined) return getOrThrow(store.mandates, 'mandate', existing, 'mandate').id;

  const acceptance = objectParam(objectParam(params, 'mandate_data') ?? {}, 'customer_acceptance');
  if (acceptance === undefined) {
    throw invalidRequest(
      'A mandate is required to confirm a PaymentIntent with a us_bank_account PaymentMethod: pass mandate_data[customer_acceptance].',
      'parameter_missing',
      'mandate_data',
    );
  }

  const type = stringParam(acceptance, 'type');
  const online = objectParam(acceptance, 'online');
  if (
    type === 'online' &&
    (stringParam(online ?? {}, 'ip_address') === undefined ||
      stringParam(online ?? {}, 'user_agent') === undefined)
  ) {
    throw invalidRequest(
      'Online mandate acceptance needs ip_address and user_agent.',
      'parameter_missing',
      'mandate_data[customer_acceptance][online]',
    );
  }
  if (type !== 'online' && type !== 'offline') {
    throw invalidRequest(
      'mandate_data[customer_acceptance][type] must be online or offline.',
      'parameter_invalid_empty',
      'mandate_data[customer_acceptance][type]',
    );
  }

  const acceptedAt = Number(stringParam(acceptance, 'accepted_at') ?? unixNow());
  const mandate: StripeObject = {
    id: stripeId('mandate'),
    object: 'mandate',
    customer_acceptance: {
      type,
      accepted_at: acceptedAt,
      ...(online === undefined ? {} : { online }),
    },
    livemode: false,
    payment_method: method.id,
    status: 'active',
    type: 'multi_use',
  };
  store.mandates.set(mandate.id, mandate);
  return mandate.id;
}

function paymentMethodDetails(method: StripeObject): Record<string, unknown> {
  if (method.type === 'card') return { type: 'card', card: method.card };
  return { type: 'us_bank_account', us_bank_account: method.us_bank_account };
}

function newCharge(
  store: FakeStripeStore,
  intent: StripeObject,
  method: StripeObject,
  status: string,
): StripeObject {
  const id = stripeId('ch');
  const charge: StripeObject = {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: status === 'succeeded' ? intent.amount : 0,
    amount_refunded: 0,
    captured: status === 'succeeded',
    created: unixNow(),
    currency: intent.currency,
    customer: intent.customer,
    disputed: false,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: intent.metadata,
    outcome: null,
    paid: status === 'succeeded',
    payment_intent: intent.id,
    payment_method: method.id,
    payment_method_details: paymentMethodDetails(method),
    refunded: false,
    refunds: {
      object: 'list',
      data: [],
      has_more: false,
      total_count: 0,
      url: `/v1/charges/${id}/refunds`,
    },
    status,
  };
  store.charges.set(id, charge);
  intent.latest_charge = id;
  return charge;
}

function succeed(store: FakeStripeStore, intent: StripeObject, method: StripeObject): void {
  const charge = newCharge(store, intent, method, 'succeeded');
  charge.outcome = { type: 'authorized', network_status: 'approved_by_network' };
  markSucceeded(store, intent, charge);
}

function markSucceeded(store: FakeStripeStore, intent: StripeObject, charge: StripeObject): void {
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.next_action = null;
  intent.last_payment_error = null;
  store.emit('charge.succeeded', charge);
  store.emit('payment_intent.succeeded', intent);
}

/**
 * Records a card decline (a failed charge, the intent back in `requires_payment_method`)
 * and throws Stripe's 402 with the intent attached. The state change stays, as at Stripe.
 */
function decline(
  store: FakeStripeStore,
  intent: StripeObject,
  method: StripeObject,
  reason: { code: string; declineCode: string; message: string },
): never {
  const charge = newCharge(store, intent, method, 'failed');
  charge.failure_code = reason.code;
  charge.failure_message = reason.message;
  charge.outcome = { type: 'issuer_declined', reason: reason.declineCode };
  const error = {
    type: 'card_error' as const,
    code: reason.code,
    decline_code: reason.declineCode,
    message: reason.message,
    charge: charge.id,
    payment_method: method,
  };
  intent.status = 'requires_payment_method';
  intent.last_payment_error = error;
  store.emit('charge.failed', charge);
  store.emit('payment_intent.payment_failed', intent);
  throw new FakeStripeError(402, { ...error, payment_intent: structuredClone(intent) });
}

function startDebit(store: FakeStripeStore, intent: StripeObject, method: StripeObject): void {
  const charge = newCharge(store, intent, method, 'pending');
  intent.status = 'processing';
  store.emit('charge.pending', charge);
  store.emit('payment_intent.processing', intent);
}

/** `GET /v1/payment_intents/:id`, expanding `latest_charge` and `payment_method` on request. */
export function retrievePaymentIntent(
  store: FakeStripeStore,
  id: string,
  expand: string[] = [],
): StripeObject {
  const intent = getOrThrow(store.paymentIntents, 'payment_intent', id);
  const view = structuredClone(intent);
  if (expand.includes('latest_charge') && typeof intent.latest_charge === 'string') {
    view.latest_charge = store.charges.get(intent.latest_charge) ?? null;
  }
  if (expand.includes('payment_method') && typeof intent.payment_method === 'string') {
    view.payment_method = resolvePaymentMethod(store, intent.payment_method);
  }
  return view;
}

const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/** `POST /v1/payment_intents/:id/cancel`. */
export function cancelPaymentIntent(
  store: FakeStripeStore,
  id: string,
  params: FormParams,
): StripeObject {
  const intent = getOrThrow(store.paymentIntents, 'payment_intent', id);
  if (!CANCELABLE.includes(intent.status as string)) {
    throw invalidRequest(
      `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      'payment_intent_unexpected_state',
    );
  }
  intent.status = 'canceled';
  intent.next_action = null;
  intent.canceled_at = unixNow();
  intent.cancellation_reason = stringParam(params, 'cancellation_reason') ?? null;
  store.emit('payment_intent.canceled', intent);
  return intent;
}

/** `GET /v1/charges/:id`. */
export function retrieveCharge(store: FakeStripeStore, id: string): StripeObject {
  return getOrThrow(store.charges, 'charge', id);
}

function requireStatus(intent: StripeObject, status: string, action: string): void {
  if (intent.status !== status) {
    throw new Error(
      `Cannot ${action} PaymentIntent ${intent.id}: its status is ${String(intent.status)}, not ${status}.`,
    );
  }
}

/**
 * Completes the 3-D Secure challenge that Stripe.js showed, as the customer does. A failed
 * challenge sends the intent back to `requires_payment_method`.
 */
export function finishNextAction(
  store: FakeStripeStore,
  id: string,
  result: 'succeeded' | 'failed',
): StripeObject {
  const intent = getOrThrow(store.paymentIntents, 'payment_intent', id);
  requireStatus(intent, 'requires_action', 'finish the next action of');
  const method = resolvePaymentMethod(store, intent.payment_method as string);
  if (result === 'succeeded') {
    succeed(store, intent, method);
    return intent;
  }
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    payment_method: method,
  };
  store.emit('payment_intent.payment_failed', intent);
  return intent;
}

/**
 * Settles a pending debit, as the bank does: it succeeds, or fails with the test account's
 * failure code (or `outcome` when given).
 */
export function clearDebit(
  store: FakeStripeStore,
  id: string,
  outcome?: BankOutcome,
): StripeObject {
  const intent = getOrThrow(store.paymentIntents, 'payment_intent', id);
  requireStatus(intent, 'processing', 'clear the debit of');
  const charge = getOrThrow(store.charges, 'charge', intent.latest_charge as string);
  const result = outcome ?? store.bankOutcomes.get(intent.payment_method as string) ?? 'succeeded';
  if (result === 'succeeded') {
    charge.status = 'succeeded';
    charge.paid = true;
    charge.captured = true;
    charge.amount_captured = charge.amount;
    markSucceeded(store, intent, charge);
    return intent;
  }
  failCharge(charge, result);
  intent.status = 'requires_payment_method';
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code: result,
    message: charge.failure_message,
    payment_method: resolvePaymentMethod(store, intent.payment_method as string),
  };
  store.emit('charge.failed', charge);
  store.emit('payment_intent.payment_failed', intent);
  return intent;
}

function failCharge(charge: StripeObject, failureCode: string): void {
  charge.status = 'failed';
  charge.paid = false;
  charge.failure_code = failureCode;
  charge.failure_message = BANK_FAILURE_MESSAGES[failureCode] ?? 'The bank returned the debit.';
}

/**
 * Returns a debit that had succeeded (an ACH return), as the bank does: the charge fails
 * with `failureCode` and Stripe sends `charge.failed`.
 */
export function returnDebit(store: FakeStripeStore, id: string, failureCode: string): StripeObject {
  const intent = getOrThrow(store.paymentIntents, 'payment_intent', id);
  requireStatus(intent, 'succeeded', 'return the debit of');
  const charge = getOrThrow(store.charges, 'charge', intent.latest_charge as string);
  if ((charge.payment_method_details as { type: string }).type !== 'us_bank_account') {
    throw new Error(`PaymentIntent ${id} was paid by card; only bank debits are returned.`);
  }
  failCharge(charge, failureCode);
  intent.status = 'requires_payment_method';
  intent.amount_received = 0;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code: failureCode,
    message: charge.failure_message,
  };
  store.emit('charge.failed', charge);
  return charge;
}

/** Finds the charge of a PaymentIntent, for refunds and disputes. Throws when it has none. */
export function latestCharge(store: FakeStripeStore, intentId: string): StripeObject {
  const intent = getOrThrow(store.paymentIntents, 'payment_intent', intentId, 'payment_intent');
  if (typeof intent.latest_charge !== 'string') {
    throw invalidRequest(
      `PaymentIntent ${intentId} has no charge yet.`,
      'payment_intent_unexpected_state',
      'payment_intent',
    );
  }
  return getOrThrow(store.charges, 'charge', intent.latest_charge);
}
