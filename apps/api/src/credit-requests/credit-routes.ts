import {
  ApproveCreditRequestRequestSchema,
  CREDIT_REQUEST_STATUSES,
  CreateCreditRequestRequestSchema,
  DeclineCreditRequestRequestSchema,
  idSchema,
} from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson, readOptionalJson } from '../http/json-body.js';
import { decodeCursor, PAGE_QUERY_SHAPE, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { readCreditLimit } from './credit-limit.js';
import { toCreditRequest } from './credit-request-object.js';
import { type CreditRequestCursor, listCreditRequests } from './credit-request-repository.js';
import {
  createCreditRequest,
  decideCreditRequest,
  retrieveCreditRequest,
} from './credit-request-service.js';

export const ListQuerySchema = z.strictObject({
  status: z.enum(CREDIT_REQUEST_STATUSES).optional(),
  customer: idSchema('cus').optional(),
  ...PAGE_QUERY_SHAPE,
});

function decodeCreditRequestCursor(cursor: string): CreditRequestCursor {
  return decodeCursor(cursor, [z.iso.datetime(), z.string().regex(/^crq_[0-9A-Za-z]+$/)]);
}

/** Builds the portal's credit routes: the credit limit with its use, and requests for more. */
export function portalCreditRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/credit', async (c) => c.json(await readCreditLimit(db, c.get('portal'))))
    .post('/credit_requests', async (c) => {
      const request = parseInput(CreateCreditRequestRequestSchema, await readJson(c));
      return c.json(await createCreditRequest(db, clock, c.get('portal'), request), 201);
    });
}

/** Builds the vendor API's credit request routes, behind a secret key: list, read, decide. */
export function vendorCreditRequestRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(ListQuerySchema, c.req.query());
      const rows = await listCreditRequests(db, c.get('vendor'), {
        customerId: query.customer,
        status: query.status,
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeCreditRequestCursor(query.cursor),
      });
      return c.json(
        toPage(rows, query.limit, toCreditRequest, (row) => [row.created_at.toISOString(), row.id]),
      );
    })
    .get('/:id', async (c) =>
      c.json(await retrieveCreditRequest(db, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/approve', async (c) => {
      const request = parseInput(ApproveCreditRequestRequestSchema, await readOptionalJson(c));
      const decided = await decideCreditRequest(db, clock, c.get('vendor'), c.req.param('id'), {
        status: 'approved',
        ...request,
      });
      return c.json(decided);
    })
    .post('/:id/decline', async (c) => {
      const request = parseInput(DeclineCreditRequestRequestSchema, await readOptionalJson(c));
      const decided = await decideCreditRequest(db, clock, c.get('vendor'), c.req.param('id'), {
        status: 'declined',
        ...request,
      });
      return c.json(decided);
    });
}
