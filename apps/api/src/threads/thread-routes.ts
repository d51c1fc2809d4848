import {
  CreateThreadMessageRequestSchema,
  CreateThreadRequestSchema,
  idSchema,
  ResolveThreadRequestSchema,
} from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv, Tenant } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { decodeCursor, PAGE_QUERY_SHAPE, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { toThreads } from './thread-object.js';
import {
  listMessages,
  listThreads,
  type ThreadCursor,
  type ThreadListQuery,
  type ThreadWithInvoiceRow,
} from './thread-repository.js';
import { openThread, replyToThread, resolveThread, retrieveThread } from './thread-service.js';

export const PortalListQuerySchema = z.strictObject({
  invoice: idSchema('inv').optional(),
  ...PAGE_QUERY_SHAPE,
});

export const VendorListQuerySchema = z.strictObject({
  status: z.enum(['open', 'answered', 'resolved']).optional(),
  kind: z.enum(['question', 'dispute']).optional(),
  customer: idSchema('cus').optional(),
  invoice: idSchema('inv').optional(),
  ...PAGE_QUERY_SHAPE,
});

function decodeThreadCursor(cursor: string): ThreadCursor {
  return decodeCursor(cursor, [z.iso.datetime(), z.string().regex(/^thr_[0-9A-Za-z]+$/)]);
}

/** Lists one page of threads as API objects, with their messages. */
async function threadPage(
  db: Db,
  tenant: Tenant,
  query: Omit<ThreadListQuery, 'after'> & { cursor: string | undefined },
) {
  const { cursor, ...filters } = query;
  const rows = await listThreads(db, tenant, {
    ...filters,
    after: cursor === undefined ? undefined : decodeThreadCursor(cursor),
  });
  const page = toPage(
    rows,
    query.limit,
    (row) => row,
    (row: ThreadWithInvoiceRow) => [row.updated_at.toISOString(), row.id],
  );
  const messages = await listMessages(
    db,
    page.data.map((row) => row.id),
  );
  return { ...page, data: toThreads(page.data, messages) };
}

/**
 * Builds the portal's thread routes, which open a question or dispute about an invoice,
 * list and read the customer's threads, and reply to one.
 */
export function portalThreadRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/invoices/:id/threads', async (c) => {
      const request = parseInput(CreateThreadRequestSchema, await readJson(c));
      const thread = await openThread(db, clock, c.get('portal'), c.req.param('id'), request);
      return c.json(thread, 201);
    })
    .get('/threads', async (c) => {
      const portal = c.get('portal');
      const query = parseInput(PortalListQuerySchema, c.req.query());
      const page = await threadPage(db, portal, {
        customerId: portal.customerId,
        invoiceId: query.invoice,
        status: undefined,
        kind: undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/threads/:id', async (c) => {
      const portal = c.get('portal');
      return c.json(await retrieveThread(db, portal, c.req.param('id'), portal.customerId));
    })
    .post('/threads/:id/messages', async (c) => {
      const { message } = parseInput(CreateThreadMessageRequestSchema, await readJson(c));
      const portal = c.get('portal');
      const thread = await replyToThread(
        db,
        clock,
        portal,
        c.req.param('id'),
        'customer',
        message,
        portal.customerId,
      );
      return c.json(thread);
    });
}

/**
 * Builds the vendor API's thread routes, behind a secret key, which list and read threads,
 * reply to them and resolve them.
 */
export function vendorThreadRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(VendorListQuerySchema, c.req.query());
      const page = await threadPage(db, c.get('vendor'), {
        customerId: query.customer,
        invoiceId: query.invoice,
        status: query.status,
        kind: query.kind,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) => c.json(await retrieveThread(db, c.get('vendor'), c.req.param('id'))))
    .post('/:id/messages', async (c) => {
      const { message } = parseInput(CreateThreadMessageRequestSchema, await readJson(c));
      const thread = await replyToThread(
        db,
        clock,
        c.get('vendor'),
        c.req.param('id'),
        'vendor',
        message,
      );
      return c.json(thread);
    })
    .post('/:id/resolve', async (c) => {
      const { resolution } = parseInput(ResolveThreadRequestSchema, await readJson(c));
      const thread = await resolveThread(db, clock, c.get('vendor'), c.req.param('id'), resolution);
      return c.json(thread);
    });
}
