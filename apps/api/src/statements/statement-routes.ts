import { StatementQuerySchema } from '@duly/core';
import { type Context, Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { documentFileName } from '../documents/document-format.js';
import { DocumentLocaleSchema, vendorDocumentLocale } from '../documents/document-locale.js';
import { sendFile, sendPdf } from '../documents/document-response.js';
import type { LogoLoader } from '../documents/logo-loader.js';
import type { AppEnv } from '../http/app-env.js';
import { parseInput } from '../http/validation.js';
import { writeStatementCsv } from './statement-csv.js';
import { renderStatementPdf } from './statement-pdf.js';
import { loadStatement, type StatementDocument } from './statement-service.js';

export const VendorStatementPdfQuerySchema = StatementQuerySchema.extend({
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale: DocumentLocaleSchema,
});

/**
 * Builds the portal API's statement routes for the session's customer: the statement as
 * JSON, PDF and CSV, each `?as_of=YYYY-MM-DD` (the vendor's today when left out).
 */
export function portalStatementRoutes(db: Db, clock: Clock, logos: LogoLoader) {
  const load = (c: Context<AppEnv>) => {
    const portal = c.get('portal');
    const query = parseInput(StatementQuerySchema, c.req.query());
    return loadStatement(db, clock, portal, portal.customerId, query.as_of, 'portal');
  };
  return new Hono<AppEnv>()
    .get('/statement', async (c) => c.json((await load(c)).statement))
    .get('/statement.pdf', async (c) => {
      const document = await load(c);
      return sendStatementPdf(c, logos, document, c.get('portal').locale);
    })
    .get('/statement.csv', async (c) => sendStatementCsv(c, await load(c)));
}

/**
 * Builds the vendor API's statement routes of one customer, mounted beside the customer
 * routes. The PDF takes `?locale=` too, else the customer's locale, else US English.
 */
export function vendorStatementRoutes(db: Db, clock: Clock, logos: LogoLoader) {
  const load = (c: Context<AppEnv>, asOf: string | undefined) =>
    loadStatement(db, clock, c.get('vendor'), c.req.param('id') ?? '', asOf, 'vendor');
  return new Hono<AppEnv>()
    .get('/:id/statement', async (c) => {
      const query = parseInput(StatementQuerySchema, c.req.query());
      return c.json((await load(c, query.as_of)).statement);
    })
    .get('/:id/statement.pdf', async (c) => {
      const query = parseInput(VendorStatementPdfQuerySchema, c.req.query());
      const document = await load(c, query.as_of);
      const locale = vendorDocumentLocale(query.locale, document.recipient.locale);
      return sendStatementPdf(c, logos, document, locale);
    })
    .get('/:id/statement.csv', async (c) => {
      const query = parseInput(StatementQuerySchema, c.req.query());
      return sendStatementCsv(c, await load(c, query.as_of));
    });
}

async function sendStatementPdf(
  c: Context<AppEnv>,
  logos: LogoLoader,
  document: StatementDocument,
  locale: string,
): Promise<Response> {
  const { statement } = document;
  const fields = { customer: statement.customer.id, as_of: statement.as_of };
  const logo = await logos.load(document.logoUrl, c.get('logger'), fields);
  const pdf = renderStatementPdf(document, locale, logo.image);
  return sendPdf(c, pdf, statementFileName(document, 'pdf'), fields);
}

function sendStatementCsv(c: Context<AppEnv>, document: StatementDocument): Response {
  const bytes = new Uint8Array(Buffer.from(writeStatementCsv(document.statement), 'utf8'));
  return sendFile(c, {
    bytes,
    contentType: 'text/csv; charset=utf-8; header=present',
    fileName: statementFileName(document, 'csv'),
  });
}

/** Names a statement file after the vendor, the customer and the date, such as `acme-statement-Birchwood-2013-11-30.pdf`. */
function statementFileName(document: StatementDocument, extension: 'pdf' | 'csv'): string {
  const { statement } = document;
  const reference = `${statement.customer.name}-${statement.as_of}`;
  return documentFileName(document.sender.name, 'statement', reference, extension);
}
