import {
  ConfirmPaymentNoticeRequestSchema,
  CreatePaymentNoticeRequestSchema,
  idSchema,
  PAYMENT_NOTICE_STATUSES,
  RejectPaymentNoticeRequestSchema,
} from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson, readOptionalJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE, PageQuerySchema } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { runLedgerRequest } from '../payments/ledger-request.js';
import { confirmPaymentNotice, rejectPaymentNotice } from './payment-notice-decisions.js';
import {
  createPaymentNotice,
  listPaymentNoticePage,
  retrievePaymentNotice,
} from './payment-notice-service.js';

export const VendorListQuerySchema = z.strictObject({
  status: z.enum(PAYMENT_NOTICE_STATUSES).optional(),
  customer: idSchema('cus').optional(),
  ...PAGE_QUERY_SHAPE,
});

/**
 * Builds the vendor API's payment notice routes, which need a secret key. Confirming
 * records a payment, so it honours an `Idempotency-Key` when one is sent.
 */
export function paymentNoticeRoutes(db: Db, clock: Clock) {
  const deps = { db, clock };
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(VendorListQuerySchema, c.req.query());
      const page = await listPaymentNoticePage(db, c.get('vendor'), {
        customerId: query.customer,
        status: query.status,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) =>
      c.json(await retrievePaymentNotice(db, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/confirm', async (c) => {
      const body = await readOptionalJson(c);
      const request = parseInput(ConfirmPaymentNoticeRequestSchema, body);
      return runLedgerRequest(c, deps, {
        body,
        keyRequired: false,
        status: 200,
        change: () => confirmPaymentNotice(db, clock, c.get('vendor'), c.req.param('id'), request),
      });
    })
    .post('/:id/reject', async (c) => {
      const request = parseInput(RejectPaymentNoticeRequestSchema, await readJson(c));
      return c.json(
        await rejectPaymentNotice(db, clock, c.get('vendor'), c.req.param('id'), request),
      );
    });
}

/** Builds the portal's payment notice routes: the customer's "I sent a payment". */
export function portalPaymentNoticeRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/payment_notices', async (c) => {
      const request = parseInput(CreatePaymentNoticeRequestSchema, await readJson(c));
      return c.json(await createPaymentNotice(db, clock, c.get('portal'), request), 201);
    })
    .get('/payment_notices', async (c) => {
      const portal = c.get('portal');
      const query = parseInput(PageQuerySchema, c.req.query());
      const page = await listPaymentNoticePage(db, portal, {
        customerId: portal.customerId,
        status: undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    });
}
