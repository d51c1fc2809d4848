import type { DulyEvent, List } from '@duly/core';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { decodeCursor, toPage } from '../http/pagination.js';
import { toEvent } from './event-object.js';

export interface EventFilters {
  type?: string | undefined;
  /** The id of the object the events are about, such as an invoice's. */
  object?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * `GET /v1/events`: the tenant's event log, newest first. It contains every event, also the
 * types that webhook endpoints cannot subscribe to. Pages follow the log's sequence, which
 * orders events of one transaction as they were recorded.
 */
export async function listEvents(
  db: Db,
  tenant: Tenant,
  filters: EventFilters,
): Promise<List<DulyEvent>> {
  const after =
    filters.cursor === undefined
      ? undefined
      : decodeCursor(filters.cursor, [z.string().regex(/^\d+$/)])[0];
  let select = db
    .selectFrom('event')
    .select(['seq', 'id', 'type', 'livemode', 'data', 'created_at'])
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (filters.type !== undefined) select = select.where('type', '=', filters.type);
  if (filters.object !== undefined) select = select.where('object_id', '=', filters.object);
  if (after !== undefined) select = select.where('seq', '<', after);
  const rows = await select
    .orderBy('seq', 'desc')
    .limit(filters.limit + 1)
    .execute();
  return toPage(rows, filters.limit, toEvent, (row) => [String(row.seq)]);
}

/** `GET /v1/events/:id`. Throws `event_not_found`. */
export async function retrieveEvent(db: Db, tenant: Tenant, id: string): Promise<DulyEvent> {
  const row = await db
    .selectFrom('event')
    .select(['id', 'type', 'livemode', 'data', 'created_at'])
    .where('id', '=', id)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
  if (row === undefined) {
    throw new ApiError(
      'event_not_found',
      `No event ${id} exists in this mode; list events with GET /v1/events.`,
      { param: 'id' },
    );
  }
  return toEvent(row);
}
