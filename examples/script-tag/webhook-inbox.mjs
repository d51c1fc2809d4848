import { constructWebhookEvent, DulyWebhookSignatureError } from '@duly/sdk/server';

/** Deliveries larger than this are refused unread; Duly's events are a few kilobytes. */
const MAX_DELIVERY_BYTES = 1_000_000;
const KEPT_EVENTS = 100;

/**
 * Receives Duly's webhook deliveries for the example site: checks each signature with the
 * endpoint's secret and keeps the latest events in memory, newest first, for the events
 * page. A real backend would act on each event once (by `event.id`) and store it.
 */
export function createWebhookInbox({ secret }) {
  const events = [];
  let rejected = 0;

  return {
    /** True when the site has a signing secret, so deliveries can be checked. */
    get configured() {
      return secret !== undefined;
    },

    /** Deliveries refused because their signature did not verify. */
    get rejected() {
      return rejected;
    },

    /** Returns the stored events, newest first, each as `{ event, receivedAt }`. */
    recent() {
      return [...events];
    },

    /**
     * Verifies and stores one delivery, and returns the `{ status, body }` to respond with:
     * 400 when the signature does not verify, so Duly counts the attempt failed and a forged
     * request changes nothing.
     */
    async receive(request) {
      if (secret === undefined) {
        return {
          status: 503,
          body: { error: 'DULY_WEBHOOK_SECRET is not set, so deliveries cannot be verified.' },
        };
      }
      const payload = await readRaw(request);
      if (payload === undefined) {
        rejected += 1;
        return { status: 413, body: { error: 'The delivery is larger than 1 MB.' } };
      }
      try {
        const event = await constructWebhookEvent(
          payload,
          request.headers['duly-signature'],
          secret,
        );
        // Delivery is at least once, so a repeated event replaces nothing.
        if (!events.some((entry) => entry.event.id === event.id)) {
          events.unshift({ event, receivedAt: new Date() });
          events.length = Math.min(events.length, KEPT_EVENTS);
        }
        return { status: 200, body: { received: true } };
      } catch (error) {
        if (!(error instanceof DulyWebhookSignatureError)) throw error;
        rejected += 1;
        return { status: 400, body: { error: error.message, code: error.code } };
      }
    },
  };
}

/** Reads the body as bytes, exactly as sent, because the signature covers those bytes. */
async function readRaw(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_DELIVERY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
