import type { Insertable, Selectable } from 'kysely';
import type { CreditRequestTable, Db, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type CreditRequestRow = Selectable<CreditRequestTable>;

/** The sort key of a credit request list row: creation time, then id. */
export type CreditRequestCursor = readonly [createdAt: string, id: string];

export interface CreditRequestListQuery {
  customerId: string | undefined;
  status: CreditRequestRow['status'] | undefined;
  limit: number;
  after: CreditRequestCursor | undefined;
}

export async function insertCreditRequest(
  trx: Trx,
  row: Insertable<CreditRequestTable>,
): Promise<void> {
  await trx.insertInto('credit_request').values(row).execute();
}

/** Finds a credit request of the tenant; another vendor's or mode's is not found. */
export async function findCreditRequest(
  db: Db | Trx,
  tenant: Tenant,
  requestId: string,
): Promise<CreditRequestRow | undefined> {
  return db
    .selectFrom('credit_request')
    .selectAll()
    .where('id', '=', requestId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
}

/** Locks a credit request for its decision. */
export async function lockCreditRequest(trx: Trx, requestId: string): Promise<CreditRequestRow> {
  return trx
    .selectFrom('credit_request')
    .selectAll()
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Finds the customer's request still waiting for a decision; there is at most one. */
export async function findPendingCreditRequest(
  db: Db | Trx,
  customerId: string,
): Promise<CreditRequestRow | undefined> {
  return db
    .selectFrom('credit_request')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Records the vendor's decision on a pending request. */
export async function markCreditRequestDecided(
  trx: Trx,
  requestId: string,
  decision: {
    status: 'approved' | 'declined';
    amountApproved: number | null;
    note: string | null;
    decidedAt: Date;
  },
): Promise<CreditRequestRow> {
  return trx
    .updateTable('credit_request')
    .set({
      status: decision.status,
      amount_approved: decision.amountApproved,
      decision_note: decision.note,
      decided_at: decision.decidedAt,
    })
    .where('id', '=', requestId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Lists one page of the tenant's credit requests, newest first, ties by id, fetching
 * `limit + 1` rows so that the caller can tell whether a next page exists.
 */
export async function listCreditRequests(
  db: Db,
  tenant: Tenant,
  query: CreditRequestListQuery,
): Promise<CreditRequestRow[]> {
  let select = db
    .selectFrom('credit_request')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);

  const after = query.after;
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('created_at', 'id'), '<', tuple(new Date(after[0]), after[1])),
    );
  }
  return select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
}
