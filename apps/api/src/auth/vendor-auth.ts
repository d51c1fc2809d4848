import { createMiddleware } from 'hono/factory';
import { findKeyBySecretHash, isKeyUsable } from '../api-keys/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { hashSecret } from '../secrets.js';
import { readBearerToken } from './bearer-token.js';

const SECRET_KEY = /^sk_(test|live)_[0-9A-Za-z]+$/;

/**
 * Authenticates a vendor's secret key and puts the vendor and mode on the context. Throws
 * `api_key_invalid` for a key that is malformed, unknown, revoked, or rolled with its
 * grace period over by `clock`. Keys are read from the database on every request, with no
 * cache, so a revocation takes effect on the next request.
 */
export function requireSecretKey(db: Db, clock: Clock) {
  return createMiddleware<AppEnv>(async function requireSecretKey(c, next) {
    const key = readBearerToken(c, 'a secret key (sk_test_...)');
    const found = SECRET_KEY.test(key) ? await findKeyBySecretHash(db, hashSecret(key)) : undefined;
    if (found === undefined) {
      throw new ApiError(
        'api_key_invalid',
        'The secret key is not valid: it is unknown. Use a current key from your Duly account.',
      );
    }
    if (!isKeyUsable(found, clock.now())) {
      const detail =
        found.revoked_at !== null
          ? `The secret key ${found.key_id} was revoked at ${found.revoked_at.toISOString()}. Use a current key from your Duly account.`
          : `The secret key ${found.key_id} was rolled and stopped working at ${found.expires_at?.toISOString()}. Use the key that replaced it.`;
      throw new ApiError('api_key_invalid', detail);
    }

    c.set('vendor', {
      vendorId: found.vendor_id,
      livemode: found.livemode,
      keyId: found.key_id,
      timeZone: found.time_zone,
      allowedOrigins: found.allowed_origins,
    });
    await next();
  });
}
