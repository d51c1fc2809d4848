import { createHash, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';

/** A JSON Web Key as `/webhook_verification_key/get` returns it. */
export interface WebhookVerificationKey {
  alg: 'ES256';
  crv: string;
  kid: string;
  kty: string;
  use: 'sig';
  x: string;
  y: string;
  /** Unix seconds. */
  created_at: number;
  /** Unix seconds. Set once the key is rotated out, after which webhooks signed by it fail. */
  expired_at: number | null;
}

/** One P-256 key pair that signs webhooks the way Plaid does. */
export class WebhookSigningKey {
  readonly publicKey: WebhookVerificationKey;
  readonly #privateKey: KeyObject;

  constructor(createdAt: Date) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    this.#privateKey = privateKey;
    this.publicKey = {
      alg: 'ES256',
      crv: jwk.crv as string,
      kid: randomUUID(),
      kty: jwk.kty as string,
      use: 'sig',
      x: jwk.x as string,
      y: jwk.y as string,
      created_at: Math.floor(createdAt.getTime() / 1000),
      expired_at: null,
    };
  }

  /**
   * Signs `rawBody` into the `Plaid-Verification` value: an ES256 JWT whose header names this
   * key (`kid`) and whose payload carries `iat` and the hex SHA-256 of the exact body bytes.
   */
  sign(rawBody: string, issuedAt: Date): string {
    const header = { alg: 'ES256', kid: this.publicKey.kid, typ: 'JWT' };
    const payload = {
      iat: Math.floor(issuedAt.getTime() / 1000),
      request_body_sha256: createHash('sha256').update(rawBody).digest('hex'),
    };
    const signingInput = `${encodeSegment(header)}.${encodeSegment(payload)}`;
    // JWS wants the raw r||s pair (IEEE P1363), not the DER sequence Node makes by default.
    const signature = sign('sha256', Buffer.from(signingInput), {
      key: this.#privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${signingInput}.${signature.toString('base64url')}`;
  }
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
