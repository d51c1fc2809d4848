import {
  type CreatedPortalSession,
  type CreatePortalSessionRequest,
  PORTAL_FEATURES,
} from '@duly/core';
import type { Clock } from '../clock.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { VendorAuth } from '../http/app-env.js';
import { newId } from '../ids.js';
import { hashSecret, newSessionToken } from '../secrets.js';
import { markSessionRevoked, notifySessionRevoked } from './session-repository.js';

/** Lifetime of a portal session when neither the request nor the app sets one. */
export const DEFAULT_SESSION_TTL_SECONDS = 3600;

/**
 * Mints a portal session for one of the vendor's customers. The token is returned once
 * and stored only as its hash. A session's `allowed_origin` must be one of the vendor's
 * allowed origins, because it narrows them and never widens them.
 */
export async function createPortalSession(
  db: Db,
  clock: Clock,
  vendor: VendorAuth,
  request: CreatePortalSessionRequest,
  defaultTtlSeconds: number = DEFAULT_SESSION_TTL_SECONDS,
): Promise<CreatedPortalSession> {
  const customer = await findCustomerOrThrow(db, vendor, request.customer, 'customer');
  const allowedOrigin =
    request.allowed_origin === undefined ? null : toOrigin(request.allowed_origin);
  if (allowedOrigin !== null && !vendor.allowedOrigins.includes(allowedOrigin)) {
    throw new ApiError(
      'validation_failed',
      `allowed_origin ${allowedOrigin} is not one of the vendor's allowed origins (${vendor.allowedOrigins.join(', ') || 'none'}); add it to the vendor first.`,
      { param: 'allowed_origin' },
    );
  }

  const token = newSessionToken();
  const now = clock.now();
  const ttlSeconds = request.expires_in ?? defaultTtlSeconds;
  const features = new Set(request.features ?? PORTAL_FEATURES);
  const session = {
    id: newId('ps'),
    vendor_id: vendor.vendorId,
    livemode: vendor.livemode,
    customer_id: customer.id,
    token_hash: hashSecret(token),
    locale: request.locale ?? customer.locale ?? 'en',
    allowed_origin: allowedOrigin,
    // Stored in the order of PORTAL_FEATURES whatever the request's order, once each.
    features: PORTAL_FEATURES.filter((feature) => features.has(feature)),
    expires_at: new Date(now.getTime() + ttlSeconds * 1000),
    revoked_at: null,
    created_at: now,
  };

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('portal_session').values(session).execute();
    await recordEvent(trx, {
      vendorId: vendor.vendorId,
      livemode: vendor.livemode,
      type: 'portal_session.created',
      objectId: session.id,
      data: {
        id: session.id,
        customer: customer.id,
        locale: session.locale,
        allowed_origin: allowedOrigin,
        features: session.features,
        expires_at: session.expires_at.toISOString(),
      },
      createdAt: now,
    });
  });

  return {
    object: 'portal_session',
    id: session.id,
    customer: customer.id,
    token,
    locale: session.locale,
    allowed_origin: allowedOrigin,
    features: [...session.features],
    expires_at: session.expires_at.toISOString(),
    livemode: vendor.livemode,
  };
}

/**
 * Revokes the portal session `sessionId`. One transaction sets its `revoked_at`, records
 * `portal_session.revoked` and notifies every API process on the same database. Their
 * session caches then refuse the token as soon as the notification arrives, within
 * milliseconds, instead of when their entries expire.
 *
 * Returns whether this call revoked the session. It returns false when the session does
 * not exist or was already revoked, and sends the notification anyway.
 *
 * It does not check who owns the session. The vendor route that will call it must first
 * find the session among the vendor's own.
 */
export async function revokePortalSession(
  db: Db,
  clock: Clock,
  sessionId: string,
): Promise<boolean> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const revoked = await markSessionRevoked(trx, sessionId, now);
    if (revoked !== undefined) {
      await recordEvent(trx, {
        vendorId: revoked.vendor_id,
        livemode: revoked.livemode,
        type: 'portal_session.revoked',
        objectId: sessionId,
        data: { id: sessionId, customer: revoked.customer_id, revoked_at: now.toISOString() },
        createdAt: now,
      });
    }
    await notifySessionRevoked(trx, sessionId);
    return revoked !== undefined;
  });
}

function toOrigin(value: string): string {
  const url = new URL(value);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ApiError(
      'validation_failed',
      `allowed_origin "${value}" has a path; send only scheme, host and port, such as ${url.origin}.`,
      { param: 'allowed_origin' },
    );
  }
  return url.origin;
}
