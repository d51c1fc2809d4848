import type { Selectable } from 'kysely';
import type { Db, PayLinkTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';

export type PayLinkRow = Selectable<PayLinkTable>;

/** Finds one of the tenant's pay links by id. */
export async function findPayLink(
  db: Db | Trx,
  tenant: Tenant,
  payLinkId: string,
): Promise<PayLinkRow | undefined> {
  return db
    .selectFrom('pay_link')
    .selectAll()
    .where('id', '=', payLinkId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
}

/** Locks the pay link whose token hashes to `tokenHash`, so that its uses are counted once each. */
export async function lockPayLinkByTokenHash(
  trx: Trx,
  tokenHash: string,
): Promise<PayLinkRow | undefined> {
  return trx
    .selectFrom('pay_link')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks one of the tenant's pay links by id for revocation. */
export async function lockPayLink(
  trx: Trx,
  tenant: Tenant,
  payLinkId: string,
): Promise<PayLinkRow | undefined> {
  return trx
    .selectFrom('pay_link')
    .selectAll()
    .where('id', '=', payLinkId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .forUpdate()
    .executeTakeFirst();
}

/** Adds one to the locked pay link's `use_count` and returns the updated row. */
export async function countPayLinkUse(trx: Trx, payLinkId: string): Promise<PayLinkRow> {
  return trx
    .updateTable('pay_link')
    .set((eb) => ({ use_count: eb('use_count', '+', 1) }))
    .where('id', '=', payLinkId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets `revoked_at` on the locked pay link and returns the updated row. */
export async function markPayLinkRevoked(
  trx: Trx,
  payLinkId: string,
  revokedAt: Date,
): Promise<PayLinkRow> {
  return trx
    .updateTable('pay_link')
    .set({ revoked_at: revokedAt })
    .where('id', '=', payLinkId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Revokes every unrevoked portal session that the pay link `payLinkId` made. Returns the
 * revoked sessions' ids and customers.
 */
export async function revokeSessionsOfPayLink(trx: Trx, payLinkId: string, revokedAt: Date) {
  return trx
    .updateTable('portal_session')
    .set({ revoked_at: revokedAt })
    .where('pay_link_id', '=', payLinkId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'customer_id'])
    .execute();
}

export interface PayLinkListQuery {
  invoiceId: string | undefined;
  limit: number;
  after: CreatedAtCursor | undefined;
}

/** Lists the tenant's pay links newest first, one page plus one row. */
export async function listPayLinks(db: Db, tenant: Tenant, query: PayLinkListQuery) {
  let select = db
    .selectFrom('pay_link')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
  return selectNewestFirstPage(select, query.after, query.limit).execute();
}
