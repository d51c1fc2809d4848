import type {
  CreateWebhookEndpointRequest,
  List,
  RollWebhookSecretRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import {
  createdAtCursorOf,
  decodeCreatedAtCursor,
  selectNewestFirstPage,
} from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { newId, randomToken } from '../ids.js';
import {
  toWebhookEndpoint,
  toWebhookEndpointWithSecret,
  type WebhookEndpointRow,
} from './webhook-endpoint-object.js';
import { checkWebhookUrl } from './webhook-url.js';

/** Creates a signing secret: `whsec_` and 32 random characters, about 190 bits. */
function newWebhookSecret(): string {
  return `whsec_${randomToken(32)}`;
}

/** `*` covers every type, so a list that has it is stored as `['*']`; duplicates go. */
function normalizeEnabledEvents(types: readonly string[]): string[] {
  return types.includes('*') ? ['*'] : [...new Set(types)];
}

export function webhookEndpointNotFound(id: string, param?: string): ApiError {
  return new ApiError(
    'webhook_endpoint_not_found',
    `No webhook endpoint ${id} exists in this mode; list them with GET /v1/webhook_endpoints.`,
    param === undefined ? {} : { param },
  );
}

async function lockEndpoint(trx: Trx, tenant: Tenant, id: string): Promise<WebhookEndpointRow> {
  const row = await trx
    .selectFrom('webhook_endpoint')
    .selectAll()
    .where('id', '=', id)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw webhookEndpointNotFound(id, 'id');
  return row;
}

/** `POST /v1/webhook_endpoints`: registers an endpoint. Only this response and
 * the one of a roll contain the secret.
 */
export async function createWebhookEndpoint(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: CreateWebhookEndpointRequest,
): Promise<WebhookEndpointWithSecret> {
  const url = checkWebhookUrl(request.url, tenant.livemode);
  const now = clock.now();
  const row: WebhookEndpointRow = {
    id: newId('we'),
    vendor_id: tenant.vendorId,
    livemode: tenant.livemode,
    url,
    description: request.description ?? null,
    enabled_events: normalizeEnabledEvents(request.enabled_events),
    status: 'enabled',
    secret: newWebhookSecret(),
    previous_secret: null,
    previous_secret_expires_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('webhook_endpoint').values(row).execute();
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'webhook_endpoint.created',
      objectId: row.id,
      data: toWebhookEndpoint(row),
    });
  });
  return toWebhookEndpointWithSecret(row);
}

/** `GET /v1/webhook_endpoints`: the tenant's endpoints, newest first. */
export async function listWebhookEndpoints(
  db: Db,
  tenant: Tenant,
  page: { limit: number; cursor?: string | undefined },
): Promise<List<WebhookEndpoint>> {
  const after = page.cursor === undefined ? undefined : decodeCreatedAtCursor(page.cursor, 'we');
  const rows = await selectNewestFirstPage(
    db
      .selectFrom('webhook_endpoint')
      .selectAll()
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode),
    after,
    page.limit,
  ).execute();
  return toPage(rows, page.limit, toWebhookEndpoint, createdAtCursorOf);
}

/** `GET /v1/webhook_endpoints/:id`. Throws `webhook_endpoint_not_found`. */
export async function retrieveWebhookEndpoint(
  db: Db,
  tenant: Tenant,
  id: string,
): Promise<WebhookEndpoint> {
  const row = await db
    .selectFrom('webhook_endpoint')
    .selectAll()
    .where('id', '=', id)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
  if (row === undefined) throw webhookEndpointNotFound(id, 'id');
  return toWebhookEndpoint(row);
}

/**
 * `PATCH /v1/webhook_endpoints/:id`: changes the fields sent. Events recorded while an
 * endpoint is disabled are not queued for it; deliveries already pending wait for it.
 */
export async function updateWebhookEndpoint(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  id: string,
  request: UpdateWebhookEndpointRequest,
): Promise<WebhookEndpoint> {
  const url = request.url === undefined ? undefined : checkWebhookUrl(request.url, tenant.livemode);
  const now = clock.now();
  const updated = await db.transaction().execute(async (trx) => {
    await lockEndpoint(trx, tenant, id);
    const row = await trx
      .updateTable('webhook_endpoint')
      .set({
        ...(url === undefined ? {} : { url }),
        ...(request.enabled_events === undefined
          ? {}
          : { enabled_events: normalizeEnabledEvents(request.enabled_events) }),
        ...(request.description === undefined ? {} : { description: request.description }),
        ...(request.status === undefined ? {} : { status: request.status }),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'webhook_endpoint.updated',
      objectId: row.id,
      data: toWebhookEndpoint(row),
    });
    return row;
  });
  return toWebhookEndpoint(updated);
}

/**
 * `DELETE /v1/webhook_endpoints/:id`: removes the endpoint with its deliveries, pending
 * ones included. The events stay in the log.
 */
export async function deleteWebhookEndpoint(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  id: string,
): Promise<{ object: 'webhook_endpoint'; id: string; deleted: true }> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const row = await lockEndpoint(trx, tenant, id);
    await trx.deleteFrom('webhook_endpoint').where('id', '=', id).execute();
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'webhook_endpoint.deleted',
      objectId: row.id,
      data: toWebhookEndpoint(row),
    });
  });
  return { object: 'webhook_endpoint', id, deleted: true };
}

/**
 * `POST /v1/webhook_endpoints/:id/roll_secret`: replaces the signing secret. With
 * `expires_in_seconds`, the old secret keeps signing beside the new one until then.
 */
export async function rollWebhookSecret(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  id: string,
  request: RollWebhookSecretRequest,
): Promise<WebhookEndpointWithSecret> {
  const now = clock.now();
  const overlapSeconds = request.expires_in_seconds ?? 0;
  const rolled = await db.transaction().execute(async (trx) => {
    const current = await lockEndpoint(trx, tenant, id);
    const row = await trx
      .updateTable('webhook_endpoint')
      .set({
        secret: newWebhookSecret(),
        previous_secret: overlapSeconds === 0 ? null : current.secret,
        previous_secret_expires_at:
          overlapSeconds === 0 ? null : new Date(now.getTime() + overlapSeconds * 1000),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'webhook_endpoint.secret_rolled',
      objectId: row.id,
      data: {
        ...toWebhookEndpoint(row),
        previous_secret_expires_at: row.previous_secret_expires_at?.toISOString() ?? null,
      },
    });
    return row;
  });
  return toWebhookEndpointWithSecret(rolled);
}
