import { CreateCustomerRequestSchema, UpdateCustomerRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { readCreditBalances } from '../credit/index.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { decodeCursor, PAGE_QUERY_SHAPE, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { type CustomerCursor, listCustomers } from './customer-repository.js';
import { createCustomer, findCustomerOrThrow, toCustomer } from './customer-service.js';
import { updateCustomer } from './customer-update.js';

export const ListCustomersQuerySchema = z.strictObject({
  external_id: z.string().min(1).max(100).optional(),
  ...PAGE_QUERY_SHAPE,
});

function decodeCustomerCursor(cursor: string): CustomerCursor {
  return decodeCursor(cursor, [z.string(), z.string().regex(/^cus_[0-9A-Za-z]+$/)]);
}

/**
 * `POST /v1/customers`, `GET /v1/customers`, `GET /v1/customers/:id` and
 * `PATCH /v1/customers/:id` and `GET /v1/customers/:id/credit_balance`, behind a secret key.
 */
export function customerRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const request = parseInput(CreateCustomerRequestSchema, await readJson(c));
      const customer = await createCustomer(db, clock, c.get('vendor'), request);
      return c.json(customer, 201);
    })
    .get('/', async (c) => {
      const query = parseInput(ListCustomersQuerySchema, c.req.query());
      const rows = await listCustomers(db, c.get('vendor'), {
        externalId: query.external_id,
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeCustomerCursor(query.cursor),
      });
      return c.json(toPage(rows, query.limit, toCustomer, (row) => [row.name, row.id]));
    })
    .get('/:id', async (c) => {
      const row = await findCustomerOrThrow(db, c.get('vendor'), c.req.param('id'), 'id');
      return c.json(toCustomer(row));
    })
    .patch('/:id', async (c) => {
      const request = parseInput(UpdateCustomerRequestSchema, await readJson(c));
      return c.json(await updateCustomer(db, clock, c.get('vendor'), c.req.param('id'), request));
    })
    .get('/:id/credit_balance', async (c) => {
      const vendor = c.get('vendor');
      const customer = await findCustomerOrThrow(db, vendor, c.req.param('id'), 'id');
      const balances = await readCreditBalances(db, vendor, customer.id);
      return c.json({ object: 'list', data: balances, next_cursor: null });
    });
}
