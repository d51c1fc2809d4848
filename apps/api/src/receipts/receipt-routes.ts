import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { DocumentLocaleSchema, vendorDocumentLocale } from '../documents/document-locale.js';
import { sendPdf } from '../documents/document-response.js';
import type { AppEnv } from '../http/app-env.js';
import { parseInput } from '../http/validation.js';
import { receiptFileName } from './receipt-format.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import { loadReceipt, type ReceiptSource } from './receipt-service.js';

export const VendorReceiptQuerySchema = z.strictObject({
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale: DocumentLocaleSchema,
});

/** Builds the portal API's receipt routes: the customer's own payments only. */
export function portalReceiptRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/payments/:id/receipt', async (c) => {
      const portal = c.get('portal');
      const source = await loadReceipt(db, portal, c.req.param('id'), portal.customerId);
      return c.json(source.receipt);
    })
    .get('/payments/:id/receipt.pdf', async (c) => {
      const portal = c.get('portal');
      const source = await loadReceipt(db, portal, c.req.param('id'), portal.customerId);
      return sendReceiptPdf(c, source, portal.locale);
    });
}

/**
 * Builds the vendor API's receipt routes, mounted beside the payment routes. The PDF takes
 * `?locale=`, else the customer's locale, else US English.
 */
export function vendorReceiptRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/:id/receipt', async (c) => {
      const source = await loadReceipt(db, c.get('vendor'), c.req.param('id'));
      return c.json(source.receipt);
    })
    .get('/:id/receipt.pdf', async (c) => {
      const query = parseInput(VendorReceiptQuerySchema, c.req.query());
      const source = await loadReceipt(db, c.get('vendor'), c.req.param('id'));
      return sendReceiptPdf(c, source, vendorDocumentLocale(query.locale, source.customerLocale));
    });
}

function sendReceiptPdf(c: Context<AppEnv>, source: ReceiptSource, locale: string): Response {
  const pdf = renderReceiptPdf(source, locale);
  return sendPdf(c, pdf, receiptFileName(source.receipt), { payment: source.receipt.payment });
}
