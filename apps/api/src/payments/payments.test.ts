import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { claimIdempotencyKey, hashRequest } from '../idempotency/index.js';
import { eventTypes } from '../testing/ledger-reads.js';

const db = connectDatabase(inject('databaseUrl'), { max: 25 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Payments Test Vendor' });
});
afterAll(() => db.destroy());

/** Creates a customer with a session and a 4242 card. */
async function payer() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const card = await api.createCard(session);
  return { customer, session, card };
}

async function invoiceState(invoiceId: string) {
  return db
    .selectFrom('invoice')
    .select(['status', 'amount_due', 'amount_pending', 'paid_at'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
}

describe('POST /v1/portal/payments', () => {
  it('pays an invoice in two parts', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const first = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 4_000 }]);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('succeeded');
    expect(first.body.amount).toBe(4_000);
    expect(first.body.method_details).toEqual({ type: 'card', brand: 'visa', last4: '4242' });
    expect(await invoiceState(invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '6000',
      amount_pending: '0',
      paid_at: null,
    });

    const second = await api.pay(session, card, [{ invoice: invoice.id, amount: 6_000 }]);
    expect(second.status).toBe(201);
    const after = await invoiceState(invoice.id);
    expect(after).toMatchObject({ status: 'paid', amount_due: '0', amount_pending: '0' });
    expect(after.paid_at).toEqual(api.clock.now());

    const read = await api.request('GET', `/v1/portal/invoices/${invoice.id}`, { auth: session });
    expect(read.body.status).toBe('paid');
    expect(read.body.payments).toEqual([
      expect.objectContaining({ payment: first.body.id, amount: 4_000, status: 'succeeded' }),
      expect.objectContaining({ payment: second.body.id, amount: 6_000, status: 'succeeded' }),
    ]);
    expect(await eventTypes(db, invoice.id)).toEqual([
      'invoice.created',
      'invoice.payment_pending',
      'invoice.payment_applied',
      'invoice.payment_pending',
      'invoice.paid',
    ]);
    expect(await eventTypes(db, second.body.id as string)).toEqual([
      'payment.created',
      'payment.succeeded',
    ]);
  });

  it('pays two invoices at once', async () => {
    const { customer, session, card } = await payer();
    const a = await api.createInvoice(customer.id, { total: 2_500 });
    const b = await api.createInvoice(customer.id, { total: 7_000 });

    const response = await api.payPartly(session, card, [
      { invoice: a.id, amount: 2_500 },
      { invoice: b.id, amount: 3_000 },
    ]);

    expect(response.status).toBe(201);
    expect(response.body.amount).toBe(5_500);
    expect(response.body.currency).toBe('USD');
    expect(response.body.applications).toEqual(
      expect.arrayContaining([
        { invoice: a.id, invoice_number: a.number, amount: 2_500, amount_reversed: 0 },
        { invoice: b.id, invoice_number: b.number, amount: 3_000, amount_reversed: 0 },
      ]),
    );
    expect(await invoiceState(a.id)).toMatchObject({ status: 'paid', amount_due: '0' });
    expect(await invoiceState(b.id)).toMatchObject({ status: 'open', amount_due: '4000' });
  });

  it('never applies more than the total under 20 concurrent payments', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.payPartly(session, card, [{ invoice: invoice.id, amount: 3_000 }]),
      ),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(
      Array(17).fill('amount_exceeds_payable'),
    );
    const { rows } = await sql<{
      applied: string;
      total: string;
      amount_due: string;
      amount_pending: string;
    }>`
      SELECT coalesce(sum(a.amount) FILTER (WHERE p.status = 'succeeded'), 0) AS applied,
             i.total, i.amount_due, i.amount_pending
      FROM invoice i
      LEFT JOIN payment_application a ON a.invoice_id = i.id
      LEFT JOIN payment p ON p.id = a.payment_id
      WHERE i.id = ${invoice.id}
      GROUP BY i.id`.execute(db);
    expect(rows[0]).toEqual({
      applied: '9000',
      total: '10000',
      amount_due: '1000',
      amount_pending: '0',
    });
  });

  it('charges once for an Idempotency-Key sent twice', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 5_000 });
    const key = crypto.randomUUID();

    const first = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 1_000 }], key);
    const second = await api.payPartly(
      session,
      card,
      [{ invoice: invoice.id, amount: 1_000 }],
      key,
    );

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(payments).toEqual([{ id: first.body.id }]);
    expect(await invoiceState(invoice.id)).toMatchObject({ amount_due: '4000' });
  });
});

describe('test cards', () => {
  it.each([
    ['4242 4242 4242 4242', 'visa', '4242'],
    ['5555 5555 5555 4444', 'mastercard', '4444'],
  ])('%s succeeds', async (number, brand, last4) => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session, number);
    const invoice = await api.createInvoice(customer.id, { total: 1_200 });

    const response = await api.pay(session, card, [{ invoice: invoice.id, amount: 1_200 }]);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'succeeded',
      failure_code: null,
      method_details: { type: 'card', brand, last4 },
    });
    expect(await invoiceState(invoice.id)).toMatchObject({ status: 'paid', amount_due: '0' });
  });

  it.each([
    ['4000 0000 0000 0002', 'card_declined'],
    ['4000 0000 0000 9995', 'insufficient_funds'],
    ['4000 0000 0000 0069', 'expired_card'],
    ['4000 0000 0000 0127', 'incorrect_cvc'],
  ])('%s fails with %s', async (number, code) => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session, number);
    const invoice = await api.createInvoice(customer.id, { total: 1_200 });

    const response = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 500 }]);

    expect(response.status).toBe(402);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code, decline_code: code, status: 402 });
    const paymentId = response.body.payment as string;
    const payment = await db
      .selectFrom('payment')
      .select(['status', 'failure_code', 'failure_message', 'method_last4'])
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({
      status: 'failed',
      failure_code: code,
      method_last4: number.slice(-4),
    });
    expect(payment.failure_message).toBeTruthy();
    expect(await invoiceState(invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '1200',
      amount_pending: '0',
    });
    expect(await eventTypes(db, paymentId)).toEqual(['payment.created', 'payment.failed']);

    const read = await api.request('GET', `/v1/portal/payments/${paymentId}`, { auth: session });
    expect(read.body).toMatchObject({ status: 'failed', failure_code: code });
  });

  it('rejects a card number that is not a test card', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);

    const response = await api.request('POST', '/v1/portal/payment_methods/sandbox', {
      auth: session,
      body: { card: { number: '4111 1111 1111 1112', exp_month: 12, exp_year: 2034, cvc: '123' } },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'card_not_test_card', param: 'card.number' });
    const methods = await db
      .selectFrom('payment_method')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(methods).toEqual([]);
  });

  it('stores brand and last four, never the number', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session, '4000 0000 0000 0002');

    const row = await db
      .selectFrom('payment_method')
      .selectAll()
      .where('id', '=', card)
      .executeTakeFirstOrThrow();

    expect(row).toMatchObject({
      brand: 'visa',
      last4: '0002',
      provider: 'sandbox',
      provider_ref: 'card_declined',
    });
    expect(JSON.stringify(row)).not.toContain('4000000000000002');
    const events = await db
      .selectFrom('event')
      .select('data')
      .where('object_id', '=', card)
      .execute();
    expect(JSON.stringify(events)).not.toContain('4000000000000002');
  });
});

describe('bad payment requests', () => {
  /** Sends `body` for a fresh customer's 10,000 USD invoice and checks nothing changed. */
  async function rejectWithoutChange(
    build: (ids: { invoice: string; euroInvoice: string; card: string }) => {
      body: unknown;
      headers?: Record<string, string>;
      auth?: string;
    },
  ) {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const euroInvoice = await api.createInvoice(customer.id, { total: 10_000, currency: 'EUR' });
    const eventsBefore = await db
      .selectFrom('event')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();

    const request = build({ invoice: invoice.id, euroInvoice: euroInvoice.id, card });
    const response = await api.request('POST', '/v1/portal/payments', {
      auth: request.auth ?? session,
      body: request.body,
      headers: { 'Idempotency-Key': crypto.randomUUID(), ...request.headers },
    });

    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(payments).toEqual([]);
    expect(await invoiceState(invoice.id)).toMatchObject({
      amount_due: '10000',
      amount_pending: '0',
    });
    const eventsAfter = await db
      .selectFrom('event')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(eventsAfter.n).toBe(eventsBefore.n);
    return response;
  }

  it.each([
    [0, 'amount_zero', 400],
    [-100, 'amount_negative', 400],
    [10_001, 'amount_exceeds_payable', 409],
  ])('amount %i answers %s', async (amount, code, status) => {
    const response = await rejectWithoutChange(({ invoice, card }) => ({
      body: { payment_method: card, invoices: [{ invoice, amount }] },
    }));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, param: 'invoices[0].amount' });
  });

  it('mixed currencies answer currency_mismatch', async () => {
    const response = await rejectWithoutChange(({ invoice, euroInvoice, card }) => ({
      body: {
        payment_method: card,
        invoices: [
          { invoice, amount: 100 },
          { invoice: euroInvoice, amount: 100 },
        ],
      },
    }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'currency_mismatch',
      param: 'invoices[1].invoice',
    });
  });

  it('an invoice listed twice answers duplicate_invoice', async () => {
    const response = await rejectWithoutChange(({ invoice, card }) => ({
      body: {
        payment_method: card,
        invoices: [
          { invoice, amount: 100 },
          { invoice, amount: 100 },
        ],
      },
    }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'duplicate_invoice',
      param: 'invoices[1].invoice',
    });
  });

  it('an unknown invoice answers invoice_not_found', async () => {
    const response = await rejectWithoutChange(({ invoice, card }) => ({
      body: {
        payment_method: card,
        invoices: [
          { invoice, amount: 100 },
          { invoice: 'inv_doesNotExist000000', amount: 100 },
        ],
      },
    }));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'invoice_not_found',
      param: 'invoices[1].invoice',
    });
  });

  it('an expired session answers session_expired', async () => {
    const customer = await api.createCustomer();
    const expired = await api.createSession(customer.id, { expires_in: 60 });
    api.clock.advance(61_000);
    try {
      const response = await rejectWithoutChange(({ invoice, card }) => ({
        auth: expired,
        body: { payment_method: card, invoices: [{ invoice, amount: 100 }] },
      }));
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'session_expired' });
    } finally {
      api.clock.advance(-61_000);
    }
  });

  it('a foreign origin answers origin_not_allowed', async () => {
    const response = await rejectWithoutChange(({ invoice, card }) => ({
      headers: { Origin: 'https://evil.example.net' },
      body: { payment_method: card, invoices: [{ invoice, amount: 100 }] },
    }));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'origin_not_allowed' });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('malformed JSON answers malformed_json', async () => {
    const response = await rejectWithoutChange(({ invoice, card }) => ({
      body: `{"payment_method": "${card}", "invoices": [{"invoice": "${invoice}", "amount": 100}`,
    }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'malformed_json' });
  });

  it('a missing Idempotency-Key answers idempotency_key_missing', async () => {
    const response = await rejectWithoutChange(({ invoice, card }) => ({
      headers: { 'Idempotency-Key': '' },
      body: { payment_method: card, invoices: [{ invoice, amount: 100 }] },
    }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'idempotency_key_missing' });
  });

  it('an unknown payment method answers payment_method_not_found', async () => {
    const response = await rejectWithoutChange(({ invoice }) => ({
      body: { payment_method: 'pm_doesNotExist0000000', invoices: [{ invoice, amount: 100 }] },
    }));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'payment_method_not_found',
      param: 'payment_method',
    });
  });

  it('the same key with another body answers idempotency_key_reused', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const key = crypto.randomUUID();
    const first = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 1_000 }], key);
    expect(first.status).toBe(201);

    const second = await api.payPartly(
      session,
      card,
      [{ invoice: invoice.id, amount: 2_000 }],
      key,
    );

    expect(second.status).toBe(422);
    expect(second.body).toMatchObject({ code: 'idempotency_key_reused' });
    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(await invoiceState(invoice.id)).toMatchObject({
      amount_due: '9000',
      amount_pending: '0',
    });
  });

  it('a key still in flight answers idempotency_key_in_use', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const key = crypto.randomUUID();
    const body = { payment_method: card, invoices: [{ invoice: invoice.id, amount: 1_000 }] };
    await claimIdempotencyKey(db, api.clock, {
      scope: `customer:${customer.id}`,
      key,
      requestHash: hashRequest('POST', '/v1/portal/payments', body),
    });

    const response = await api.pay(session, card, body.invoices, key);

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'idempotency_key_in_use' });
    expect(await invoiceState(invoice.id)).toMatchObject({ amount_due: '10000' });
  });

  it('a key is free again after a rejected request', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const key = crypto.randomUUID();

    const rejected = await api.pay(session, card, [{ invoice: invoice.id, amount: 20_000 }], key);
    const retried = await api.pay(session, card, [{ invoice: invoice.id, amount: 20_000 }], key);

    expect(rejected.body.code).toBe('amount_exceeds_payable');
    expect(retried.body.code).toBe('amount_exceeds_payable');
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('the same key is separate for another customer', async () => {
    const one = await payer();
    const two = await payer();
    const invoiceOne = await api.createInvoice(one.customer.id, { total: 1_000 });
    const invoiceTwo = await api.createInvoice(two.customer.id, { total: 1_000 });
    const key = crypto.randomUUID();

    const first = await api.pay(
      one.session,
      one.card,
      [{ invoice: invoiceOne.id, amount: 1_000 }],
      key,
    );
    const second = await api.pay(
      two.session,
      two.card,
      [{ invoice: invoiceTwo.id, amount: 1_000 }],
      key,
    );

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
  });
});

describe('another customer', () => {
  it("gets exactly the unknown invoice's answer", async () => {
    const owner = await payer();
    const other = await payer();
    const invoice = await api.createInvoice(owner.customer.id, { total: 1_000 });
    const unknownId = 'inv_AAAAAAAAAAAAAAAAAAAA';

    const foreign = await api.request('GET', `/v1/portal/invoices/${invoice.id}`, {
      auth: other.session,
    });
    const unknown = await api.request('GET', `/v1/portal/invoices/${unknownId}`, {
      auth: other.session,
    });

    expect(foreign.status).toBe(404);
    const strip = (body: Record<string, unknown>, id: string) =>
      JSON.parse(JSON.stringify({ ...body, request_id: undefined }).replaceAll(id, 'ID'));
    expect(strip(foreign.body, invoice.id)).toEqual(strip(unknown.body, unknownId));
    expect(foreign.body.code).toBe('invoice_not_found');

    const payForeign = await api.pay(other.session, other.card, [
      { invoice: invoice.id, amount: 100 },
    ]);
    const payUnknown = await api.pay(other.session, other.card, [
      { invoice: unknownId, amount: 100 },
    ]);
    expect(payForeign.status).toBe(404);
    expect(strip(payForeign.body, invoice.id)).toEqual(strip(payUnknown.body, unknownId));
  });

  it("gets exactly the unknown payment's answer", async () => {
    const owner = await payer();
    const other = await payer();
    const invoice = await api.createInvoice(owner.customer.id, { total: 1_000 });
    const paid = await api.pay(owner.session, owner.card, [{ invoice: invoice.id, amount: 1_000 }]);
    const paymentId = paid.body.id as string;
    const unknownId = 'pay_AAAAAAAAAAAAAAAAAAAA';

    const foreign = await api.request('GET', `/v1/portal/payments/${paymentId}`, {
      auth: other.session,
    });
    const unknown = await api.request('GET', `/v1/portal/payments/${unknownId}`, {
      auth: other.session,
    });

    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, request_id: 0, detail: 0 }).toEqual({
      ...unknown.body,
      request_id: 0,
      detail: 0,
    });
    expect(foreign.body.detail).toBe((unknown.body.detail as string).replace(unknownId, paymentId));
  });

  it('cannot pay with a payment method of another customer', async () => {
    const owner = await payer();
    const other = await payer();
    const invoice = await api.createInvoice(other.customer.id, { total: 1_000 });

    const response = await api.pay(other.session, owner.card, [
      { invoice: invoice.id, amount: 100 },
    ]);

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('payment_method_not_found');
  });
});

describe('GET /v1/portal/payments', () => {
  it('lists payments newest first with cursors', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      api.clock.advance(1_000);
      const response = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 100 }]);
      ids.push(response.body.id as string);
    }

    const first = await api.request<{ data: Array<{ id: string }>; next_cursor: string }>(
      'GET',
      '/v1/portal/payments?limit=2',
      { auth: session },
    );
    const second = await api.request<{ data: Array<{ id: string }>; next_cursor: string }>(
      'GET',
      `/v1/portal/payments?limit=2&cursor=${first.body.next_cursor}`,
      { auth: session },
    );
    const third = await api.request<{ data: Array<{ id: string }>; next_cursor: string | null }>(
      'GET',
      `/v1/portal/payments?limit=2&cursor=${second.body.next_cursor}`,
      { auth: session },
    );

    const listed = [...first.body.data, ...second.body.data, ...third.body.data].map((p) => p.id);
    expect(listed).toEqual([...ids].reverse());
    expect(third.body.next_cursor).toBeNull();
  });
});

describe('rate limits', () => {
  it('answer 429 rate_limited with Retry-After past the per-session limit', async () => {
    const limited = await ApiFixture.create(db, {
      vendorName: 'Rate Limited Vendor',
      now: '2026-03-15T12:00:10Z',
      rateLimits: {
        perSession: { limit: 2, windowMs: 60_000 },
        perAddress: { limit: 100, windowMs: 60_000 },
      },
    });
    const customer = await limited.createCustomer();
    const session = await limited.createSession(customer.id);
    const card = await limited.createCard(session);
    const invoice = await limited.createInvoice(customer.id, { total: 1_000 });

    const allowed = await limited.payPartly(session, card, [{ invoice: invoice.id, amount: 100 }]);
    const refused = await limited.payPartly(session, card, [{ invoice: invoice.id, amount: 100 }]);

    expect(allowed.status).toBe(201);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers.get('Retry-After')).toBe('50');
    expect(await invoiceState(invoice.id)).toMatchObject({ amount_due: '900' });

    limited.clock.advance(50_000);
    const nextWindow = await limited.payPartly(session, card, [
      { invoice: invoice.id, amount: 100 },
    ]);
    expect(nextWindow.status).toBe(201);
  });

  it('count every session of one address against the per-address limit', async () => {
    const limited = await ApiFixture.create(db, {
      vendorName: 'Address Limited Vendor',
      rateLimits: {
        perSession: { limit: 100, windowMs: 60_000 },
        perAddress: { limit: 3, windowMs: 60_000 },
      },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const customer = await limited.createCustomer();
      const session = await limited.createSession(customer.id);
      const response = await limited.request('POST', '/v1/portal/payment_methods/sandbox', {
        auth: session,
        body: { card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
