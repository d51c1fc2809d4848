import type { DulyEvent } from '@duly/core';

/** The reason a webhook signature was rejected. */
export type WebhookSignatureErrorCode =
  | 'signature_header_missing'
  | 'signature_header_malformed'
  | 'signature_timestamp_outside_tolerance'
  | 'signature_mismatch'
  | 'payload_malformed';

/**
 * Thrown by `verifyWebhookSignature` and `constructWebhookEvent` when a request cannot be
 * trusted as a delivery from Duly. Respond to such a request with a 400 and do not act on it.
 */
export class DulyWebhookSignatureError extends Error {
  override name = 'DulyWebhookSignatureError';
  readonly code: WebhookSignatureErrorCode;

  constructor(code: WebhookSignatureErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface VerifyWebhookOptions {
  /**
   * Largest difference in seconds between the signature's timestamp and `now`, either
   * way; 300 by default. It bounds how long a captured delivery can be replayed.
   */
  toleranceSeconds?: number;
  /** The current time; the system clock's when left out. */
  now?: Date | number;
}

/** The raw body exactly as received: the text or the bytes, before any JSON parsing. */
export type WebhookPayload = string | Uint8Array;

const DEFAULT_TOLERANCE_SECONDS = 300;
const encoder = new TextEncoder();

/**
 * Checks the `Duly-Signature` header of a webhook request against the raw body and the
 * endpoint's signing secret (`whsec_...`). Pass several secrets while rolling one. Any
 * `v1` signature in the header may match, because deliveries made during a roll carry one
 * per live secret. Comparison is constant-time through WebCrypto's HMAC verify. Throws
 * `DulyWebhookSignatureError`.
 */
export async function verifyWebhookSignature(
  payload: WebhookPayload,
  header: string | null | undefined,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<void> {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((value) => typeof value !== 'string' || value === '')) {
    throw new TypeError(
      "verifyWebhookSignature: `secret` must be the endpoint's signing secret (whsec_...), or a list of them; it was empty.",
    );
  }
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new TypeError(
      'verifyWebhookSignature needs WebCrypto (globalThis.crypto.subtle), which Node 20 and later, Deno, Bun and edge runtimes provide.',
    );
  }
  const { timestamp, signatures } = parseSignatureHeader(header);

  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowMs = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const ageSeconds = Math.floor(nowMs / 1000) - timestamp;
  if (Math.abs(ageSeconds) > tolerance) {
    throw new DulyWebhookSignatureError(
      'signature_timestamp_outside_tolerance',
      `The signature's timestamp is ${ageSeconds} seconds from now, beyond the tolerance of ${tolerance} seconds; the request may be a replay. Check that this server's clock is right.`,
    );
  }

  const signed = concatBytes(encoder.encode(`${timestamp}.`), toBytes(payload));
  for (const candidate of secrets) {
    const key = await subtle.importKey(
      'raw',
      encoder.encode(candidate),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    for (const signature of signatures) {
      if (await subtle.verify('HMAC', key, signature, signed)) return;
    }
  }
  throw new DulyWebhookSignatureError(
    'signature_mismatch',
    'No signature in the Duly-Signature header matches the body with the secret given. Pass the raw body as received (not re-serialized JSON) and the signing secret of this endpoint.',
  );
}

/**
 * Verifies a webhook request like `verifyWebhookSignature`, then parses its body into the
 * event it carries. Throws `DulyWebhookSignatureError`.
 */
export async function constructWebhookEvent(
  payload: WebhookPayload,
  header: string | null | undefined,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<DulyEvent> {
  await verifyWebhookSignature(payload, header, secret, options);
  const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new DulyWebhookSignatureError(
      'payload_malformed',
      'The signed body is not JSON, so it is not a Duly event.',
    );
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    (event as { object?: unknown }).object !== 'event'
  ) {
    throw new DulyWebhookSignatureError(
      'payload_malformed',
      'The signed body is not a Duly event object ({"object": "event", ...}).',
    );
  }
  return event as DulyEvent;
}

/** Reads `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`; other schemes are skipped. */
function parseSignatureHeader(header: string | null | undefined) {
  if (header === undefined || header === null || header.trim() === '') {
    throw new DulyWebhookSignatureError(
      'signature_header_missing',
      'The request has no Duly-Signature header, so it cannot be verified as a delivery from Duly.',
    );
  }
  let timestamp: number | undefined;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(hexToBytes(value));
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new DulyWebhookSignatureError(
      'signature_header_malformed',
      'The Duly-Signature header must read t=<unix seconds>,v1=<64 hex digits>; this one does not.',
    );
  }
  return { timestamp, signatures };
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) {
    bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

function toBytes(payload: WebhookPayload): Uint8Array {
  return typeof payload === 'string' ? encoder.encode(payload) : payload;
}

function concatBytes(head: Uint8Array, tail: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return joined;
}
