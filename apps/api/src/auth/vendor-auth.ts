import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { hashSecret } from '../secrets.js';
import { findVendorByKeyHash } from '../vendors/index.js';
import { readBearerToken } from './bearer-token.js';

const SECRET_KEY = /^sk_(test|live)_[0-9A-Za-z]+$/;

/**
 * Authenticates a vendor's secret key and puts the vendor and mode on the context. Throws
 * `api_key_invalid` for a key that is malformed, unknown or revoked.
 */
export function requireSecretKey(db: Db) {
  return createMiddleware<AppEnv>(async function requireSecretKey(c, next) {
    const key = readBearerToken(c, 'a secret key (sk_test_...)');
    const found = SECRET_KEY.test(key) ? await findVendorByKeyHash(db, hashSecret(key)) : undefined;
    if (found === undefined) {
      throw new ApiError(
        'api_key_invalid',
        'The secret key is not valid: it is unknown or was revoked. Use a current key from your Duly account.',
      );
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
