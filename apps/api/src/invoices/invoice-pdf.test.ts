import { type Invoice, InvoiceSchema } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import {
  allLines,
  closedPortUrl,
  keepForInspection,
  type LogoServer,
  payByCard,
  setVendorLetterhead,
  startLogoServer,
  usMoney,
  writeCreditNote,
} from '../documents/document-test-kit.js';
import { readPdf } from '../documents/pdf-reader.js';
import { smallRgbaPng } from '../documents/png-encoder.js';
import { ApiFixture } from '../http/api-fixture.js';
import { createLogger } from '../http/logger.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
const ORIGIN = 'https://billing.example.com';
const logLines: string[] = [];
let api: ApiFixture;
let logoServer: LogoServer;

beforeAll(async () => {
  logoServer = await startLogoServer(smallRgbaPng());
  api = await ApiFixture.create(db, {
    vendorName: 'Acme Hardware Supply',
    allowedOrigins: [ORIGIN],
    logger: createLogger({ level: 'warn', write: (line) => logLines.push(line) }),
  });
  await setVendorLetterhead(db, api, logoServer.url);
});
afterAll(async () => {
  await logoServer.close();
  await db.destroy();
});

async function newCustomer(fixture: ApiFixture = api, billing = true) {
  const customer = await fixture.createCustomer({
    name: 'Birchwood Builders',
    email: 'ap@birchwood.example',
  });
  if (billing) {
    await db
      .updateTable('customer')
      .set({
        billing_details: {
          contact_name: 'Dana Reyes',
          email: 'invoices@birchwood.example',
          address: {
            line1: '42 Timber Road',
            line2: 'Suite 7',
            city: 'Portland',
            region: 'OR',
            postal_code: '97201',
            country: 'US',
          },
        },
      })
      .where('id', '=', customer.id)
      .execute();
  }
  const session = await fixture.createSession(customer.id, { locale: 'en-US' });
  return { customer, session };
}

async function readInvoice(fixture: ApiFixture, id: string): Promise<Invoice> {
  const response = await fixture.request('GET', `/v1/invoices/${id}`, {
    auth: fixture.vendor.secret_key,
  });
  expect(response.status).toBe(200);
  return InvoiceSchema.parse(response.body);
}

async function downloadPdf(path: string, auth: string, name: string, origin?: string) {
  const response = await api.app.request(path, {
    headers: {
      Authorization: `Bearer ${auth}`,
      ...(origin === undefined ? {} : { Origin: origin }),
    },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status === 200) keepForInspection('INVOICE_PDF_DIR', `${name}.pdf`, bytes);
  return { response, bytes };
}

describe('GET /v1/portal/invoices/:id/invoice.pdf', () => {
  it('prints the invoice object’s numbers', async () => {
    const { customer, session } = await newCustomer();
    const created = await api.createInvoice(customer.id, {
      number: 'INV-2026-0042',
      issue_date: '2026-03-01',
      due_date: '2026-03-31',
      lines: [
        { description: 'Galvanized bolts, box of 100', quantity: 3, unit_amount: 1_250 },
        { description: 'Delivery', quantity: 1, unit_amount: 999 },
      ],
      taxes: [
        { description: 'Oregon sales tax 0%', amount: 0 },
        { description: 'Portland business tax 1.5%', amount: 71 },
      ],
    });
    const paymentId = await payByCard(api, session, created, 1_500);
    const credit = await writeCreditNote(db, api, {
      customer: customer.id,
      currency: 'USD',
      amount: 500,
      number: 'CN-000007',
      issuedOn: '2026-03-15',
      createdAt: api.clock.now(),
      applications: [{ invoice: created.id, amount: 500, at: api.clock.now() }],
    });

    const invoice = await readInvoice(api, created.id);
    const { response, bytes } = await downloadPdf(
      `/v1/portal/invoices/${created.id}/invoice.pdf`,
      session,
      'invoice-usd',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="acme-hardware-supply-invoice-INV-2026-0042.pdf"',
    );
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');

    const document = readPdf(bytes);
    const lines = allLines(document);
    const money = (amount: number) => usMoney(amount, 'USD');
    expect(invoice).toMatchObject({ subtotal: 4_749, total: 4_820, amount_due: 2_820 });
    expect(document.info.Title).toBe('Invoice INV-2026-0042 from Acme Hardware Supply');
    expect(lines).toContain('Invoice');
    expect(lines).toContain('Acme Hardware Supply Invoice number INV-2026-0042');
    expect(lines).toContain('100 Industrial Way Issue date March 1, 2026');
    expect(lines).toContain('Springfield, IL 62701 Due date March 31, 2026');
    expect(lines).toContain('billing@acme.example Test mode');
    expect(lines).toContain(`${money(invoice.amount_due)} due March 31, 2026`);
    expect(lines).toContain('Bill to');
    expect(lines).toContain('Birchwood Builders');
    expect(lines).toContain('Attn: Dana Reyes');
    expect(lines).toContain('42 Timber Road');
    expect(lines).toContain('Suite 7');
    expect(lines).toContain('Portland, OR 97201');
    expect(lines).toContain('United States');
    expect(lines).toContain('invoices@birchwood.example');
    expect(lines).toContain('Description Quantity Unit price Amount');
    for (const line of invoice.lines ?? []) {
      expect(lines).toContain(
        `${line.description} ${line.quantity} ${money(line.unit_amount)} ${money(line.amount)}`,
      );
    }
    expect(lines).toContain(`Subtotal ${money(invoice.subtotal ?? -1)}`);
    for (const tax of invoice.taxes ?? []) {
      expect(lines).toContain(`${tax.description} ${money(tax.amount)}`);
    }
    expect(lines).toContain(`Total ${money(invoice.total)}`);

    const paid = (invoice.payments ?? [])
      .filter((payment) => payment.status === 'succeeded')
      .reduce((sum, payment) => sum + payment.amount - (payment.amount_reversed ?? 0), 0);
    expect(paid).toBe(1_500);
    expect(lines).toContain(`Payments applied ${money(-paid)}`);
    expect(lines).toContain(`Credit notes applied ${money(-500)}`);
    expect(lines).toContain(`Amount due ${money(invoice.amount_due)}`);
    expect(invoice.total - paid - 500).toBe(invoice.amount_due);

    const receipt = `${paymentId.slice(4, 8)}-${paymentId.slice(8, 12)}-${paymentId.slice(12, 16)}`;
    expect(lines).toContain('Date Receipt Method Amount');
    expect(lines).toContain(`March 15, 2026 ${receipt} Visa ending in 4242 ${money(1_500)}`);
    expect(lines).toContain('Date Credit note Amount');
    expect(lines).toContain(`March 15, 2026 ${credit.number} ${money(500)}`);
    expect(lines).toContain(
      'Questions about this invoice? Contact Acme Hardware Supply at billing@acme.example.',
    );
    expect(lines.at(-1)).toBe('Acme Hardware Supply · Invoice INV-2026-0042 Page 1 of 1');
  });

  it('embeds the vendor’s PNG logo', async () => {
    const { customer, session } = await newCustomer();
    const invoice = await api.createInvoice(customer.id);
    const { bytes } = await downloadPdf(
      `/v1/portal/invoices/${invoice.id}/invoice.pdf`,
      session,
      'invoice-logo',
    );

    const [page] = readPdf(bytes).pages;
    expect(page?.images).toEqual([
      expect.objectContaining({
        x: 54,
        y: 54,
        width: 2,
        height: 2,
        pixelWidth: 2,
        pixelHeight: 2,
        colorSpace: 'DeviceRGB',
        filter: 'FlateDecode',
        softMask: true,
      }),
    ]);
    expect(page?.lines[0]).toBe('Invoice');
    expect(logoServer.requests).toBeGreaterThan(0);
  });

  it('prints the name alone when the logo is unreachable', async () => {
    logLines.length = 0;
    const unreachable = await ApiFixture.create(db, {
      vendorName: 'Acme Hardware Supply',
      logger: createLogger({ level: 'warn', write: (line) => logLines.push(line) }),
    });
    const logoUrl = await closedPortUrl();
    await setVendorLetterhead(db, unreachable, logoUrl);
    const { customer, session } = await newCustomer(unreachable);
    const invoice = await unreachable.createInvoice(customer.id, { number: 'INV-NO-LOGO' });

    const response = await unreachable.app.request(
      `/v1/portal/invoices/${invoice.id}/invoice.pdf`,
      { headers: { Authorization: `Bearer ${session}` } },
    );
    expect(response.status).toBe(200);
    const [page] = readPdf(new Uint8Array(await response.arrayBuffer())).pages;
    expect(page?.images).toEqual([]);
    expect(page?.lines[0]).toBe('Acme Hardware Supply Invoice');
    expect(logLines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'warn',
        invoice: invoice.id,
        logo_url: logoUrl,
        reason: 'the logo download failed: ECONNREFUSED',
      }),
    ]);
  });

  it('prints an invoice without billing details', async () => {
    const { customer, session } = await newCustomer(api, false);
    const invoice = await api.createInvoice(customer.id, { total: 2_500 });
    const { bytes } = await downloadPdf(
      `/v1/portal/invoices/${invoice.id}/invoice.pdf`,
      session,
      'invoice-no-billing-details',
    );

    const lines = allLines(readPdf(bytes));
    expect(lines).toContain('$25.00 due March 31, 2026');
    expect(lines.slice(lines.indexOf('Bill to') + 1, lines.indexOf('Bill to') + 3)).toEqual([
      'Birchwood Builders',
      'ap@birchwood.example',
    ]);
    expect(lines).not.toContain('Payments applied');
    expect(lines.some((line) => line.startsWith('Credit notes applied'))).toBe(false);
    expect(lines).toContain('Amount due $25.00');
  });

  it('prints dinars with three decimals', async () => {
    const { customer, session } = await newCustomer();
    const created = await api.createInvoice(customer.id, {
      currency: 'KWD',
      lines: [{ description: 'Pipe fittings', quantity: 1, unit_amount: 18_600 }],
    });
    const invoice = await readInvoice(api, created.id);
    expect(invoice.total).toBe(18_600);

    const { bytes } = await downloadPdf(
      `/v1/portal/invoices/${created.id}/invoice.pdf`,
      session,
      'invoice-kwd',
    );
    const lines = allLines(readPdf(bytes));
    expect(lines).toContain('Pipe fittings 1 KWD 18.600 KWD 18.600');
    expect(lines).toContain('Subtotal KWD 18.600');
    expect(lines).toContain('Total KWD 18.600');
    expect(lines).toContain('Amount due KWD 18.600');
  });

  it('continues a long invoice on more pages', async () => {
    const { customer, session } = await newCustomer();
    const created = await api.createInvoice(customer.id, {
      number: 'INV-LONG',
      lines: Array.from({ length: 60 }, (_, index) => ({
        description: `Part ${index + 1}`,
        quantity: 1,
        unit_amount: 100 + index,
      })),
    });
    const { bytes } = await downloadPdf(
      `/v1/portal/invoices/${created.id}/invoice.pdf`,
      session,
      'invoice-long',
    );

    const document = readPdf(bytes);
    expect(document.pages.length).toBeGreaterThan(1);
    const second = document.pages[1]?.lines ?? [];
    expect(second[0]).toBe('Invoice INV-LONG (continued)');
    const parts = allLines(document).filter((line) => line.startsWith('Part '));
    expect(parts).toHaveLength(60);
    expect(allLines(document)).toContain(`Total ${usMoney(created.total, 'USD')}`);
  });

  it('hides other customers’ invoices and drafts', async () => {
    const { customer } = await newCustomer();
    const stranger = await newCustomer();
    const invoice = await api.createInvoice(customer.id);
    const draft = await api.createInvoice(stranger.customer.id, { status: 'draft' });

    for (const id of [invoice.id, draft.id, 'inv_unknown']) {
      const response = await api.request('GET', `/v1/portal/invoices/${id}/invoice.pdf`, {
        auth: stranger.session,
      });
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'invoice_not_found' });
    }
  });

  it('exposes the file name to the widget’s origin', async () => {
    const { customer, session } = await newCustomer();
    const invoice = await api.createInvoice(customer.id);
    const { response } = await downloadPdf(
      `/v1/portal/invoices/${invoice.id}/invoice.pdf`,
      session,
      'invoice-cors',
      ORIGIN,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Content-Disposition');
  });
});

describe('GET /v1/invoices/:id/invoice.pdf', () => {
  it('gives the vendor the same PDF', async () => {
    const { customer, session } = await newCustomer();
    const invoice = await api.createInvoice(customer.id, { number: 'INV-VENDOR-1' });
    const portal = await downloadPdf(`/v1/portal/invoices/${invoice.id}/invoice.pdf`, session, 'a');
    const vendor = await downloadPdf(
      `/v1/invoices/${invoice.id}/invoice.pdf`,
      api.vendor.secret_key,
      'invoice-vendor',
    );

    expect(vendor.response.status).toBe(200);
    expect(Buffer.from(vendor.bytes).equals(Buffer.from(portal.bytes))).toBe(true);
  });

  it('prints a draft with its status', async () => {
    const { customer } = await newCustomer();
    const invoice = await api.createInvoice(customer.id, { status: 'draft' });
    const { response, bytes } = await downloadPdf(
      `/v1/invoices/${invoice.id}/invoice.pdf`,
      api.vendor.secret_key,
      'invoice-draft',
    );
    expect(response.status).toBe(200);
    expect(allLines(readPdf(bytes))).toContain(
      'billing@acme.example Draft: not sent to the customer',
    );
  });

  it('prints in the requested locale', async () => {
    const { customer } = await newCustomer();
    const invoice = await api.createInvoice(customer.id, { total: 123_456 });
    const { bytes } = await downloadPdf(
      `/v1/invoices/${invoice.id}/invoice.pdf?locale=de-DE`,
      api.vendor.secret_key,
      'invoice-de',
    );
    const lines = allLines(readPdf(bytes));
    expect(lines).toContain('Total 1.234,56 $');
    expect(lines).toContain('100 Industrial Way Issue date 1. März 2026');
    expect(lines).toContain('Vereinigte Staaten');
  });

  it('rejects a malformed locale', async () => {
    const { customer } = await newCustomer();
    const invoice = await api.createInvoice(customer.id);
    const response = await api.request('GET', `/v1/invoices/${invoice.id}/invoice.pdf?locale=x!`, {
      auth: api.vendor.secret_key,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_parameter', param: 'locale' });
  });

  it('hides another vendor’s invoice', async () => {
    const other = await ApiFixture.create(db, { vendorName: 'Other Vendor' });
    const customer = await other.createCustomer();
    const invoice = await other.createInvoice(customer.id);
    const response = await api.request('GET', `/v1/invoices/${invoice.id}/invoice.pdf`, {
      auth: api.vendor.secret_key,
    });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'invoice_not_found' });
  });
});
