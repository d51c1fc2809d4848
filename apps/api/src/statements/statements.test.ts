import { formatDecimalAmount, type Statement, StatementSchema } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import {
  allLines,
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
import { BUCKET_HEADERS } from './statement-pdf.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
const TODAY = '2026-03-15';
let api: ApiFixture;
let logoServer: LogoServer;

beforeAll(async () => {
  logoServer = await startLogoServer(smallRgbaPng());
  api = await ApiFixture.create(db, { vendorName: 'Acme Hardware Supply' });
  await setVendorLetterhead(db, api, logoServer.url);
});
afterAll(async () => {
  await logoServer.close();
  await db.destroy();
});

async function newCustomer(name = 'Birchwood Builders') {
  const customer = await api.createCustomer({ name, email: 'ap@birchwood.example' });
  const session = await api.createSession(customer.id, { locale: 'en-US' });
  return { customer, session };
}

function invoiceOf(customer: string, fields: Record<string, unknown> & { total?: number }) {
  return api.createInvoice(customer, {
    issue_date: '2026-01-01',
    due_date: '2026-01-31',
    ...fields,
  });
}

async function statementJson(path: string, auth: string): Promise<Statement> {
  const response = await api.request('GET', path, { auth });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return StatementSchema.parse(response.body);
}

async function download(path: string, auth: string, name: string) {
  const response = await api.app.request(path, { headers: { Authorization: `Bearer ${auth}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(response.status, Buffer.from(bytes).toString()).toBe(200);
  keepForInspection('STATEMENT_DIR', name, bytes);
  return { response, bytes };
}

/** Parses RFC 4180 text: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"') {
      quoted = true;
    } else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else {
      field += character;
    }
  }
  return rows;
}

/** Reads the CSV into records keyed by the header's column names. */
function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) =>
    Object.fromEntries((header ?? []).map((column, index) => [column, row[index] ?? ''])),
  );
}

describe('GET /v1/portal/statement', () => {
  it('lists open items with aging and credits', async () => {
    const { customer, session } = await newCustomer();
    const overdue = await invoiceOf(customer.id, {
      number: 'INV-A-1',
      total: 40_000,
      issue_date: '2025-12-01',
      due_date: '2026-01-10',
    });
    const recent = await invoiceOf(customer.id, {
      number: 'INV-A-2',
      total: 12_345,
      issue_date: '2026-03-01',
      due_date: '2026-03-31',
    });
    await invoiceOf(customer.id, {
      number: 'INV-A-FUTURE',
      issue_date: '2026-03-16',
      due_date: '2026-04-15',
    });
    const draft = await invoiceOf(customer.id, { number: 'INV-A-DRAFT', status: 'draft' });
    const paymentId = await payByCard(api, session, overdue, 15_000);
    const credit = await writeCreditNote(db, api, {
      customer: customer.id,
      currency: 'USD',
      amount: 2_500,
      number: 'CN-A-1',
      issuedOn: '2026-03-10',
      createdAt: new Date('2026-03-10T12:00:00Z'),
    });

    const statement = await statementJson('/v1/portal/statement', session);
    expect(statement).toMatchObject({
      object: 'statement',
      customer: { id: customer.id, name: 'Birchwood Builders', external_id: null },
      vendor: { name: 'Acme Hardware Supply' },
      as_of: TODAY,
      generated_at: '2026-03-15T12:00:00.000Z',
    });
    expect(statement.sections).toEqual([
      {
        currency: 'USD',
        invoices: [
          {
            invoice: overdue.id,
            number: 'INV-A-1',
            issue_date: '2025-12-01',
            due_date: '2026-01-10',
            total: 40_000,
            amount_open: 25_000,
            days_past_due: 64,
            bucket: '61_90',
            disputed: false,
          },
          {
            invoice: recent.id,
            number: 'INV-A-2',
            issue_date: '2026-03-01',
            due_date: '2026-03-31',
            total: 12_345,
            amount_open: 12_345,
            days_past_due: -16,
            bucket: 'current',
            disputed: false,
          },
        ],
        credits: [
          {
            type: 'credit_note',
            id: credit.id,
            reference: 'CN-A-1',
            date: '2026-03-10',
            amount_open: 2_500,
          },
        ],
        aging: { current: 12_345, '1_30': 0, '31_60': 0, '61_90': 25_000, over_90: 0 },
        invoices_total: 37_345,
        credits_total: 2_500,
        balance: 34_845,
        recent_payments: [
          {
            payment: paymentId,
            date: TODAY,
            amount: 15_000,
            method: 'card',
            receipt_url: `/v1/portal/payments/${paymentId}/receipt`,
          },
        ],
      },
    ]);
    expect(JSON.stringify(statement)).not.toContain(draft.id);

    const receipt = await api.request('GET', `/v1/portal/payments/${paymentId}/receipt`, {
      auth: session,
    });
    expect(receipt.status).toBe(200);
  });

  it('shows the ledger as of an earlier date', async () => {
    const { customer, session } = await newCustomer();
    const invoice = await invoiceOf(customer.id, { total: 9_000, due_date: '2026-02-28' });
    const paymentId = await payByCard(api, session, invoice, 9_000);
    const leftover = await writeCreditNote(db, api, {
      customer: customer.id,
      currency: 'USD',
      amount: 1_000,
      issuedOn: '2026-03-01',
      createdAt: new Date('2026-03-01T12:00:00Z'),
    });

    const before = await statementJson('/v1/portal/statement?as_of=2026-03-14', session);
    expect(before.as_of).toBe('2026-03-14');
    expect(before.sections[0]?.invoices).toMatchObject([
      { invoice: invoice.id, amount_open: 9_000, days_past_due: 14, bucket: '1_30' },
    ]);
    expect(before.sections[0]?.recent_payments).toEqual([]);

    const today = await statementJson(`/v1/portal/statement?as_of=${TODAY}`, session);
    expect(today.sections[0]?.invoices).toEqual([]);
    expect(today.sections[0]?.recent_payments.map((payment) => payment.payment)).toEqual([
      paymentId,
    ]);

    const beforeCredit = await statementJson('/v1/portal/statement?as_of=2026-02-28', session);
    expect(beforeCredit.sections[0]?.credits).toEqual([]);
    expect(today.sections[0]?.credits.map((credit) => credit.id)).toEqual([leftover.id]);
  });

  it('keeps one section per currency', async () => {
    const { customer, session } = await newCustomer();
    await invoiceOf(customer.id, { total: 10_000, currency: 'USD' });
    await invoiceOf(customer.id, { total: 20_000, currency: 'EUR' });
    await invoiceOf(customer.id, { total: 5_000, currency: 'EUR' });

    const statement = await statementJson('/v1/portal/statement', session);
    expect(
      statement.sections.map((section) => [
        section.currency,
        section.invoices.length,
        section.balance,
      ]),
    ).toEqual([
      ['EUR', 2, 25_000],
      ['USD', 1, 10_000],
    ]);

    const pdf = allLines(
      readPdf((await download('/v1/portal/statement.pdf', session, 'two-currencies.pdf')).bytes),
    );
    expect(pdf).toContain('EUR balance €250.00');
    expect(pdf).toContain('USD balance $100.00');
    expect(pdf.filter((line) => line.startsWith('Balance '))).toEqual([
      'Balance €250.00',
      'Balance $100.00',
    ]);

    const { bytes } = await download('/v1/portal/statement.csv', session, 'two-currencies.csv');
    const balances = csvRecords(Buffer.from(bytes).toString('utf8')).filter(
      (record) => record.type === 'balance',
    );
    expect(balances.map((record) => [record.currency, record.amount_open])).toEqual([
      ['EUR', '250.00'],
      ['USD', '100.00'],
    ]);
  });

  it('returns no sections when nothing is owed', async () => {
    const { session } = await newCustomer();
    const statement = await statementJson('/v1/portal/statement', session);
    expect(statement.sections).toEqual([]);

    const pdf = allLines(
      readPdf((await download('/v1/portal/statement.pdf', session, 'empty.pdf')).bytes),
    );
    expect(pdf).toContain('Nothing was owed and no credit was held on March 15, 2026.');
    const csv = Buffer.from(
      (await download('/v1/portal/statement.csv', session, 'empty.csv')).bytes,
    );
    expect(csv.toString('utf8')).toBe(
      'currency,type,number,issue_date,due_date,days_past_due,bucket,total,amount_open\r\n',
    );
  });

  it('rejects bad as_of values', async () => {
    const { customer, session } = await newCustomer();
    const vendorPath = `/v1/customers/${customer.id}/statement`;
    for (const path of [
      '/v1/portal/statement',
      '/v1/portal/statement.pdf',
      '/v1/portal/statement.csv',
    ]) {
      const future = await api.request('GET', `${path}?as_of=2026-03-16`, { auth: session });
      expect(future.status).toBe(400);
      expect(future.headers.get('Content-Type')).toContain('application/problem+json');
      expect(future.body).toMatchObject({ code: 'invalid_parameter', param: 'as_of' });
      expect(future.body.detail).toBe(
        "as_of 2026-03-16 is after today, 2026-03-15, in the vendor's time zone (UTC); a statement can be dated today or earlier.",
      );

      for (const malformed of ['2026-02-30', '15/03/2026', 'yesterday', '', '2026-3-1']) {
        const response = await api.request('GET', `${path}?as_of=${malformed}`, { auth: session });
        expect(response.status, malformed).toBe(400);
        expect(response.body, malformed).toMatchObject({
          code: 'validation_failed',
          param: 'as_of',
        });
      }

      const unknown = await api.request('GET', `${path}?date=2026-03-01`, { auth: session });
      expect(unknown.body).toMatchObject({ code: 'validation_failed', param: 'date' });
    }
    for (const suffix of ['', '.pdf', '.csv']) {
      const response = await api.request('GET', `${vendorPath}${suffix}?as_of=2027-01-01`, {
        auth: api.vendor.secret_key,
      });
      expect(response.body).toMatchObject({ code: 'invalid_parameter', param: 'as_of' });
      const unknown = await api.request('GET', `${vendorPath}${suffix}?date=2026-03-01`, {
        auth: api.vendor.secret_key,
      });
      expect(unknown.body).toMatchObject({ code: 'validation_failed', param: 'date' });
    }
  });

  it('dates today in the vendor’s time zone', async () => {
    const tokyo = await ApiFixture.create(db, {
      vendorName: 'Tokyo Supply',
      timeZone: 'Asia/Tokyo',
      now: '2026-03-15T16:00:00Z',
    });
    const customer = await tokyo.createCustomer();
    const session = await tokyo.createSession(customer.id);
    const response = await tokyo.request('GET', '/v1/portal/statement', { auth: session });
    expect(response.body.as_of).toBe('2026-03-16');
    const accepted = await tokyo.request('GET', '/v1/portal/statement?as_of=2026-03-16', {
      auth: session,
    });
    expect(accepted.status).toBe(200);
  });
});

describe('GET /v1/portal/statement.pdf', () => {
  it('prints the statement’s figures', async () => {
    const { customer, session } = await newCustomer('Cedar & Pine Co.');
    await db
      .updateTable('customer')
      .set({
        external_id: 'C-2048',
        billing_details: {
          contact_name: 'Sam Ortiz',
          address: {
            line1: '9 Mill Street',
            line2: null,
            city: 'Eugene',
            region: 'OR',
            postal_code: '97401',
            country: 'US',
          },
        },
      })
      .where('id', '=', customer.id)
      .execute();
    const dates = [
      ['INV-P-1', '2025-11-01', '2025-11-30', 11_111],
      ['INV-P-2', '2025-12-20', '2026-01-05', 22_222],
      ['INV-P-3', '2026-02-01', '2026-02-20', 33_333],
      ['INV-P-4', '2026-03-01', '2026-03-31', 44_444],
    ] as const;
    for (const [number, issue, due, total] of dates) {
      await invoiceOf(customer.id, { number, issue_date: issue, due_date: due, total });
    }
    const partly = await invoiceOf(customer.id, {
      number: 'INV-P-5',
      total: 5_000,
      due_date: '2026-03-01',
    });
    await payByCard(api, session, partly, 1_234);
    await writeCreditNote(db, api, {
      customer: customer.id,
      currency: 'USD',
      amount: 700,
      number: 'CN-P-1',
      issuedOn: '2026-03-02',
      createdAt: new Date('2026-03-02T12:00:00Z'),
    });

    const statement = await statementJson('/v1/portal/statement', session);
    const { response, bytes } = await download(
      '/v1/portal/statement.pdf',
      session,
      'statement.pdf',
    );
    expect(response.headers.get('Content-Type')).toBe('application/pdf');
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="acme-hardware-supply-statement-Cedar-Pine-Co-2026-03-15.pdf"',
    );

    const document = readPdf(bytes);
    const lines = allLines(document);
    const [section] = statement.sections;
    const money = (amount: number) => usMoney(amount, 'USD');
    expect(document.info.Title).toBe('Statement of Cedar & Pine Co. as of 2026-03-15');
    expect(document.pages[0]?.images).toHaveLength(1);
    expect(lines).toContain('Statement');
    expect(lines).toContain('Acme Hardware Supply Statement date March 15, 2026');
    expect(lines).toContain('100 Industrial Way Customer number C-2048');
    expect(lines).toContain('Springfield, IL 62701 Test mode');
    expect(lines).toContain('Statement for');
    expect(lines).toContain('Cedar & Pine Co.');
    expect(lines).toContain('Attn: Sam Ortiz');
    expect(lines).toContain('Eugene, OR 97401');
    expect(lines).toContain('ap@birchwood.example');
    expect(lines).toContain(`USD balance ${money(section?.balance ?? -1)}`);
    expect(lines).toContain(`${Object.values(BUCKET_HEADERS).join(' ')} Total`);
    const aging = section?.aging ?? {};
    expect(lines).toContain(
      [
        ...Object.keys(BUCKET_HEADERS).map((bucket) =>
          money(aging[bucket as keyof typeof aging] ?? -1),
        ),
        money(section?.invoices_total ?? -1),
      ].join(' '),
    );
    expect(section?.aging).toEqual({
      current: 44_444,
      '1_30': 33_333 + 3_766,
      '31_60': 0,
      '61_90': 22_222,
      over_90: 11_111,
    });
    expect(lines).toContain('Invoice Issued Due Days past due Total Open');
    for (const invoice of section?.invoices ?? []) {
      const due = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${invoice.due_date}T00:00:00Z`),
      );
      const days = invoice.days_past_due > 0 ? String(invoice.days_past_due) : 'Current';
      const row = lines.find((line) => line.startsWith(`${invoice.number} `));
      expect(row).toContain(
        ` ${due} ${days} ${money(invoice.total)} ${money(invoice.amount_open)}`,
      );
    }
    expect(lines).toContain('Credit Reference Date Amount');
    expect(lines).toContain(`Credit note CN-P-1 Mar 2, 2026 ${money(-700)}`);
    expect(lines).toContain(`Open invoices ${money(section?.invoices_total ?? -1)}`);
    expect(lines).toContain(`Credits ${money(-(section?.credits_total ?? -1))}`);
    expect(lines).toContain(`Balance ${money(section?.balance ?? -1)}`);
    expect(lines).toContain('Payments received in the last 30 days');
    const paid = section?.recent_payments[0];
    expect(paid?.amount).toBe(1_234);
    expect(
      lines.some(
        (line) => line.startsWith('Mar 15, 2026 ') && line.endsWith(` Card ${money(1_234)}`),
      ),
    ).toBe(true);
  });
});

describe('GET /v1/portal/statement.csv', () => {
  it('writes items, aging and totals', async () => {
    const { customer, session } = await newCustomer();
    const tricky = await invoiceOf(customer.id, {
      number: 'INV "7", part 2',
      total: 1_050,
      issue_date: '2026-02-01',
      due_date: '2026-02-10',
    });
    await invoiceOf(customer.id, { number: '=HYPERLINK("x")', total: 200, due_date: '2026-04-01' });
    await writeCreditNote(db, api, {
      customer: customer.id,
      currency: 'USD',
      amount: 300,
      number: 'CN-C-1',
      issuedOn: '2026-03-05',
      createdAt: new Date('2026-03-05T12:00:00Z'),
    });

    const { response, bytes } = await download(
      '/v1/portal/statement.csv',
      session,
      'statement.csv',
    );
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="acme-hardware-supply-statement-Birchwood-Builders-2026-03-15.csv"',
    );
    const text = Buffer.from(bytes).toString('utf8');
    expect(text).toContain(
      'USD,invoice,"INV ""7"", part 2",2026-02-01,2026-02-10,33,31_60,10.50,10.50\r\n',
    );
    expect(text).toContain(`USD,invoice,"'=HYPERLINK(""x"")"`);
    expect(text.endsWith('\r\n')).toBe(true);

    const records = csvRecords(text);
    expect(records.map((record) => record.type)).toEqual([
      'invoice',
      'invoice',
      'credit_note',
      'aging',
      'aging',
      'aging',
      'aging',
      'aging',
      'invoices_total',
      'credits_total',
      'balance',
    ]);
    expect(records[0]).toEqual({
      currency: 'USD',
      type: 'invoice',
      number: 'INV "7", part 2',
      issue_date: '2026-02-01',
      due_date: '2026-02-10',
      days_past_due: '33',
      bucket: '31_60',
      total: '10.50',
      amount_open: '10.50',
    });
    expect(records[2]).toMatchObject({
      type: 'credit_note',
      number: 'CN-C-1',
      issue_date: '2026-03-05',
      amount_open: '-3.00',
    });
    expect(
      records
        .filter((record) => record.type === 'aging')
        .map((record) => [record.bucket, record.amount_open]),
    ).toEqual([
      ['current', '2.00'],
      ['1_30', '0.00'],
      ['31_60', '10.50'],
      ['61_90', '0.00'],
      ['over_90', '0.00'],
    ]);
    expect(records.at(-1)).toMatchObject({ type: 'balance', amount_open: '9.50' });
    expect(tricky.number).toBe('INV "7", part 2');
  });
});

describe('GET /v1/customers/:id/statement', () => {
  it('gives the vendor the portal’s figures', async () => {
    const { customer, session } = await newCustomer();
    const invoice = await invoiceOf(customer.id, { total: 8_000 });
    const paymentId = await payByCard(api, session, invoice, 3_000);

    const portal = await statementJson('/v1/portal/statement', session);
    const vendor = await statementJson(
      `/v1/customers/${customer.id}/statement`,
      api.vendor.secret_key,
    );
    expect(vendor.sections[0]?.recent_payments[0]?.receipt_url).toBe(
      `/v1/payments/${paymentId}/receipt`,
    );
    const withoutLinks = (statement: Statement) =>
      statement.sections.map((section) => ({
        ...section,
        recent_payments: section.recent_payments.map(({ receipt_url: _, ...payment }) => payment),
      }));
    expect(withoutLinks(vendor)).toEqual(withoutLinks(portal));

    const pdf = await download(
      `/v1/customers/${customer.id}/statement.pdf?as_of=2026-03-01&locale=de-DE`,
      api.vendor.secret_key,
      'statement-de.pdf',
    );
    expect(allLines(readPdf(pdf.bytes))).toContain(
      'Acme Hardware Supply Statement date 1. März 2026',
    );
    const csv = await download(
      `/v1/customers/${customer.id}/statement.csv?as_of=2026-03-01`,
      api.vendor.secret_key,
      'statement-vendor.csv',
    );
    expect(csvRecords(Buffer.from(csv.bytes).toString('utf8')).at(-1)).toMatchObject({
      type: 'balance',
      amount_open: '80.00',
    });
  });

  it('hides other vendors’ customers', async () => {
    const other = await ApiFixture.create(db, { vendorName: 'Other Statement Vendor' });
    const stranger = await other.createCustomer();
    for (const id of [stranger.id, 'cus_unknown']) {
      for (const suffix of ['', '.pdf', '.csv']) {
        const response = await api.request('GET', `/v1/customers/${id}/statement${suffix}`, {
          auth: api.vendor.secret_key,
        });
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'customer_not_found' });
      }
    }
  });

  it('rejects a malformed locale', async () => {
    const { customer } = await newCustomer();
    const response = await api.request(
      'GET',
      `/v1/customers/${customer.id}/statement.pdf?locale=!!`,
      {
        auth: api.vendor.secret_key,
      },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_parameter', param: 'locale' });
  });
});

describe('documents in currencies without cents', () => {
  it('shows yen without decimals everywhere', async () => {
    const { customer, session } = await newCustomer('Kyoto Trading');
    const created = await invoiceOf(customer.id, {
      number: 'INV-JPY-1',
      currency: 'JPY',
      total: 1_000,
      issue_date: '2026-02-01',
      due_date: '2026-03-01',
    });
    await payByCard(api, session, created, 333);

    const halfway = await statementJson('/v1/portal/statement', session);
    expect(halfway.sections[0]).toMatchObject({
      currency: 'JPY',
      invoices: [{ total: 1_000, amount_open: 667, bucket: '1_30' }],
      aging: { '1_30': 667 },
      balance: 667,
    });
    const halfwayPdf = allLines(
      readPdf((await download('/v1/portal/statement.pdf', session, 'jpy-halfway.pdf')).bytes),
    );
    const halfwayCsv = Buffer.from(
      (await download('/v1/portal/statement.csv', session, 'jpy-halfway.csv')).bytes,
    ).toString('utf8');
    expect(halfwayPdf).toContain('JPY balance ¥667');
    expect(halfwayCsv).toContain(
      'JPY,invoice,INV-JPY-1,2026-02-01,2026-03-01,14,1_30,1000,667\r\n',
    );

    const invoicePage = await api.request<{ id: string; amount_payable: number }>(
      'GET',
      `/v1/portal/invoices/${created.id}`,
      { auth: session },
    );
    expect(invoicePage.body.amount_payable).toBe(667);
    await payByCard(api, session, invoicePage.body, 667);

    const invoice = await api.request('GET', `/v1/invoices/${created.id}`, {
      auth: api.vendor.secret_key,
    });
    expect(invoice.body).toMatchObject({
      total: 1_000,
      amount_due: 0,
      status: 'paid',
      subtotal: 1_000,
    });
    const payments = invoice.body.payments as Array<{ amount: number }>;
    expect(payments.map((payment) => payment.amount)).toEqual([333, 667]);
    for (const payment of payments) expect(Number.isInteger(payment.amount)).toBe(true);

    const invoicePdf = allLines(
      readPdf(
        (
          await download(
            `/v1/portal/invoices/${created.id}/invoice.pdf`,
            session,
            'jpy-invoice.pdf',
          )
        ).bytes,
      ),
    );
    expect(invoicePdf).toContain('Total ¥1,000');
    expect(invoicePdf).toContain('Payments applied -¥1,000');
    expect(invoicePdf).toContain('Amount due ¥0');
    expect(invoicePdf.some((line) => line.endsWith(' ¥333'))).toBe(true);
    expect(invoicePdf.some((line) => line.endsWith(' ¥667'))).toBe(true);

    const statement = await statementJson('/v1/portal/statement', session);
    expect(statement.sections[0]?.recent_payments.map((payment) => payment.amount).sort()).toEqual([
      333, 667,
    ]);
    const statementPdf = allLines(
      readPdf((await download('/v1/portal/statement.pdf', session, 'jpy-statement.pdf')).bytes),
    );
    const statementCsv = Buffer.from(
      (await download('/v1/portal/statement.csv', session, 'jpy.csv')).bytes,
    ).toString('utf8');
    expect(statementPdf).toContain('JPY balance ¥0');
    expect(statementPdf.some((line) => line.endsWith(' Card ¥333'))).toBe(true);
    expect(statementCsv).toContain('JPY,balance,,,,,,,0\r\n');

    const everything = [
      JSON.stringify(invoice.body),
      JSON.stringify(statement),
      invoicePdf.join('\n'),
      statementPdf.join('\n'),
      halfwayPdf.join('\n'),
      statementCsv,
      halfwayCsv,
    ].join('\n');
    expect(everything).not.toMatch(/¥[\d,]*\.\d/);
    expect(everything).not.toMatch(/\b(?:1000|667|333|1,000)\.\d/);
  });

  it('shows dinars with three decimals', async () => {
    const { customer, session } = await newCustomer('Gulf Fittings');
    await invoiceOf(customer.id, { number: 'INV-KWD-1', currency: 'KWD', total: 18_600 });

    const statement = await statementJson('/v1/portal/statement', session);
    expect(statement.sections[0]).toMatchObject({ currency: 'KWD', balance: 18_600 });
    const pdf = allLines(
      readPdf((await download('/v1/portal/statement.pdf', session, 'kwd.pdf')).bytes),
    );
    const csv = Buffer.from(
      (await download('/v1/portal/statement.csv', session, 'kwd.csv')).bytes,
    ).toString('utf8');
    expect(pdf).toContain('KWD balance KWD 18.600');
    expect(pdf).toContain('Balance KWD 18.600');
    expect(csv).toContain('KWD,invoice,INV-KWD-1,2026-01-01,2026-01-31,43,31_60,18.600,18.600\r\n');
    expect(csv).toContain('KWD,balance,,,,,,,18.600\r\n');
    expect(formatDecimalAmount(18_600, 'KWD')).toBe('18.600');
  });
});
