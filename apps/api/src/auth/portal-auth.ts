import { createMiddleware } from 'hono/factory';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { sessionFeatures } from '../portal/portal-features.js';
import { hashSecret } from '../secrets.js';
import type { PortalSessionLookup } from '../sessions/session-lookup.js';
import { readBearerToken } from './bearer-token.js';
import { allowOrigin, allowOriginIfAnyVendorDoes, originNotAllowed } from './portal-cors.js';

const SESSION_TOKEN = /^pst_[0-9A-Za-z]+$/;

/**
 * Authenticates a portal session token and puts its customer, vendor and mode on the
 * context. It checks, in order:
 * - the token names an unrevoked session (`session_invalid`);
 * - the request's `Origin`, when it has one, is one of the vendor's allowed origins, and the
 *   session's own origin when the session names one (`origin_not_allowed`). `ownOrigin`,
 *   the API's own origin where its hosted pages run, is allowed for every session;
 * - the session has not expired by the clock (`session_expired`). This error carries CORS
 *   headers so that the widget can read it and request a new session.
 * `findSession` may return a cached row, so expiry is checked here on every request.
 */
export function requirePortalSession(
  db: Db,
  clock: Clock,
  findSession: PortalSessionLookup,
  ownOrigin?: string,
) {
  return createMiddleware<AppEnv>(async function requirePortalSession(c, next) {
    // The hosted pages' own requests are same-origin, so their errors need no CORS headers.
    const exposeError = async () => {
      if (ownOrigin === undefined || c.req.header('Origin') !== ownOrigin) {
        await allowOriginIfAnyVendorDoes(c, db);
      }
    };

    let token: string;
    try {
      token = readBearerToken(c, 'a portal session token (pst_...)');
    } catch (error) {
      await exposeError();
      throw error;
    }

    const session = SESSION_TOKEN.test(token) ? await findSession(hashSecret(token)) : undefined;
    if (session === undefined || session.revoked_at !== null) {
      await exposeError();
      // A secret key here is a mix-up worth naming, and it must never reach a browser.
      const detail = token.startsWith('sk_')
        ? 'This is a secret key, which belongs on your backend only. The portal API takes a portal session token: mint one with POST /v1/portal_sessions and pass its token to the widget.'
        : 'The portal session token is unknown or was revoked. Mint a new session from your backend.';
      throw new ApiError('session_invalid', detail);
    }

    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== ownOrigin) {
      const allowed =
        session.allowed_origins.includes(origin) &&
        (session.allowed_origin === null || session.allowed_origin === origin);
      if (!allowed) throw originNotAllowed(origin);
      allowOrigin(c, origin);
    }

    if (session.expires_at.getTime() <= clock.now().getTime()) {
      throw new ApiError(
        'session_expired',
        `The portal session expired at ${session.expires_at.toISOString()}. Mint a new session and retry.`,
      );
    }

    c.set('portal', {
      sessionId: session.id,
      vendorId: session.vendor_id,
      livemode: session.livemode,
      customerId: session.customer_id,
      locale: session.locale,
      timeZone: session.time_zone,
      expiresAt: session.expires_at,
      features: sessionFeatures(session.features),
      invoiceId: session.invoice_id,
    });
    await next();
  });
}
