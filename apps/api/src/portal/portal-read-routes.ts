import { PORTAL_INVOICE_FILTERS } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { PAGE_QUERY_SHAPE, PageQuerySchema, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { decodeInvoiceCursor, invoiceCursorOf } from '../invoices/invoice-cursor.js';
import { listCustomerInvoices } from '../invoices/invoice-list.js';
import { toInvoice } from '../invoices/invoice-object.js';
import { retrieveInvoice, todayFor } from '../invoices/invoice-service.js';
import { toPayment } from '../payments/payment-object.js';
import { listPaymentPage } from '../payments/payment-page.js';
import { findCustomerPayment, listApplications } from '../payments/payment-repository.js';
import { readPortalSummary } from './portal-summary.js';

export const ListInvoicesQuerySchema = z.strictObject({
  status: z.enum(PORTAL_INVOICE_FILTERS).default('open'),
  ...PAGE_QUERY_SHAPE,
});

/** Builds the portal API's read routes (session, invoices, payments), which need a session. */
export function portalReadRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/session', async (c) => c.json(await readPortalSummary(db, clock, c.get('portal'))))
    .get('/invoices', async (c) => {
      const portal = c.get('portal');
      const query = parseInput(ListInvoicesQuerySchema, c.req.query());
      const today = todayFor(clock, portal);
      const rows = await listCustomerInvoices(db, portal, {
        customerId: portal.customerId,
        filter: query.status,
        today,
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeInvoiceCursor(query.cursor),
      });
      return c.json(toPage(rows, query.limit, (row) => toInvoice(row, today), invoiceCursorOf));
    })
    .get('/invoices/:id', async (c) => {
      const portal = c.get('portal');
      const invoice = await retrieveInvoice(
        db,
        clock,
        portal,
        c.req.param('id'),
        portal.customerId,
      );
      return c.json(invoice);
    })
    .get('/payments', async (c) => {
      const portal = c.get('portal');
      const query = parseInput(PageQuerySchema, c.req.query());
      const page = await listPaymentPage(db, portal, {
        customerId: portal.customerId,
        status: undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/payments/:id', async (c) => {
      const portal = c.get('portal');
      const paymentId = c.req.param('id');
      const row = await findCustomerPayment(db, portal, portal.customerId, paymentId);
      if (row === undefined) {
        throw new ApiError('payment_not_found', `No payment with id ${paymentId} exists.`);
      }
      return c.json(toPayment(row, await listApplications(db, [row.id])));
    });
}
