import type { Insertable, Selectable } from 'kysely';
import type { CustomerTable, Db, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type CustomerRow = Selectable<CustomerTable>;

export async function insertCustomer(trx: Trx, row: Insertable<CustomerTable>): Promise<void> {
  await trx.insertInto('customer').values(row).execute();
}

/** Finds a customer of the tenant; another vendor's or mode's customer is not found. */
export async function findCustomer(
  db: Db | Trx,
  tenant: Tenant,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customer')
    .selectAll()
    .where('id', '=', customerId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
}
