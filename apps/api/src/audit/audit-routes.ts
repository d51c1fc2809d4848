import { type AuditEntry, idSchema } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { decodeCursor, PAGE_QUERY_SHAPE, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { type AuditEntryRow, listAuditEntries } from './audit-repository.js';

export const AuditLogQuerySchema = z.strictObject({
  api_key: idSchema('key').optional(),
  object: z.string().min(1).optional(),
  path: z
    .string()
    .regex(/^\/v1(\/[^\s?#]*)?$/, 'is not an API path; send one such as /v1/customers.')
    .optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  ...PAGE_QUERY_SHAPE,
});

/** `GET /v1/audit_log`, behind a secret key: the tenant's audit entries, newest first. */
export function auditLogRoutes(db: Db) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const query = parseInput(AuditLogQuerySchema, c.req.query());
    const rows = await listAuditEntries(db, c.get('vendor'), {
      apiKeyId: query.api_key,
      objectId: query.object,
      pathPrefix: query.path,
      since: query.since === undefined ? undefined : new Date(query.since),
      limit: query.limit,
      beforeSeq:
        query.cursor === undefined
          ? undefined
          : decodeCursor(query.cursor, [z.string().regex(/^\d+$/)])[0],
    });
    return c.json(toPage(rows, query.limit, toAuditEntry, (row) => [row.seq]));
  });
}

/** Maps a stored entry to the API object. */
export function toAuditEntry(row: AuditEntryRow): AuditEntry {
  return {
    object: 'audit_entry',
    id: row.id,
    livemode: row.livemode,
    api_key: row.api_key_id,
    request_id: row.request_id,
    method: row.method,
    path: row.path,
    status: row.status,
    object_id: row.object_id,
    request_body: row.request_body,
    events: row.event_ids,
    created_at: row.created_at.toISOString(),
  };
}
