import type { Insertable, Selectable, Updateable } from 'kysely';
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

/** Locks a customer of the tenant for a change of its details or credit limit. */
export async function lockCustomer(
  trx: Trx,
  tenant: Tenant,
  customerId: string,
): Promise<CustomerRow | undefined> {
  return trx
    .selectFrom('customer')
    .selectAll()
    .where('id', '=', customerId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .forUpdate()
    .executeTakeFirst();
}

/** Writes `changes` to a customer the caller has locked and returns the row as it is now. */
export async function updateCustomerRow(
  trx: Trx,
  customerId: string,
  changes: Updateable<CustomerTable>,
): Promise<CustomerRow> {
  return trx
    .updateTable('customer')
    .set(changes)
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The sort key of a customer list row: name, then id. */
export type CustomerCursor = readonly [name: string, id: string];

export interface CustomerListQuery {
  /** Only the customer with this vendor's own customer number. */
  externalId: string | undefined;
  limit: number;
  after: CustomerCursor | undefined;
}

/**
 * Lists one page of the tenant's customers by name, ties by id, fetching `limit + 1` rows
 * so that the caller can tell whether a next page exists. `customer_vendor_name` serves it.
 */
export async function listCustomers(
  db: Db,
  tenant: Tenant,
  query: CustomerListQuery,
): Promise<CustomerRow[]> {
  let select = db
    .selectFrom('customer')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (query.externalId !== undefined) select = select.where('external_id', '=', query.externalId);

  const after = query.after;
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('name', 'id'), '>', tuple(after[0], after[1])),
    );
  }
  return select
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
}
