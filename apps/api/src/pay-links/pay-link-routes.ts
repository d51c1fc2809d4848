import { CreatePayLinkRequestSchema, idSchema, PayLinkExchangeRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { exchangePayLink } from './pay-link-exchange.js';
import {
  createPayLink,
  listPayLinkPage,
  retrievePayLink,
  revokePayLink,
} from './pay-link-service.js';

export const ListPayLinksQuerySchema = z.strictObject({
  invoice: idSchema('inv').optional(),
  ...PAGE_QUERY_SHAPE,
});

/** Builds the vendor API's pay link routes, which need a secret key. */
export function payLinkRoutes(db: Db, clock: Clock, publicUrl: string) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const request = parseInput(CreatePayLinkRequestSchema, await readJson(c));
      return c.json(await createPayLink(db, clock, publicUrl, c.get('vendor'), request), 201);
    })
    .get('/', async (c) => {
      const query = parseInput(ListPayLinksQuerySchema, c.req.query());
      const page = await listPayLinkPage(db, clock, c.get('vendor'), {
        invoiceId: query.invoice,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) =>
      c.json(await retrievePayLink(db, clock, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/revoke', async (c) =>
      c.json(await revokePayLink(db, clock, c.get('vendor'), c.req.param('id'))),
    );
}

/**
 * Builds `POST /v1/pay_links/exchange`, which takes no credential but the token. Only the
 * hosted page calls it from a browser, so a request with an `Origin` must come from the
 * API's own origin. A request without one, from a server or a test, is not judged by origin.
 */
export function payLinkExchangeRoutes(db: Db, clock: Clock, publicUrl: string) {
  const ownOrigin = new URL(publicUrl).origin;
  return new Hono<AppEnv>().post('/exchange', async (c) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== ownOrigin) {
      throw new ApiError(
        'origin_not_allowed',
        `The origin ${origin} may not exchange pay links; only the hosted page at ${ownOrigin} does. Send customers to the link's url instead.`,
      );
    }
    const request = parseInput(PayLinkExchangeRequestSchema, await readJson(c));
    return c.json(await exchangePayLink(db, clock, request.token), 201);
  });
}
