import Stripe from 'stripe';

/**
 * The receiver of signed events: the full address of a running API's `/webhooks/stripe`,
 * or an object with a Fetch-style `fetch` (a Hono app), called in-process.
 */
export type WebhookTarget = string | { fetch(request: Request): Response | Promise<Response> };

export interface DeliveryOptions {
  /** Signs with this secret instead of the fake's, to test a rejected signature. */
  secret?: string;
  /** Unix seconds to sign with; now when left out. An old value tests the tolerance. */
  timestamp?: number;
  /** Sends this `Stripe-Signature` header as it is, or none when null. */
  signature?: string | null;
  /** Sends this body instead of the event, after signing the event: a tampered payload. */
  body?: string;
}

/** Path that in-process deliveries are addressed to. */
const IN_PROCESS_URL = 'http://localhost/webhooks/stripe';

/**
 * Sends one event as Stripe does: a POST of the event as pretty-printed JSON with a
 * `Stripe-Signature` header of `t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">`.
 */
export async function deliverEvent(
  event: Stripe.Event,
  target: WebhookTarget,
  webhookSecret: string,
  options: DeliveryOptions = {},
): Promise<Response> {
  const payload = JSON.stringify(event, null, 2);
  const signature =
    options.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? webhookSecret,
          ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
        })
      : options.signature;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
  };
  if (signature !== null) headers['Stripe-Signature'] = signature;
  const init = { method: 'POST', headers, body: options.body ?? payload };

  if (typeof target === 'string') return fetch(target, init);
  return target.fetch(new Request(IN_PROCESS_URL, init));
}
