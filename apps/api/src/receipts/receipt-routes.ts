import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { parseInput } from '../http/validation.js';
import { receiptFileName } from './receipt-format.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import { loadReceipt, type ReceiptSource } from './receipt-service.js';

/** The locale of a vendor's receipt when neither the request nor the customer sets one. */
const DEFAULT_LOCALE = 'en-US';

const VendorReceiptQuerySchema = z.strictObject({
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale: z.string().min(1).max(35).optional(),
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
      const locale =
        query.locale === undefined
          ? (canonicalLocale(source.customerLocale) ?? DEFAULT_LOCALE)
          : requireLocale(query.locale);
      return sendReceiptPdf(c, source, locale);
    });
}

function sendReceiptPdf(c: Context<AppEnv>, source: ReceiptSource, locale: string): Response {
  const pdf = renderReceiptPdf(source, locale);
  if (pdf.replacedCharacters.length > 0) {
    c.get('logger').warn('receipt PDF printed characters outside WinAnsiEncoding as "?"', {
      payment: source.receipt.payment,
      characters: [...new Set(pdf.replacedCharacters)].join(''),
    });
  }

  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `attachment; filename="${receiptFileName(source.receipt)}"`);
  // Receipts change when a payment is refunded, and they name the customer.
  c.header('Cache-Control', 'private, no-store');
  // A widget on another origin reads the file name only when the header is exposed to it.
  const exposed = c.res.headers.get('Access-Control-Expose-Headers');
  if (exposed !== null)
    c.header('Access-Control-Expose-Headers', `${exposed}, Content-Disposition`);
  return c.body(pdf.bytes);
}

function canonicalLocale(tag: string | null): string | undefined {
  if (tag === null) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function requireLocale(tag: string): string {
  const locale = canonicalLocale(tag);
  if (locale === undefined) {
    throw new ApiError(
      'invalid_parameter',
      `"${tag}" is not a BCP 47 language tag; use one such as en-US or de-DE.`,
      { param: 'locale' },
    );
  }
  return locale;
}
