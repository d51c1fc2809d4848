import type { Payment, PaymentPreview, PaymentSetup } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { eventTypes, invoiceState } from '../testing/ledger-reads.js';

// Short pay, the minimum charge, whole-yen amounts and bad requests of POST
// /v1/portal/payments and its preview.

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Payment Rules Vendor' });
});
afterAll(() => db.destroy());

type PaymentResponse = Payment & { code?: string; param?: string; detail?: string };

async function payer() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const card = await api.createCard(session);
  return { customer, session, card };
}

function postPayment(session: string, body: Record<string, unknown>, key?: string) {
  return api.postPayment<PaymentResponse>(session, body, key);
}

function preview(session: string, body: Record<string, unknown>) {
  return api.request<PaymentPreview & { code?: string; param?: string }>(
    'POST',
    '/v1/portal/payments/preview',
    { auth: session, body },
  );
}

async function paymentCount(customerId: string) {
  const rows = await db
    .selectFrom('payment')
    .select('id')
    .where('customer_id', '=', customerId)
    .execute();
  return rows.length;
}

async function lastEventData(objectId: string, type: string) {
  const row = await db
    .selectFrom('event')
    .select('data')
    .where('object_id', '=', objectId)
    .where('type', '=', type)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  return row.data;
}

describe('short pay', () => {
  it('requires a reason to pay an invoice partly', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const response = await postPayment(session, {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount: 7_000 }],
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'short_pay_reason_required',
      param: 'short_pay.reason',
    });
    expect(response.body.detail).toContain('"Pricing disagreement"');
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
    expect(await paymentCount(customer.id)).toBe(0);
  });

  it('stores the reason and sends it in the event', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const response = await postPayment(session, {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount: 7_000 }],
      short_pay: { reason: 'Goods damaged or missing', note: 'Two crates arrived broken.' },
    });

    expect(response.status).toBe(201);
    expect(response.body.short_pay).toEqual({
      reason: 'Goods damaged or missing',
      note: 'Two crates arrived broken.',
    });
    const row = await db
      .selectFrom('payment')
      .select(['short_pay_reason', 'short_pay_note'])
      .where('id', '=', response.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      short_pay_reason: 'Goods damaged or missing',
      short_pay_note: 'Two crates arrived broken.',
    });
    const created = await lastEventData(response.body.id, 'payment.created');
    expect(created.short_pay).toEqual({
      reason: 'Goods damaged or missing',
      note: 'Two crates arrived broken.',
    });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 3_000, pending: 0 });
  });

  it('rejects a reason the vendor does not list', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const response = await postPayment(session, {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount: 7_000 }],
      short_pay: { reason: 'Cash flow' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'short_pay.reason' });
    expect(response.body.detail).toContain(
      '"Pricing disagreement", "Goods damaged or missing", "Service not received", "Tax exemption", "Other"',
    );
    expect(await paymentCount(customer.id)).toBe(0);
  });

  it('stores no reason on a payment in full', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const response = await postPayment(session, {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount: 10_000 }],
      short_pay: { reason: 'Other' },
    });

    expect(response.status).toBe(201);
    expect(response.body.short_pay).toBeNull();
  });

  it('rejects a reason with an amount', async () => {
    const { customer, session, card } = await payer();
    await api.createInvoice(customer.id, { total: 10_000 });

    const response = await postPayment(session, {
      payment_method: card,
      amount: 4_000,
      currency: 'USD',
      short_pay: { reason: 'Other' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'short_pay' });
  });

  it('is flagged by the preview instead of refused', async () => {
    const { customer, session } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const response = await preview(session, { invoices: [{ invoice: invoice.id, amount: 7_000 }] });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ short_pay_required: true, amount_to_charge: 7_000 });
  });
});

describe('minimum charge', () => {
  it('rejects an amount below the minimum and reserves nothing', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const key = crypto.randomUUID();

    const response = await postPayment(
      session,
      { payment_method: card, amount: 30, currency: 'USD' },
      key,
    );

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'amount_below_minimum', param: 'amount' });
    expect(response.body.detail).toBe(
      'The smallest card payment in USD is $0.50, and this one would charge $0.30; pay at least $0.50.',
    );
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
    expect(await paymentCount(customer.id)).toBe(0);
    expect(await eventTypes(db, invoice.id)).toEqual(['invoice.created']);

    // The key was released, so the corrected request may reuse it.
    const corrected = await postPayment(
      session,
      { payment_method: card, amount: 50, currency: 'USD' },
      key,
    );
    expect(corrected.status).toBe(201);
    expect(corrected.body.amount).toBe(50);
  });

  it('names the minimum in yen without decimals', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 1_000, currency: 'JPY' });

    const response = await postPayment(session, {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount: 40 }],
      short_pay: { reason: 'Other' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'amount_below_minimum', param: 'invoices' });
    expect(response.body.detail).toContain('¥50');
    expect(response.body.detail).toContain('¥40');
  });

  it('is checked by the preview with a payment method', async () => {
    const { customer, session, card } = await payer();
    await api.createInvoice(customer.id, { total: 10_000 });

    const without = await preview(session, { amount: 20, currency: 'USD' });
    const withCard = await preview(session, { amount: 20, currency: 'USD', payment_method: card });

    expect(without.status).toBe(200);
    expect(without.body.amount_to_charge).toBe(20);
    expect(withCard.status).toBe(400);
    expect(withCard.body).toMatchObject({ code: 'amount_below_minimum', param: 'amount' });
  });

  it('is listed per currency in payment setup', async () => {
    const { session } = await payer();

    const response = await api.request<PaymentSetup>('GET', '/v1/portal/payment_setup', {
      auth: session,
    });

    expect(response.status).toBe(200);
    expect(response.body.minimum_charge).toMatchObject({
      USD: 50,
      EUR: 50,
      GBP: 30,
      JPY: 50,
      MXN: 1_000,
    });
  });
});

describe('whole yen', () => {
  it('pays 1,000 yen as 333 then 667', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 1_000, currency: 'JPY' });

    const first = await postPayment(session, {
      payment_method: card,
      amount: 333,
      currency: 'JPY',
    });
    const second = await postPayment(session, {
      payment_method: card,
      amount: 667,
      currency: 'JPY',
    });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.body.applications).toEqual([
      { invoice: invoice.id, invoice_number: invoice.number, amount: 333, amount_reversed: 0 },
    ]);
    expect(second.body.applications).toEqual([
      { invoice: invoice.id, invoice_number: invoice.number, amount: 667, amount_reversed: 0 },
    ]);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    const rows = await db
      .selectFrom('payment_application')
      .select('amount')
      .where('invoice_id', '=', invoice.id)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.amount)).toEqual(['333', '667']);
    const read = await api.request<{ amount_due: number; payments: Array<{ amount: number }> }>(
      'GET',
      `/v1/portal/invoices/${invoice.id}`,
      { auth: session },
    );
    expect(read.body.amount_due).toBe(0);
    expect(read.body.payments.map((line) => line.amount)).toEqual([333, 667]);
  });
});

describe('bad payment targets', () => {
  // `INVOICE` stands for 40.00 of the customer's one open invoice of 100.00.
  it.each<[string, string, string, Record<string, unknown>]>([
    [
      'both invoices and amount',
      'validation_failed',
      'invoices',
      { invoices: 'INVOICE', amount: 100, currency: 'USD' },
    ],
    ['no target', 'validation_failed', 'invoices', {}],
    ['amount without currency', 'validation_failed', 'currency', { amount: 100 }],
    ['pay_all without currency', 'validation_failed', 'currency', { pay_all: true }],
    [
      'currency with invoices',
      'validation_failed',
      'currency',
      { invoices: 'INVOICE', currency: 'USD' },
    ],
    ['amount of zero', 'amount_zero', 'amount', { amount: 0, currency: 'USD' }],
    ['negative amount', 'amount_negative', 'amount', { amount: -5, currency: 'USD' }],
    ['fractional amount', 'validation_failed', 'amount', { amount: 1.5, currency: 'USD' }],
    ['lowercase currency', 'validation_failed', 'currency', { amount: 100, currency: 'usd' }],
    ['pay_all of false', 'validation_failed', 'pay_all', { pay_all: false, currency: 'USD' }],
    [
      'apply_credit as text',
      'validation_failed',
      'apply_credit',
      { amount: 100, currency: 'USD', apply_credit: 'yes' },
    ],
    [
      'empty reason',
      'validation_failed',
      'short_pay.reason',
      { invoices: 'INVOICE', short_pay: { reason: '' } },
    ],
    [
      'unknown short_pay field',
      'validation_failed',
      'short_pay.why',
      { invoices: 'INVOICE', short_pay: { reason: 'Other', why: 'x' } },
    ],
    ['nothing open in EUR', 'nothing_to_pay', 'currency', { pay_all: true, currency: 'EUR' }],
  ])('%s answers %s on %s', async (_case, code, param, fields) => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const body: Record<string, unknown> = { payment_method: card, ...fields };
    if (body.invoices === 'INVOICE') body.invoices = [{ invoice: invoice.id, amount: 4_000 }];

    const response = await postPayment(session, body);
    const previewed = await preview(session, { ...body, payment_method: undefined });

    expect(response.body).toMatchObject({ code, param });
    expect(previewed.body).toMatchObject({ code, param });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
    expect(await paymentCount(customer.id)).toBe(0);
  });

  it('an unknown method in a preview answers payment_method_not_found', async () => {
    const { customer, session } = await payer();
    await api.createInvoice(customer.id, { total: 10_000 });

    const response = await preview(session, {
      amount: 1_000,
      currency: 'USD',
      payment_method: 'pm_doesNotExist0000000',
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'payment_method_not_found',
      param: 'payment_method',
    });
  });
});
