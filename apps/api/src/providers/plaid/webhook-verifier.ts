import { createHash, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import type { JWKPublicKey, PlaidApi } from 'plaid';
import { ApiError } from '../../http/api-error.js';
import { callPlaid, type PlaidCallContext } from './plaid-call.js';

/** Plaid's verification steps reject a webhook whose JWT was issued over 5 minutes ago. */
const MAX_WEBHOOK_AGE_SECONDS = 5 * 60;

/**
 * Checks the `Plaid-Verification` header of incoming webhooks as Plaid documents it. The
 * header is an ES256 JWT signed by the key that `/webhook_verification_key/get` returns for
 * its `kid`. It must be issued within the last 5 minutes, and its `request_body_sha256` must
 * be the SHA-256 of the exact body bytes. Keys are cached by id for the life of the verifier.
 */
export class PlaidWebhookVerifier {
  readonly #keys = new Map<string, JWKPublicKey>();

  constructor(private readonly client: PlaidApi) {}

  /**
   * Resolves when `jwt` signs `rawBody`. Throws `webhook_signature_invalid` when it does
   * not, and `provider_error` when Plaid cannot be asked for the key.
   */
  async verify(
    call: PlaidCallContext,
    rawBody: string,
    jwt: string | undefined,
    now: Date,
  ): Promise<void> {
    if (jwt === undefined || jwt === '') {
      throw signatureInvalid('The Plaid-Verification header is missing.');
    }
    const parts = jwt.split('.');
    const [encodedHeader, encodedPayload, encodedSignature] = parts;
    if (parts.length !== 3 || !encodedHeader || !encodedPayload || !encodedSignature) {
      throw signatureInvalid('The Plaid-Verification header is not a JWT of three parts.');
    }

    const header = decodeSegment(encodedHeader);
    if (header.alg !== 'ES256') {
      throw signatureInvalid(`The JWT algorithm is ${String(header.alg)}, not ES256.`);
    }
    if (typeof header.kid !== 'string' || header.kid === '') {
      throw signatureInvalid('The JWT header has no key id (kid).');
    }

    const key = await this.#findKey(call, header.kid);
    if (key.expired_at !== null) {
      throw signatureInvalid(`The webhook is signed with key ${header.kid}, which Plaid expired.`);
    }
    if (!signatureMatches(key, `${encodedHeader}.${encodedPayload}`, encodedSignature)) {
      throw signatureInvalid('The JWT signature does not match Plaid’s key.');
    }

    const payload = decodeSegment(encodedPayload);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (typeof payload.iat !== 'number' || nowSeconds - payload.iat > MAX_WEBHOOK_AGE_SECONDS) {
      throw signatureInvalid('The JWT was issued more than 5 minutes ago, so it may be a replay.');
    }
    if (
      typeof payload.request_body_sha256 !== 'string' ||
      !sameHex(payload.request_body_sha256, createHash('sha256').update(rawBody).digest('hex'))
    ) {
      throw signatureInvalid('The body is not the one the JWT signs.');
    }
  }

  /**
   * Finds the key with id `keyId`. A new id means Plaid may have rotated keys, so the cached keys
   * not yet expired are fetched again too, to learn which of them Plaid has since expired.
   */
  async #findKey(call: PlaidCallContext, keyId: string): Promise<JWKPublicKey> {
    const cached = this.#keys.get(keyId);
    if (cached !== undefined) return cached;

    const stillValid = [...this.#keys.values()].filter((key) => key.expired_at === null);
    await Promise.all(
      stillValid.map((key) => this.#fetchKey(call, key.kid).catch(() => undefined)),
    );
    return this.#fetchKey(call, keyId);
  }

  async #fetchKey(call: PlaidCallContext, keyId: string): Promise<JWKPublicKey> {
    const { key } = await callPlaid(
      call,
      'webhook_verification_key/get',
      () => this.client.webhookVerificationKeyGet({ key_id: keyId }),
      (error) =>
        error.error_type === 'INVALID_INPUT'
          ? signatureInvalid(`Plaid has no webhook key ${keyId} (${error.error_code}).`)
          : undefined,
    );
    this.#keys.set(keyId, key);
    return key;
  }
}

function signatureMatches(key: JWKPublicKey, signingInput: string, signature: string): boolean {
  try {
    const publicKey = createPublicKey({
      key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y },
      format: 'jwk',
    });
    // JWS signatures are the raw r||s pair (IEEE P1363), not Node's default DER encoding.
    return verify(
      'sha256',
      Buffer.from(signingInput),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

function decodeSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through to the same rejection as a segment that is JSON but not an object.
  }
  throw signatureInvalid('The Plaid-Verification header is not a JWT: a part is not JSON.');
}

function sameHex(claimed: string, actual: string): boolean {
  const a = Buffer.from(claimed.toLowerCase(), 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function signatureInvalid(reason: string): ApiError {
  return new ApiError(
    'webhook_signature_invalid',
    `Plaid webhook rejected: ${reason} Nothing was changed.`,
  );
}
