import type { Selectable } from 'kysely';
import type { ApiKeyTable, Db, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';

export type ApiKeyRow = Selectable<ApiKeyTable>;

/**
 * Finds a secret key by the hash of its secret, revoked and expired ones included, with
 * its vendor's settings. There is no cache in front of it, so a revocation or the end of
 * a grace period takes effect on the next request.
 */
export async function findKeyBySecretHash(db: Db, secretHash: string) {
  return db
    .selectFrom('api_key')
    .innerJoin('vendor', 'vendor.id', 'api_key.vendor_id')
    .select([
      'vendor.id as vendor_id',
      'vendor.time_zone',
      'vendor.allowed_origins',
      'api_key.id as key_id',
      'api_key.livemode',
      'api_key.revoked_at',
      'api_key.expires_at',
    ])
    .where('api_key.secret_hash', '=', secretHash)
    .executeTakeFirst();
}

/** Finds a key of the tenant; another vendor's or mode's key is not found. */
export async function findKey(db: Db, tenant: Tenant, keyId: string) {
  return db
    .selectFrom('api_key')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .where('id', '=', keyId)
    .executeTakeFirst();
}

/**
 * Reads every key of the tenant, locked, so that two rolls or revocations of the same
 * tenant run one after the other and the check for a last working key holds.
 */
export async function lockTenantKeys(trx: Trx, tenant: Tenant): Promise<ApiKeyRow[]> {
  return trx
    .selectFrom('api_key')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function insertKey(trx: Trx, row: ApiKeyRow): Promise<void> {
  await trx.insertInto('api_key').values(row).execute();
}

/** Sets the end of a rolled key's grace period and the key that replaced it. */
export async function markKeyRolled(
  trx: Trx,
  keyId: string,
  expiresAt: Date,
  rolledTo: string,
): Promise<ApiKeyRow> {
  return trx
    .updateTable('api_key')
    .set({ expires_at: expiresAt, rolled_to: rolledTo })
    .where('id', '=', keyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markKeyRevoked(trx: Trx, keyId: string, revokedAt: Date) {
  return trx
    .updateTable('api_key')
    .set({ revoked_at: revokedAt })
    .where('id', '=', keyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Lists one page of the tenant's keys, newest first, with `limit + 1` rows. */
export async function listKeys(
  db: Db,
  tenant: Tenant,
  limit: number,
  after: CreatedAtCursor | undefined,
) {
  const select = db
    .selectFrom('api_key')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  return selectNewestFirstPage(select, after, limit).execute();
}
