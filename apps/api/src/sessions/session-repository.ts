import { sql } from 'kysely';
import type { Db, Trx } from '../db/index.js';

/**
 * PostgreSQL notification channel on which the id of each revoked portal session is sent,
 * so that every API process drops it from its session cache.
 */
export const PORTAL_SESSION_REVOKED_CHANNEL = 'duly_portal_session_revoked';

/** A portal session as authentication reads it, with its vendor's origins and zone. */
export type PortalSessionRecord = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

/** Finds a portal session by the hash of its token, with its vendor's origins and zone. */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('portal_session')
    .innerJoin('vendor', 'vendor.id', 'portal_session.vendor_id')
    .select([
      'portal_session.id',
      'portal_session.vendor_id',
      'portal_session.livemode',
      'portal_session.customer_id',
      'portal_session.locale',
      'portal_session.allowed_origin',
      'portal_session.features',
      'portal_session.invoice_id',
      'portal_session.expires_at',
      'portal_session.revoked_at',
      'vendor.time_zone',
      'vendor.allowed_origins',
    ])
    .where('portal_session.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Whether any vendor allows `origin`. A preflight carries no credentials, so this is all
 * that can be judged before the real request names its session.
 */
export async function isOriginAllowedByAnyVendor(db: Db, origin: string): Promise<boolean> {
  const row = await db
    .selectFrom('vendor')
    .select(sql<number>`1`.as('found'))
    .where(sql<boolean>`${origin} = ANY (allowed_origins)`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sets `revoked_at` on the session `sessionId` unless it is already revoked. Returns the
 * session's tenant and customer when this call revoked it, and undefined when the session
 * does not exist or was revoked before.
 */
export async function markSessionRevoked(trx: Trx, sessionId: string, revokedAt: Date) {
  return trx
    .updateTable('portal_session')
    .set({ revoked_at: revokedAt })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .returning(['vendor_id', 'livemode', 'customer_id'])
    .executeTakeFirst();
}

/**
 * Sends `sessionId` on `PORTAL_SESSION_REVOKED_CHANNEL`. PostgreSQL delivers it when `trx`
 * commits, and not at all if it rolls back.
 */
export async function notifySessionRevoked(trx: Trx, sessionId: string): Promise<void> {
  await sql`SELECT pg_notify(${PORTAL_SESSION_REVOKED_CHANNEL}, ${sessionId})`.execute(trx);
}
