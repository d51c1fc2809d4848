import type { Db, Trx } from '../db/index.js';

export async function findVendor(db: Db | Trx, vendorId: string) {
  return db.selectFrom('vendor').selectAll().where('id', '=', vendorId).executeTakeFirst();
}
