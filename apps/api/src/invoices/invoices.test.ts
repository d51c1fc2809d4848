import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { postInvoiceFor } from './invoice-test-kit.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;
let customerId: string;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Invoice Test Vendor' });
  customerId = (await api.createCustomer({ external_id: 'C-100' })).id;
});
afterAll(() => db.destroy());

function postInvoice(fields: Record<string, unknown>) {
  return postInvoiceFor(api, customerId, fields);
}

describe('POST /v1/invoices', () => {
  it('totals the lines', async () => {
    const response = await postInvoice({
      number: 'INV-TOTAL-1',
      lines: [
        { description: 'Bolts', quantity: 3, unit_amount: 1_250 },
        { description: 'Delivery', unit_amount: 999 },
      ],
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      object: 'invoice',
      number: 'INV-TOTAL-1',
      customer: customerId,
      status: 'open',
      total: 4_749,
      amount_due: 4_749,
      amount_pending: 0,
      amount_payable: 4_749,
      overdue: false,
      paid_at: null,
    });
    expect(response.body.lines).toEqual([
      { description: 'Bolts', quantity: 3, unit_amount: 1_250, amount: 3_750 },
      { description: 'Delivery', quantity: 1, unit_amount: 999, amount: 999 },
    ]);
    const read = await api.request('GET', `/v1/invoices/${response.body.id}`, {
      auth: api.vendor.secret_key,
    });
    expect(read.body).toEqual({ ...response.body, payments: [] });
  });

  it('rejects a total above the maximum amount', async () => {
    const response = await postInvoice({
      lines: [{ description: 'Everything', quantity: 1_000_000, unit_amount: 2_000_000_000 }],
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'amount_too_large',
      param: 'lines[0].unit_amount',
    });
  });

  it('rejects a number the vendor already used', async () => {
    await postInvoice({ number: 'INV-DUP' });
    const response = await postInvoice({ number: 'INV-DUP' });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'invoice_number_exists', param: 'number' });
  });

  it('allows the same number at another vendor', async () => {
    await postInvoice({ number: 'INV-SHARED' });
    const other = await ApiFixture.create(db, { vendorName: 'Second Invoice Vendor' });
    const otherCustomer = await other.createCustomer();

    const invoice = await other.createInvoice(otherCustomer.id, { number: 'INV-SHARED' });

    expect(invoice.number).toBe('INV-SHARED');
  });

  it("rejects another vendor's customer with customer_not_found", async () => {
    const other = await ApiFixture.create(db, { vendorName: 'Third Invoice Vendor' });
    const foreignCustomer = await other.createCustomer();

    const response = await postInvoice({ customer: foreignCustomer.id });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'customer_not_found', param: 'customer' });
  });

  it('rejects a due date before the issue date', async () => {
    const response = await postInvoice({ issue_date: '2026-03-10', due_date: '2026-03-09' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'due_date' });
  });

  it('rejects an impossible date', async () => {
    const response = await postInvoice({ due_date: '2026-02-30' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'due_date' });
  });

  it('creates an open invoice of zero as paid', async () => {
    const response = await postInvoice({ lines: [{ description: 'Free sample', unit_amount: 0 }] });

    expect(response.body).toMatchObject({ status: 'paid', total: 0, amount_due: 0 });
    expect(response.body.paid_at).toBe(api.clock.now().toISOString());
  });

  it('records an invoice.created event', async () => {
    const response = await postInvoice({});

    const events = await db
      .selectFrom('event')
      .select(['type', 'vendor_id', 'livemode'])
      .where('object_id', '=', response.body.id as string)
      .execute();
    expect(events).toEqual([
      { type: 'invoice.created', vendor_id: api.vendor.id, livemode: false },
    ]);
  });
});

describe('POST /v1/invoices/:id/void', () => {
  it('voids an open invoice', async () => {
    const invoice = await api.createInvoice(customerId);

    const response = await api.request('POST', `/v1/invoices/${invoice.id}/void`, {
      auth: api.vendor.secret_key,
    });

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('void');
  });

  it('refuses an invoice that is not draft or open', async () => {
    const invoice = await api.createInvoice(customerId);
    await api.request('POST', `/v1/invoices/${invoice.id}/void`, { auth: api.vendor.secret_key });

    const again = await api.request('POST', `/v1/invoices/${invoice.id}/void`, {
      auth: api.vendor.secret_key,
    });

    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invoice_not_open');
  });

  it('refuses an invoice with a payment applied', async () => {
    const invoice = await api.createInvoice(customerId, { total: 1_000 });
    const session = await api.createSession(customerId);
    const card = await api.createCard(session);
    await api.payPartly(session, card, [{ invoice: invoice.id, amount: 400 }]);

    const response = await api.request('POST', `/v1/invoices/${invoice.id}/void`, {
      auth: api.vendor.secret_key,
    });

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('invoice_has_payments');
    const row = await db
      .selectFrom('invoice')
      .select('status')
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });
});

describe('GET /v1/invoices', () => {
  it('lists a customer by status, newest due date first, page by page', async () => {
    const customer = await api.createCustomer();
    const dues = ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10'];
    for (const due of dues) {
      await api.createInvoice(customer.id, { issue_date: '2026-01-01', due_date: due });
    }
    const draft = await api.createInvoice(customer.id, { status: 'draft' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `customer=${customer.id}&status=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.request<{
        data: Array<{ due_date: string; id: string }>;
        next_cursor: string | null;
      }>('GET', `/v1/invoices?${query}`, { auth: api.vendor.secret_key });
      seen.push(...page.body.data.map((invoice) => invoice.due_date));
      expect(page.body.data.map((invoice) => invoice.id)).not.toContain(draft.id);
      cursor = page.body.next_cursor;
    } while (cursor !== null);

    expect(seen).toEqual([...dues].reverse());
  });

  it('rejects a cursor it did not make with invalid_cursor', async () => {
    const response = await api.request('GET', '/v1/invoices?cursor=bm90LWEtY3Vyc29y', {
      auth: api.vendor.secret_key,
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_cursor', param: 'cursor' });
  });

  it('rejects a limit above 100', async () => {
    const response = await api.request('GET', '/v1/invoices?limit=101', {
      auth: api.vendor.secret_key,
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'limit' });
  });
});

describe('customers', () => {
  it('are created and read back', async () => {
    const created = await api.createCustomer({
      name: 'Globex',
      email: 'ap@globex.example',
      locale: 'es',
    });

    const read = await api.request('GET', `/v1/customers/${created.id}`, {
      auth: api.vendor.secret_key,
    });

    expect(read.status).toBe(200);
    expect(read.body).toEqual(created);
    expect(created).toMatchObject({
      object: 'customer',
      name: 'Globex',
      email: 'ap@globex.example',
      livemode: false,
    });
  });

  it('reject a taken external_id with customer_exists', async () => {
    const response = await api.request('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body: { name: 'Again', external_id: 'C-100' },
    });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'customer_exists', param: 'external_id' });
  });
});
