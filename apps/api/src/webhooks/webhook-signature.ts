import { createHmac } from 'node:crypto';

/**
 * Computes the `v1` signature of a delivery: hex HMAC-SHA256 under `secret` of
 * `<timestamp>.<body>`, where `timestamp` is in Unix seconds and `body` is the exact text sent.
 */
export function signWebhookPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * Builds the `Duly-Signature` header, `t=<timestamp>,v1=<signature>`, with one `v1` per
 * secret: while a rolled secret overlaps the new one, receivers holding either can verify.
 */
export function webhookSignatureHeader(
  secrets: readonly string[],
  timestamp: number,
  body: string,
): string {
  const signatures = secrets.map((secret) => `v1=${signWebhookPayload(secret, timestamp, body)}`);
  return [`t=${timestamp}`, ...signatures].join(',');
}
