import type { List, WebhookAttempt, WebhookDelivery } from '@duly/core';
import type { Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, WebhookDeliveryTable } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import {
  createdAtCursorOf,
  decodeCreatedAtCursor,
  selectNewestFirstPage,
} from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { newId } from '../ids.js';

type DeliveryRow = Selectable<WebhookDeliveryTable>;

export interface DeliveryFilters {
  endpoint?: string | undefined;
  event?: string | undefined;
  status?: DeliveryRow['status'] | undefined;
  limit: number;
  cursor?: string | undefined;
}

function deliveryNotFound(id: string): ApiError {
  return new ApiError(
    'webhook_delivery_not_found',
    `No webhook delivery ${id} exists in this mode; list them with GET /v1/webhook_deliveries.`,
    { param: 'id' },
  );
}

function toWebhookDelivery(
  row: DeliveryRow,
  eventType: string,
  attempts: WebhookAttempt[],
): WebhookDelivery {
  return {
    object: 'webhook_delivery',
    id: row.id,
    endpoint: row.endpoint_id,
    event: row.event_id,
    event_type: eventType,
    replay_of: row.replay_of,
    status: row.status,
    attempt_count: row.attempts,
    next_attempt_at: row.status === 'pending' ? (row.next_attempt_at?.toISOString() ?? null) : null,
    last_response_status: row.last_response_status,
    last_error: row.last_error,
    attempts,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

/** Reads the event types and attempts of `rows` and maps them to API objects. */
async function withDetails(db: Db, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
  if (rows.length === 0) return [];
  const [events, attempts] = await Promise.all([
    db
      .selectFrom('event')
      .select(['id', 'type'])
      .where(
        'id',
        'in',
        rows.map((row) => row.event_id),
      )
      .execute(),
    db
      .selectFrom('webhook_attempt')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('attempt')
      .execute(),
  ]);
  const typeOf = new Map(events.map((event) => [event.id, event.type]));
  return rows.map((row) =>
    toWebhookDelivery(
      row,
      typeOf.get(row.event_id) ?? '',
      attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .map((attempt) => ({
          attempt: attempt.attempt,
          started_at: attempt.started_at.toISOString(),
          response_status: attempt.response_status,
          error: attempt.error,
          duration_ms: attempt.duration_ms,
        })),
    ),
  );
}

/** `GET /v1/webhook_deliveries`: newest first, filtered by endpoint, event and status. */
export async function listWebhookDeliveries(
  db: Db,
  tenant: Tenant,
  filters: DeliveryFilters,
): Promise<List<WebhookDelivery>> {
  const after =
    filters.cursor === undefined ? undefined : decodeCreatedAtCursor(filters.cursor, 'whd');
  let select = db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (filters.endpoint !== undefined) select = select.where('endpoint_id', '=', filters.endpoint);
  if (filters.event !== undefined) select = select.where('event_id', '=', filters.event);
  if (filters.status !== undefined) select = select.where('status', '=', filters.status);
  const rows = await selectNewestFirstPage(select, after, filters.limit).execute();
  const page = toPage(rows, filters.limit, (row) => row, createdAtCursorOf);
  return { ...page, data: await withDetails(db, page.data) };
}

async function findDelivery(db: Db, tenant: Tenant, id: string) {
  return db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('id', '=', id)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
}

/** `GET /v1/webhook_deliveries/:id`, with every attempt. Throws `webhook_delivery_not_found`. */
export async function retrieveWebhookDelivery(
  db: Db,
  tenant: Tenant,
  id: string,
): Promise<WebhookDelivery> {
  const row = await findDelivery(db, tenant, id);
  if (row === undefined) throw deliveryNotFound(id);
  const [delivery] = await withDetails(db, [row]);
  return delivery as WebhookDelivery;
}

/**
 * `POST /v1/webhook_deliveries/:id/replay`: sends the delivery's event to its endpoint
 * again, as a new delivery with `replay_of` set and its own attempts, whatever became of
 * the first. Throws `webhook_delivery_not_found` and `webhook_endpoint_disabled`.
 */
export async function replayWebhookDelivery(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  id: string,
): Promise<WebhookDelivery> {
  const now = clock.now();
  const replay = await db.transaction().execute(async (trx) => {
    const original = await trx
      .selectFrom('webhook_delivery as d')
      .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.endpoint_id', 'd.event_id', 'e.status as endpoint_status'])
      .where('d.id', '=', id)
      .where('d.vendor_id', '=', tenant.vendorId)
      .where('d.livemode', '=', tenant.livemode)
      .forShare('e')
      .executeTakeFirst();
    if (original === undefined) throw deliveryNotFound(id);
    if (original.endpoint_status !== 'enabled') {
      throw new ApiError(
        'webhook_endpoint_disabled',
        `Webhook endpoint ${original.endpoint_id} is disabled, so nothing can be sent to it; enable it with PATCH /v1/webhook_endpoints/${original.endpoint_id} {"status": "enabled"} first.`,
      );
    }

    const row = await trx
      .insertInto('webhook_delivery')
      .values({
        id: newId('whd'),
        vendor_id: tenant.vendorId,
        livemode: tenant.livemode,
        endpoint_id: original.endpoint_id,
        event_id: original.event_id,
        replay_of: original.id,
        status: 'pending',
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      vendorId: tenant.vendorId,
      livemode: tenant.livemode,
      createdAt: now,
      type: 'webhook_delivery.replayed',
      objectId: row.id,
      data: { id: row.id, replay_of: original.id, endpoint: row.endpoint_id, event: row.event_id },
    });
    return row;
  });
  const [delivery] = await withDetails(db, [replay]);
  return delivery as WebhookDelivery;
}
