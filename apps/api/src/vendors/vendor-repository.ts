import type { Db, Trx } from '../db/index.js';

/** Finds the vendor and mode of an unrevoked secret key by its hash. */
export async function findVendorByKeyHash(db: Db, secretHash: string) {
  return db
    .selectFrom('api_key')
    .innerJoin('vendor', 'vendor.id', 'api_key.vendor_id')
    .select([
      'vendor.id as vendor_id',
      'vendor.name',
      'vendor.time_zone',
      'vendor.allowed_origins',
      'api_key.id as key_id',
      'api_key.livemode',
    ])
    .where('api_key.secret_hash', '=', secretHash)
    .where('api_key.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findVendor(db: Db | Trx, vendorId: string) {
  return db.selectFrom('vendor').selectAll().where('id', '=', vendorId).executeTakeFirst();
}
