import { createCustomer, createSource, deleteSource, retrieveCustomer } from './customers.js';
import { type FormParams, listParam } from './form-params.js';
import {
  cancelPaymentIntent,
  createPaymentIntent,
  retrieveCharge,
  retrievePaymentIntent,
} from './payment-intents.js';
import {
  attachPaymentMethod,
  createPaymentMethod,
  detachPaymentMethod,
  retrievePaymentMethod,
} from './payment-methods.js';
import { createRefund, listRefunds, retrieveRefund } from './refunds.js';
import { confirmSetupIntent, createSetupIntent, retrieveSetupIntent } from './setup-intents.js';
import { type FakeStripeStore, getOrThrow } from './store.js';

type Handler = (store: FakeStripeStore, params: FormParams, ids: string[]) => unknown;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Whether Stripe.js may call it with the publishable key. */
  publishable?: boolean;
}

const ID = '([A-Za-z0-9_]+)';

/** The endpoints the fake serves; any other path gets Stripe's "Unrecognized request URL" error. */
const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/customers$/, handler: (s, p) => createCustomer(s, p) },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/customers/${ID}$`),
    handler: (s, _p, [id]) => retrieveCustomer(s, id as string),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/customers/${ID}/sources$`),
    handler: (s, p, [id]) => createSource(s, id as string, p),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^/v1/customers/${ID}/sources/${ID}$`),
    handler: (s, _p, [id, source]) => deleteSource(s, id as string, source as string),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_methods$/,
    handler: (s, p) => createPaymentMethod(s, p),
    publishable: true,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/payment_methods/${ID}$`),
    handler: (s, _p, [id]) => retrievePaymentMethod(s, id as string),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_methods/${ID}/attach$`),
    handler: (s, p, [id]) => attachPaymentMethod(s, id as string, p),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_methods/${ID}/detach$`),
    handler: (s, _p, [id]) => detachPaymentMethod(s, id as string),
  },
  { method: 'POST', pattern: /^\/v1\/setup_intents$/, handler: (s, p) => createSetupIntent(s, p) },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/setup_intents/${ID}$`),
    handler: (s, p, [id]) => retrieveSetupIntent(s, id as string, listParam(p, 'expand')),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/setup_intents/${ID}/confirm$`),
    handler: (s, p, [id]) => confirmSetupIntent(s, id as string, p),
    publishable: true,
  },
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents$/,
    handler: (s, p) => createPaymentIntent(s, p),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/payment_intents/${ID}$`),
    handler: (s, p, [id]) => retrievePaymentIntent(s, id as string, listParam(p, 'expand')),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/payment_intents/${ID}/cancel$`),
    handler: (s, p, [id]) => cancelPaymentIntent(s, id as string, p),
  },
  { method: 'POST', pattern: /^\/v1\/refunds$/, handler: (s, p) => createRefund(s, p) },
  { method: 'GET', pattern: /^\/v1\/refunds$/, handler: (s, p) => listRefunds(s, p) },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/refunds/${ID}$`),
    handler: (s, _p, [id]) => retrieveRefund(s, id as string),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/charges/${ID}$`),
    handler: (s, _p, [id]) => retrieveCharge(s, id as string),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/events/${ID}$`),
    handler: (s, _p, [id]) => {
      const event = s.events.find((candidate) => candidate.id === id);
      return event ?? getOrThrow(new Map(), 'event', id as string);
    },
  },
];

/** Finds the route and path ids of a request; undefined when the fake does not serve it. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; ids: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match !== null) return { route, ids: match.slice(1) };
  }
  return undefined;
}
