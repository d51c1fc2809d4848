import type { Selectable } from 'kysely';
import type { Db, PlanTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';

export type PlanRow = Selectable<PlanTable>;

/** Selects the tenant's plans, leaving out another vendor's or mode's. */
function selectTenantPlans(db: Db | Trx, tenant: Tenant) {
  return db
    .selectFrom('plan')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
}

/** Finds a plan of the tenant; another vendor's or mode's plan is not found. */
export async function findPlan(
  db: Db | Trx,
  tenant: Tenant,
  planId: string,
): Promise<PlanRow | undefined> {
  return selectTenantPlans(db, tenant).where('id', '=', planId).executeTakeFirst();
}

/** Reads plans by id, of any tenant; for rows that already name them. */
export async function findPlansById(db: Db | Trx, planIds: string[]): Promise<PlanRow[]> {
  if (planIds.length === 0) return [];
  return db.selectFrom('plan').selectAll().where('id', 'in', planIds).execute();
}

export interface PlanListQuery {
  active: boolean | undefined;
  limit: number;
  after: CreatedAtCursor | undefined;
}

/** Lists one page of the tenant's plans, newest first, fetching `limit + 1` rows. */
export async function listPlans(db: Db, tenant: Tenant, query: PlanListQuery) {
  let select = selectTenantPlans(db, tenant);
  if (query.active !== undefined) select = select.where('active', '=', query.active);
  return selectNewestFirstPage(select, query.after, query.limit).execute();
}

/** Lists every active plan of the tenant, cheapest first, for the portal's choices. */
export async function listActivePlans(db: Db, tenant: Tenant): Promise<PlanRow[]> {
  return selectTenantPlans(db, tenant)
    .where('active', '=', true)
    .orderBy('currency')
    .orderBy('interval')
    .orderBy('unit_amount')
    .orderBy('id')
    .execute();
}
