import type { Selectable } from 'kysely';
import type { Db, SubscriptionTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';

export type SubscriptionRow = Selectable<SubscriptionTable>;

/** Selects the tenant's subscriptions, leaving out another vendor's or mode's. */
function selectTenantSubscriptions(db: Db | Trx, tenant: Tenant) {
  return db
    .selectFrom('subscription')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
}

/**
 * Finds a subscription of the tenant, and of `customerId` when given: another customer's
 * subscription is not found, exactly like an unknown id.
 */
export async function findSubscription(
  db: Db | Trx,
  tenant: Tenant,
  subscriptionId: string,
  customerId?: string,
): Promise<SubscriptionRow | undefined> {
  let query = selectTenantSubscriptions(db, tenant).where('id', '=', subscriptionId);
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  return query.executeTakeFirst();
}

/** Reads a subscription of the tenant (and of `customerId` when given), locked for a change. */
export async function lockSubscription(
  trx: Trx,
  tenant: Tenant,
  subscriptionId: string,
  customerId?: string,
): Promise<SubscriptionRow | undefined> {
  let query = selectTenantSubscriptions(trx, tenant).where('id', '=', subscriptionId);
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  return query.forUpdate().executeTakeFirst();
}

/** Reads a subscription by id alone, locked; for jobs, which carry no tenant. */
export async function lockSubscriptionById(
  trx: Trx,
  subscriptionId: string,
): Promise<SubscriptionRow | undefined> {
  return trx
    .selectFrom('subscription')
    .selectAll()
    .where('id', '=', subscriptionId)
    .forUpdate()
    .executeTakeFirst();
}

export interface SubscriptionListQuery {
  customerId: string | undefined;
  status: SubscriptionRow['status'] | undefined;
  limit: number;
  after: CreatedAtCursor | undefined;
}

/** Lists one page of the tenant's subscriptions, newest first, fetching `limit + 1` rows. */
export async function listSubscriptions(db: Db, tenant: Tenant, query: SubscriptionListQuery) {
  let select = selectTenantSubscriptions(db, tenant);
  if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  return selectNewestFirstPage(select, query.after, query.limit).execute();
}

/** Writes `changes` to a locked subscription and returns the row as it is then. */
export async function saveSubscription(
  trx: Trx,
  subscriptionId: string,
  changes: Partial<SubscriptionRow>,
): Promise<SubscriptionRow> {
  return trx
    .updateTable('subscription')
    .set(changes)
    .where('id', '=', subscriptionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
