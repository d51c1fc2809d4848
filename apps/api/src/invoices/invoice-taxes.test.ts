import { InvoiceSchema } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { postInvoiceFor } from './invoice-test-kit.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;
let customerId: string;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Invoice Tax Vendor' });
  customerId = (await api.createCustomer()).id;
});
afterAll(() => db.destroy());

function postInvoice(fields: Record<string, unknown>) {
  return postInvoiceFor(api, customerId, fields);
}

describe('invoice taxes', () => {
  it('adds taxes to the lines’ total', async () => {
    const response = await postInvoice({
      lines: [
        { description: 'Bolts', quantity: 3, unit_amount: 1_250 },
        { description: 'Delivery', unit_amount: 999 },
      ],
      taxes: [
        { description: 'State sales tax 6.25%', amount: 297 },
        { description: 'County tax 1%', amount: 47 },
      ],
    });

    expect(response.status).toBe(201);
    const invoice = InvoiceSchema.parse(response.body);
    expect(invoice.subtotal).toBe(4_749);
    expect(invoice.taxes).toEqual([
      { description: 'State sales tax 6.25%', amount: 297 },
      { description: 'County tax 1%', amount: 47 },
    ]);
    expect(invoice.total).toBe(5_093);
    expect(invoice.amount_due).toBe(5_093);
    expect(invoice.amount_payable).toBe(5_093);
  });

  it('reads back subtotal and taxes', async () => {
    const created = await postInvoice({
      lines: [{ description: 'Lumber', quantity: 2, unit_amount: 5_000 }],
      taxes: [{ description: 'VAT 20%', amount: 2_000 }],
    });
    const path = `/v1/invoices/${created.body.id}`;

    const vendorRead = await api.request('GET', path, { auth: api.vendor.secret_key });
    const session = await api.createSession(customerId);
    const portalRead = await api.request('GET', `/v1/portal/invoices/${created.body.id}`, {
      auth: session,
    });

    for (const read of [vendorRead, portalRead]) {
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        total: 12_000,
        subtotal: 10_000,
        taxes: [{ description: 'VAT 20%', amount: 2_000 }],
      });
    }
    const rows = await db
      .selectFrom('invoice_tax')
      .select(['position', 'description', 'amount'])
      .where('invoice_id', '=', created.body.id as string)
      .execute();
    expect(rows).toEqual([{ position: 0, description: 'VAT 20%', amount: '2000' }]);
  });

  it('reads an untaxed invoice with no taxes', async () => {
    const created = await postInvoice({});
    const read = await api.request('GET', `/v1/invoices/${created.body.id}`, {
      auth: api.vendor.secret_key,
    });

    expect(created.body).toMatchObject({ subtotal: 100, taxes: [], total: 100 });
    expect(read.body).toMatchObject({ subtotal: 100, taxes: [], total: 100 });
  });

  it('puts taxes in the invoice.created event', async () => {
    const created = await postInvoice({ taxes: [{ description: 'GST', amount: 5 }] });
    const event = await db
      .selectFrom('event')
      .select('data')
      .where('object_id', '=', created.body.id as string)
      .where('type', '=', 'invoice.created')
      .executeTakeFirstOrThrow();

    expect(event.data).toMatchObject({
      total: 105,
      subtotal: 100,
      taxes: [{ description: 'GST', amount: 5 }],
    });
  });

  it('rejects taxes that pass the maximum total', async () => {
    const response = await postInvoice({
      lines: [{ description: 'Everything', quantity: 1, unit_amount: 1_000_000_000_000_000 }],
      taxes: [{ description: 'Tax', amount: 1 }],
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'amount_too_large', param: 'taxes[0].amount' });
    const stored = await db
      .selectFrom('invoice')
      .select('id')
      .where('vendor_id', '=', api.vendor.id)
      .where('total', '>', '1000000000000000')
      .execute();
    expect(stored).toEqual([]);
  });

  it('rejects a negative tax', async () => {
    const response = await postInvoice({ taxes: [{ description: 'Refund', amount: -5 }] });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'taxes[0].amount' });
  });

  it('rejects a tax without a description', async () => {
    const response = await postInvoice({ taxes: [{ description: ' ', amount: 5 }] });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      param: 'taxes[0].description',
    });
  });
});
