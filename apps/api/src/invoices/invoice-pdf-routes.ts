import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { documentFileName } from '../documents/document-format.js';
import { DocumentLocaleSchema, vendorDocumentLocale } from '../documents/document-locale.js';
import { sendPdf } from '../documents/document-response.js';
import type { LogoLoader } from '../documents/logo-loader.js';
import type { AppEnv } from '../http/app-env.js';
import { parseInput } from '../http/validation.js';
import { type InvoiceDocument, loadInvoiceDocument } from './invoice-document.js';
import { renderInvoicePdf } from './invoice-pdf.js';

export const VendorInvoicePdfQuerySchema = z.strictObject({
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale: DocumentLocaleSchema,
});

/** Builds the portal API's invoice PDF route: the session customer's invoices only. */
export function portalInvoicePdfRoutes(db: Db, clock: Clock, logos: LogoLoader) {
  return new Hono<AppEnv>().get('/invoices/:id/invoice.pdf', async (c) => {
    const portal = c.get('portal');
    const document = await loadInvoiceDocument(
      db,
      clock,
      portal,
      c.req.param('id'),
      portal.customerId,
    );
    return sendInvoicePdf(c, logos, document, portal.locale);
  });
}

/**
 * Builds the vendor API's invoice PDF route, mounted beside the invoice routes. It takes
 * `?locale=`, else the customer's locale, else US English.
 */
export function vendorInvoicePdfRoutes(db: Db, clock: Clock, logos: LogoLoader) {
  return new Hono<AppEnv>().get('/:id/invoice.pdf', async (c) => {
    const query = parseInput(VendorInvoicePdfQuerySchema, c.req.query());
    const document = await loadInvoiceDocument(db, clock, c.get('vendor'), c.req.param('id'));
    const locale = vendorDocumentLocale(query.locale, document.customer.locale);
    return sendInvoicePdf(c, logos, document, locale);
  });
}

async function sendInvoicePdf(
  c: Context<AppEnv>,
  logos: LogoLoader,
  document: InvoiceDocument,
  locale: string,
): Promise<Response> {
  const fields = { invoice: document.invoice.id };
  const logo = await logos.load(document.logoUrl, c.get('logger'), fields);
  const pdf = renderInvoicePdf(document, locale, logo.image);
  const fileName = documentFileName(
    document.sender.name,
    'invoice',
    document.invoice.number,
    'pdf',
  );
  return sendPdf(c, pdf, fileName, fields);
}
