import { CreateRefundRequestSchema, idSchema, PAYMENT_STATUSES } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env.js';
import { readOptionalJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { readIdempotencyKey, runIdempotentOperation } from '../idempotency/index.js';
import { vendorScope } from './ledger-request.js';
import { listPaymentPage } from './payment-page.js';
import type { PaymentDeps } from './payment-service.js';
import {
  listRefunds,
  retrieveTenantPayment,
  sendRefund,
  startRefund,
} from './vendor-payment-service.js';

export const ListPaymentsQuerySchema = z.strictObject({
  customer: idSchema('cus').optional(),
  status: z.enum(PAYMENT_STATUSES).optional(),
  ...PAGE_QUERY_SHAPE,
});

/**
 * Builds the vendor API's payment routes, which need a secret key: the list, one payment,
 * and its refunds. Creating a refund moves money, so it requires an `Idempotency-Key`.
 */
export function vendorPaymentRoutes(deps: PaymentDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(ListPaymentsQuerySchema, c.req.query());
      const page = await listPaymentPage(db, c.get('vendor'), {
        customerId: query.customer,
        status: query.status,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) =>
      c.json(await retrieveTenantPayment(db, c.get('vendor'), c.req.param('id'))),
    )
    .get('/:id/refunds', async (c) =>
      c.json(await listRefunds(db, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/refunds', async (c) => {
      const key = readIdempotencyKey(c);
      const body = await readOptionalJson(c);
      const request = parseInput(CreateRefundRequestSchema, body);
      const vendor = c.get('vendor');

      return runIdempotentOperation(c, deps, {
        scope: vendorScope(vendor),
        key,
        body,
        start: () => startRefund(deps, vendor, c.req.param('id'), request),
        finish: async (started) => ({ status: 201, body: await sendRefund(deps, started) }),
        unfinishedMessage: (started) =>
          `Refund ${started.refund.id} was recorded but could not be completed; list the payment's refunds to see its status.`,
      });
    });
}
