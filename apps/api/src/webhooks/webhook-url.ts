import { ApiError } from '../http/api-error.js';

function invalidUrl(detail: string): ApiError {
  return new ApiError('webhook_url_invalid', detail, { param: 'url' });
}

/**
 * Checks an endpoint URL and returns it normalized: absolute, `https` (or `http` in test
 * mode, for receivers on a developer's machine), without user name or password, because
 * the URL is shown in lists and logs. Throws `webhook_url_invalid`.
 *
 * NOTE: private and loopback addresses are accepted in live mode too. A deployment that
 * lets untrusted vendors register endpoints should send webhooks through an egress proxy
 * that blocks internal networks.
 */
export function checkWebhookUrl(raw: string, livemode: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl(
      `url ${JSON.stringify(raw)} is not an absolute URL; use one such as https://example.com/duly/webhooks.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidUrl(
      `url must use https (or http in test mode), not ${url.protocol.slice(0, -1)}.`,
    );
  }
  if (livemode && url.protocol !== 'https:') {
    throw invalidUrl(
      'Live mode endpoints must use https, so events travel encrypted; change the URL to https://.',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidUrl(
      'url must not contain a user name or password; check the Duly-Signature header to authenticate deliveries instead.',
    );
  }
  if (url.hash !== '') {
    throw invalidUrl(
      'url must not contain a #fragment, which is never sent to the server; remove it.',
    );
  }
  return url.href;
}
