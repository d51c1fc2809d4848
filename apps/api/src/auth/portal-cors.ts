import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { REQUEST_ID_HEADER } from '../http/request-id.js';
import { isOriginAllowedByAnyVendor } from '../sessions/session-repository.js';

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
/** Seconds a browser may cache a preflight response. */
const PREFLIGHT_MAX_AGE = '600';

/** Builds the error for a request whose `Origin` is not on the vendor's (or session's) list. */
export function originNotAllowed(origin: string): ApiError {
  return new ApiError(
    'origin_not_allowed',
    `The origin ${origin} may not call the portal API. Add it to the vendor's allowed origins, or mint the session for this origin.`,
  );
}

/** Echoes `origin` exactly as allowed to read the response, with its exposed headers. */
export function allowOrigin(c: Context, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', `${REQUEST_ID_HEADER}, Retry-After`);
}

/**
 * For a request without a usable session: lets an origin that some vendor allows read the
 * error (so the widget can tell an expired session from a network failure), and rejects
 * any other origin.
 */
export async function allowOriginIfAnyVendorDoes(c: Context, db: Db): Promise<void> {
  const origin = c.req.header('Origin');
  if (origin === undefined) return;
  if (!(await isOriginAllowedByAnyVendor(db, origin))) throw originNotAllowed(origin);
  allowOrigin(c, origin);
}

/**
 * Responds to CORS preflights of the portal API and marks every portal response as varying by
 * `Origin`. A preflight carries no session, so it is allowed for an origin that any vendor
 * allows; the real request is then checked against its own session's vendor.
 */
export function portalPreflight(db: Db) {
  return createMiddleware<AppEnv>(async function portalPreflight(c, next) {
    c.header('Vary', 'Origin');
    if (c.req.method !== 'OPTIONS') return next();

    const origin = c.req.header('Origin');
    if (origin === undefined) {
      c.header('Allow', `${ALLOWED_METHODS}, OPTIONS`);
      return c.body(null, 204);
    }
    if (!(await isOriginAllowedByAnyVendor(db, origin))) throw originNotAllowed(origin);

    allowOrigin(c, origin);
    c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
    c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
    return c.body(null, 204);
  });
}
