import type { Db } from '../db/index.js';

// Reads of the ledger that tests assert on, straight from the database. This is test-only
// code, which nothing in the API imports.

/** Lists the types of the events about `objectId`, in the order they were recorded. */
export async function eventTypes(db: Db, objectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('event')
    .select('type')
    .where('object_id', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.type);
}

/** Reads an invoice's status with what is due and what is pending, as numbers. */
export async function invoiceState(db: Db, invoiceId: string) {
  const row = await db
    .selectFrom('invoice')
    .select(['status', 'amount_due', 'amount_pending'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return { status: row.status, due: Number(row.amount_due), pending: Number(row.amount_pending) };
}

/** Reads the status and result of the background job with `key`. */
export async function jobOutcome(db: Db, key: string) {
  return db
    .selectFrom('job')
    .select(['status', 'result'])
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}
