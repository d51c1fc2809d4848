import type { Selectable } from 'kysely';
import type { AuditEntryTable, Db } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type AuditEntryRow = Selectable<AuditEntryTable>;

/** An audit entry to append. */
export interface NewAuditEntry {
  id: string;
  vendorId: string;
  livemode: boolean;
  apiKeyId: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  objectId: string | null;
  requestBody: unknown;
  createdAt: Date;
}

/** Lists the ids and objects of the events that request `requestId` recorded, in order. */
export async function listRequestEvents(db: Db, requestId: string) {
  return db
    .selectFrom('event')
    .select(['id', 'object_id'])
    .where('request_id', '=', requestId)
    .orderBy('seq')
    .execute();
}

/** Appends an entry. Entries are never updated or deleted (a trigger rejects both). */
export async function insertAuditEntry(
  db: Db,
  entry: NewAuditEntry,
  eventIds: string[],
): Promise<void> {
  await db
    .insertInto('audit_entry')
    .values({
      id: entry.id,
      vendor_id: entry.vendorId,
      livemode: entry.livemode,
      api_key_id: entry.apiKeyId,
      request_id: entry.requestId,
      method: entry.method,
      path: entry.path,
      status: entry.status,
      object_id: entry.objectId,
      request_body: entry.requestBody ?? null,
      event_ids: eventIds,
      created_at: entry.createdAt,
    })
    .execute();
}

export interface AuditLogQuery {
  apiKeyId: string | undefined;
  objectId: string | undefined;
  /** Only calls to this path or below it, such as `/v1/customers`. */
  pathPrefix: string | undefined;
  since: Date | undefined;
  limit: number;
  /** The `seq` of the last entry of the previous page. */
  beforeSeq: string | undefined;
}

/**
 * Lists one page of the tenant's entries, newest first by `seq` (insertion order, which
 * the clock cannot tie), fetching `limit + 1` rows so that the caller can tell whether a
 * next page exists.
 */
export async function listAuditEntries(db: Db, tenant: Tenant, query: AuditLogQuery) {
  let select = db
    .selectFrom('audit_entry')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (query.apiKeyId !== undefined) select = select.where('api_key_id', '=', query.apiKeyId);
  if (query.objectId !== undefined) select = select.where('object_id', '=', query.objectId);
  if (query.pathPrefix !== undefined) {
    const prefix = query.pathPrefix.replace(/\/+$/, '');
    select = select.where((eb) =>
      eb.or([eb('path', '=', prefix), eb('path', 'like', `${escapeLike(prefix)}/%`)]),
    );
  }
  if (query.since !== undefined) select = select.where('created_at', '>=', query.since);
  if (query.beforeSeq !== undefined) select = select.where('seq', '<', query.beforeSeq);
  return select
    .orderBy('seq', 'desc')
    .limit(query.limit + 1)
    .execute();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
