import Stripe from 'stripe';
import { randomToken } from '../../ids.js';
import type { BankOutcome, CardBehavior } from './test-instruments.js';

/** A JSON object as the fake stores and returns it, shaped like Stripe's object of that name. */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

/**
 * An error response in Stripe's shape: `{ error: { type, code, decline_code, message, ... } }`
 * with the HTTP status Stripe uses (402 for card errors, 400 for invalid requests, 404 for
 * missing objects).
 */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      type: 'card_error' | 'invalid_request_error' | 'idempotency_error' | 'api_error';
      message: string;
      code?: string;
      decline_code?: string;
      param?: string;
      charge?: string;
      payment_intent?: StripeObject;
      setup_intent?: StripeObject;
      payment_method?: StripeObject;
    },
  ) {
    super(body.message);
  }
}

/** Raises Stripe's 404 for an object id that names nothing. */
export function noSuchObject(kind: string, id: string, param?: string): FakeStripeError {
  return new FakeStripeError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    ...(param === undefined ? {} : { param }),
  });
}

/** Raises Stripe's 400 for a bad or missing parameter. */
export function invalidRequest(message: string, code?: string, param?: string): FakeStripeError {
  return new FakeStripeError(400, {
    type: 'invalid_request_error',
    message,
    ...(code === undefined ? {} : { code }),
    ...(param === undefined ? {} : { param }),
  });
}

/** Makes a Stripe-style id: the prefix, an underscore and 24 random characters. */
export function stripeId(prefix: string): string {
  return `${prefix}_${randomToken(24)}`;
}

/** Seconds since the epoch, the unit of every Stripe timestamp. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** A bank account token made for a test, standing in for one Plaid made. */
export interface BankAccountToken {
  accountNumber: string;
  routingNumber: string;
  accountHolderName: string;
  accountHolderType: 'individual' | 'company';
  bankName: string;
  outcome: BankOutcome;
  used: boolean;
}

/**
 * Every object the fake holds, and the events it has sent, in order. The resource modules
 * (customers, payment methods, intents, refunds, disputes) read and change it.
 */
export class FakeStripeStore {
  readonly customers = new Map<string, StripeObject>();
  /** PaymentMethods (`pm_`) and legacy bank accounts (`ba_`) attached through sources. */
  readonly paymentMethods = new Map<string, StripeObject>();
  readonly bankAccounts = new Map<string, StripeObject>();
  readonly setupIntents = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  readonly disputes = new Map<string, StripeObject>();
  readonly mandates = new Map<string, StripeObject>();
  readonly bankAccountTokens = new Map<string, BankAccountToken>();

  /** Outcome of charging each card or bank PaymentMethod, kept off the returned objects. */
  readonly cardBehaviors = new Map<string, CardBehavior>();
  readonly bankOutcomes = new Map<string, BankOutcome>();
  /** Cards confirmed through a SetupIntent, which then pay off-session without a challenge. */
  readonly setUpForOffSession = new Set<string>();
  /** Detached PaymentMethods, which Stripe never lets be used again. */
  readonly detachedPaymentMethods = new Set<string>();

  readonly events: Stripe.Event[] = [];
  #listeners: Array<(event: Stripe.Event) => void> = [];

  constructor(readonly baseUrl: string) {}

  /** Records an event about `object` as it is now; later changes do not alter it. */
  emit(type: string, object: StripeObject): Stripe.Event {
    const event = {
      id: stripeId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: unixNow(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.events.push(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  onEvent(listener: (event: Stripe.Event) => void): void {
    this.#listeners.push(listener);
  }
}

/** Returns the stored object or throws Stripe's 404 for it. */
export function getOrThrow(
  map: Map<string, StripeObject>,
  kind: string,
  id: string,
  param?: string,
): StripeObject {
  const object = map.get(id);
  if (object === undefined) throw noSuchObject(kind, id, param);
  return object;
}
