import Stripe from 'stripe';
import type { StripeSettings } from '../../config.js';

/**
 * Creates the official Stripe client for the settings. With `apiUrl` (a local fake in
 * tests) it talks to that address and does not retry failed requests, so a test gets each
 * failure. Against Stripe itself it retries network failures twice, which the idempotency
 * keys Duly sends make safe.
 */
export function createStripeClient(settings: StripeSettings): Stripe {
  if (settings.apiUrl === undefined) {
    return new Stripe(settings.secretKey, { telemetry: false, maxNetworkRetries: 2 });
  }
  const url = new URL(settings.apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const defaultPort = protocol === 'http' ? 80 : 443;
  return new Stripe(settings.secretKey, {
    host: url.hostname,
    port: url.port === '' ? defaultPort : Number(url.port),
    protocol,
    telemetry: false,
    maxNetworkRetries: 0,
  });
}

/** Checks whether the settings' secret key is a live-mode key (`sk_live_`, `rk_live_`). */
export function isLiveKey(settings: StripeSettings): boolean {
  return /^(sk|rk)_live_/.test(settings.secretKey);
}
