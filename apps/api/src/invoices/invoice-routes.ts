import { CreateInvoiceRequestSchema, InvoiceStatusSchema, idSchema } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { decodeInvoiceCursor, invoiceCursorOf } from './invoice-cursor.js';
import { listVendorInvoices } from './invoice-list.js';
import { toInvoice } from './invoice-object.js';
import { createInvoice, retrieveInvoice, todayFor, voidInvoice } from './invoice-service.js';

export const ListInvoicesQuerySchema = z.strictObject({
  customer: idSchema('cus').optional(),
  status: InvoiceStatusSchema.optional(),
  ...PAGE_QUERY_SHAPE,
});

/** Builds the vendor API's invoice routes, which need a secret key. */
export function invoiceRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const request = parseInput(CreateInvoiceRequestSchema, await readJson(c));
      const invoice = await createInvoice(db, clock, c.get('vendor'), request);
      return c.json(invoice, 201);
    })
    .get('/', async (c) => {
      const tenant = c.get('vendor');
      const query = parseInput(ListInvoicesQuerySchema, c.req.query());
      const rows = await listVendorInvoices(db, tenant, {
        customerId: query.customer,
        status: query.status,
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeInvoiceCursor(query.cursor),
      });
      const today = todayFor(clock, tenant);
      return c.json(toPage(rows, query.limit, (row) => toInvoice(row, today), invoiceCursorOf));
    })
    .get('/:id', async (c) => {
      return c.json(await retrieveInvoice(db, clock, c.get('vendor'), c.req.param('id')));
    })
    .post('/:id/void', async (c) => {
      return c.json(await voidInvoice(db, clock, c.get('vendor'), c.req.param('id')));
    });
}
