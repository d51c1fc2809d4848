import { sql } from 'kysely';
import type { Db } from '../db/index.js';

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
