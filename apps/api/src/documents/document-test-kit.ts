import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { formatMoney } from '@duly/core';
import type { Db } from '../db/index.js';
import type { ApiFixture } from '../http/api-fixture.js';
import { randomToken } from '../ids.js';
import type { ReadDocument } from './pdf-reader.js';

// Helpers of the invoice, receipt and statement document tests. Test-only code; nothing in
// the API imports it.

/**
 * Saves `bytes` as `fileName` in the folder that the environment variable `folderVariable`
 * names, so that a person can open what the tests produced. Without it, nothing is written.
 */
export function keepForInspection(folderVariable: string, fileName: string, bytes: Uint8Array) {
  const folder = process.env[folderVariable];
  if (folder === undefined) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, fileName), bytes);
}

/** Gives the fixture's vendor the email and address that documents print, and `logoUrl`. */
export async function setVendorLetterhead(
  db: Db,
  fixture: ApiFixture,
  logoUrl: string | null,
): Promise<void> {
  await db
    .updateTable('vendor')
    .set({
      email: 'billing@acme.example',
      address_lines: ['100 Industrial Way', 'Springfield, IL 62701'],
      logo_url: logoUrl,
    })
    .where('id', '=', fixture.vendor.id)
    .execute();
}

/**
 * Returns every line of every page, in order, with no-break spaces as plain spaces, because
 * `Intl` puts one between a currency code and its amount.
 */
export function allLines(document: ReadDocument): string[] {
  return document.pages.flatMap((page) => page.lines.map((line) => line.replaceAll('\u00a0', ' ')));
}

/** Formats an amount as the documents print it in US English, with plain spaces. */
export function usMoney(amount: number, currency: string): string {
  return formatMoney(amount, currency, 'en-US').replaceAll('\u00a0', ' ');
}

/** A local HTTP server that serves one file at `/logo.png`, as a vendor's logo host would. */
export interface LogoServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** Starts a logo server on a free port of 127.0.0.1. */
export async function startLogoServer(file: Uint8Array): Promise<LogoServer> {
  const state = { requests: 0 };
  const server: Server = createServer((request, response) => {
    state.requests += 1;
    if (request.url === '/logo.png')
      response.writeHead(200, { 'Content-Type': 'image/png' }).end(file);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/logo.png`,
    get requests() {
      return state.requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Returns a URL on 127.0.0.1 where nothing listens, for a logo that cannot be fetched. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/logo.png`;
}

export interface TestCreditNote {
  customer: string;
  currency: string;
  amount: number;
  number?: string;
  issuedOn: string;
  createdAt: Date;
  /** Applications to invoices, each lowering the invoice's amount due in the same transaction. */
  applications?: Array<{ invoice: string; amount: number; at: Date }>;
}

/**
 * Writes a credit note and its applications straight into the ledger, with the invoices'
 * amounts due lowered and `paid` set when they reach 0, the rows the vendor API's credit
 * notes write. It lets document tests show credits without going through that API.
 */
export async function writeCreditNote(
  db: Db,
  fixture: ApiFixture,
  note: TestCreditNote,
): Promise<{ id: string; number: string }> {
  const id = `cn_${randomToken(24)}`;
  const number = note.number ?? `CN-${randomToken(6)}`;
  const applications = note.applications ?? [];
  const applied = applications.reduce((sum, application) => sum + application.amount, 0);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('credit_note')
      .values({
        id,
        vendor_id: fixture.vendor.id,
        livemode: false,
        customer_id: note.customer,
        number,
        currency: note.currency,
        amount: note.amount,
        amount_remaining: note.amount - applied,
        reason: 'Test credit',
        status: 'issued',
        issued_on: note.issuedOn,
        created_at: note.createdAt,
      })
      .execute();
    for (const application of applications) {
      await trx
        .insertInto('credit_note_application')
        .values({
          credit_note_id: id,
          invoice_id: application.invoice,
          amount: application.amount,
          created_at: application.at,
        })
        .execute();
      const invoice = await trx
        .updateTable('invoice')
        .set((eb) => ({ amount_due: eb('amount_due', '-', String(application.amount)) }))
        .where('id', '=', application.invoice)
        .returning(['amount_due'])
        .executeTakeFirstOrThrow();
      if (invoice.amount_due === '0') {
        await trx
          .updateTable('invoice')
          .set({ status: 'paid', paid_at: application.at })
          .where('id', '=', application.invoice)
          .execute();
      }
    }
  });
  return { id, number };
}

/**
 * Pays `amount` of one invoice through the portal with a new sandbox Visa card, with a
 * short-pay reason when it pays the invoice partly. Throws unless the payment succeeded.
 */
export async function payByCard(
  fixture: ApiFixture,
  session: string,
  invoice: { id: string; amount_payable: number },
  amount: number,
): Promise<string> {
  const card = await fixture.createCard(session);
  const response = await fixture.request('POST', '/v1/portal/payments', {
    auth: session,
    body: {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount }],
      ...(amount < invoice.amount_payable ? { short_pay: { reason: 'Other' } } : {}),
    },
    headers: { 'Idempotency-Key': crypto.randomUUID(), 'User-Agent': 'DulyTest/1.0' },
  });
  if (response.status !== 201 || response.body.status !== 'succeeded') {
    throw new Error(
      `Paying ${amount} failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body.id as string;
}
