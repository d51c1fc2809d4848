import { PORTAL_FEATURES, type PortalFeature } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { invoiceState } from '../testing/ledger-reads.js';
import { FEATURE_ROUTES } from './portal-features.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Feature Test Vendor' });
});
afterAll(() => db.destroy());

/** Returns every feature except `off`. */
function allBut(off: PortalFeature): PortalFeature[] {
  return PORTAL_FEATURES.filter((feature) => feature !== off);
}

/**
 * Everything a portal request of `customerId` could change: the vendor's event count and
 * the customer's rows in each table the guarded routes write.
 */
async function customerSnapshot(customerId: string) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events,
      (SELECT row_to_json(c) FROM customer c WHERE c.id = ${customerId}) AS customer,
      (SELECT json_agg(i ORDER BY i.id) FROM invoice i WHERE i.customer_id = ${customerId})
        AS invoices,
      (SELECT count(*) FROM payment WHERE customer_id = ${customerId}) AS payments,
      (SELECT json_agg(m ORDER BY m.id) FROM payment_method m WHERE m.customer_id = ${customerId})
        AS payment_methods,
      (SELECT row_to_json(a) FROM autopay a WHERE a.customer_id = ${customerId}) AS autopay,
      (SELECT count(*) FROM invoice_thread WHERE customer_id = ${customerId}) AS threads,
      (SELECT count(*) FROM thread_message m JOIN invoice_thread t ON t.id = m.thread_id
        WHERE t.customer_id = ${customerId}) AS messages,
      (SELECT count(*) FROM credit_request WHERE customer_id = ${customerId}) AS credit_requests
  `.execute(db);
  return rows[0];
}

describe('portal session features', () => {
  it('refuses a payment without pay and changes nothing', async () => {
    const customer = await api.createCustomer();
    const invoice = await api.createInvoice(customer.id, { total: 4_200 });
    const full = await api.createSession(customer.id);
    const card = await api.createCard(full);
    const withoutPay = await api.createSession(customer.id, { features: allBut('pay') });
    const before = await customerSnapshot(customer.id);

    const response = await api.pay(withoutPay, card, [{ invoice: invoice.id, amount: 4_200 }]);

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'feature_disabled', status: 403 });
    expect(response.body.param).toBeUndefined();
    expect(response.body.detail).toBe(
      'The vendor turned off the "pay" feature (paying invoices) for this portal. Ask the vendor if you need it.',
    );
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 4_200, pending: 0 });
    expect(await customerSnapshot(customer.id)).toEqual(before);
  });

  it('refuses every guarded route of a feature turned off', async () => {
    const customer = await api.createCustomer();
    const invoice = await api.createInvoice(customer.id, { total: 9_000 });
    const full = await api.createSession(customer.id);
    const saved = await api.saveCard(full);
    const thread = await api.request<{ id: string }>(
      'POST',
      `/v1/portal/invoices/${invoice.id}/threads`,
      { auth: full, body: { kind: 'question', message: 'Which order is this for?' } },
    );
    expect(thread.status).toBe(201);
    const card = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };
    const payment = {
      payment_method: saved,
      invoices: [{ invoice: invoice.id, amount: 9_000 }],
    };

    const cases: Array<{ feature: PortalFeature; method: string; path: string; body?: unknown }> = [
      { feature: 'pay', method: 'POST', path: '/payments/preview', body: payment },
      {
        feature: 'pay',
        method: 'POST',
        path: '/credit_applications',
        body: { invoices: [{ invoice: invoice.id, amount: 100 }] },
      },
      {
        feature: 'pay',
        method: 'POST',
        path: '/payment_notices',
        body: { method: 'check', invoices: [{ invoice: invoice.id, amount: 9_000 }] },
      },
      {
        feature: 'pay',
        method: 'POST',
        path: '/payments/pay_unknown/sandbox_challenge',
        body: { result: 'succeed' },
      },
      { feature: 'statements', method: 'GET', path: '/statement' },
      { feature: 'statements', method: 'GET', path: '/statement.pdf?as_of=2026-03-01' },
      { feature: 'statements', method: 'GET', path: '/statement.csv' },
      {
        feature: 'disputes',
        method: 'POST',
        path: `/invoices/${invoice.id}/threads`,
        body: { kind: 'dispute', reason: 'duplicate', message: 'Billed twice.' },
      },
      {
        feature: 'disputes',
        method: 'POST',
        path: `/threads/${thread.body.id}/messages`,
        body: { message: 'Any news?' },
      },
      { feature: 'credit_requests', method: 'GET', path: '/credit' },
      {
        feature: 'credit_requests',
        method: 'POST',
        path: '/credit_requests',
        body: { amount: 500_000, currency: 'USD', reason: 'Larger orders next quarter.' },
      },
      { feature: 'billing_details', method: 'GET', path: '/billing_details' },
      {
        feature: 'billing_details',
        method: 'PUT',
        path: '/billing_details',
        body: { contact_name: 'Dana Payables' },
      },
      { feature: 'autopay', method: 'GET', path: '/autopay' },
      {
        feature: 'autopay',
        method: 'PUT',
        path: '/autopay',
        body: { enabled: true, payment_method: saved, mandate: { accepted: true } },
      },
      { feature: 'payment_methods', method: 'DELETE', path: `/payment_methods/${saved}` },
      { feature: 'payment_methods', method: 'POST', path: `/payment_methods/${saved}/default` },
      { feature: 'payment_methods', method: 'POST', path: '/setup_intents', body: {} },
      {
        feature: 'payment_methods',
        method: 'POST',
        path: '/payment_methods/sandbox',
        body: { card, save: true },
      },
    ];

    const sessions = new Map<PortalFeature, string>();
    for (const feature of new Set(cases.map((entry) => entry.feature))) {
      sessions.set(feature, await api.createSession(customer.id, { features: allBut(feature) }));
    }
    const before = await customerSnapshot(customer.id);

    for (const entry of cases) {
      const label = `${entry.method} ${entry.path} without ${entry.feature}`;
      const response = await api.request(entry.method, `/v1/portal${entry.path}`, {
        auth: sessions.get(entry.feature) as string,
        ...(entry.body === undefined ? {} : { body: entry.body }),
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      expect(response.status, label).toBe(403);
      expect(response.body.code, label).toBe('feature_disabled');
      expect(response.body.detail, label).toContain(`"${entry.feature}" feature`);
    }
    expect(await customerSnapshot(customer.id)).toEqual(before);
  });

  it('guards each route of the feature table', () => {
    const guarded = FEATURE_ROUTES.map((route) => `${route.feature} ${route.method} ${route.path}`);
    expect(guarded).toEqual([
      'pay POST /payments',
      'pay POST /payments/preview',
      'pay POST /credit_applications',
      'pay POST /payment_notices',
      'pay POST /payments/:id/sandbox_challenge',
      'autopay GET /autopay',
      'autopay PUT /autopay',
      'payment_methods DELETE /payment_methods/:id',
      'payment_methods POST /payment_methods/:id/default',
      'payment_methods POST /setup_intents',
      'statements GET /statement',
      'statements GET /statement.pdf',
      'statements GET /statement.csv',
      'disputes POST /invoices/:id/threads',
      'disputes POST /threads/:id/messages',
      'credit_requests GET /credit',
      'credit_requests POST /credit_requests',
      'billing_details GET /billing_details',
      'billing_details PUT /billing_details',
      'subscriptions GET /subscriptions',
      'subscriptions GET /subscriptions/:id',
      'subscriptions GET /subscription_options',
      'subscriptions POST /subscriptions/:id/preview',
      'subscriptions POST /subscriptions/:id/change',
      'subscriptions POST /subscriptions/:id/cancel',
      'subscriptions POST /subscriptions/:id/resume',
      'subscriptions POST /subscriptions/:id/pause',
      'subscriptions POST /subscriptions/:id/unpause',
    ]);
  });

  it('keeps reading and one-off cards open without features', async () => {
    const customer = await api.createCustomer();
    const invoice = await api.createInvoice(customer.id);
    const session = await api.createSession(customer.id, { features: [] });

    const reads = await Promise.all(
      ['/session', '/invoices', `/invoices/${invoice.id}`, '/payments', '/threads'].map((path) =>
        api.request('GET', `/v1/portal${path}`, { auth: session }),
      ),
    );
    const oneOff = await api.request('POST', '/v1/portal/payment_methods/sandbox', {
      auth: session,
      body: { card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' } },
    });

    expect(reads.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(reads[0]?.body.features).toEqual([]);
    expect(oneOff.status).toBe(201);
  });

  it('serves only the features given', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id, { features: ['billing_details'] });

    const details = await api.request('GET', '/v1/portal/billing_details', { auth: session });
    const credit = await api.request('GET', '/v1/portal/credit', { auth: session });

    expect(details.status).toBe(200);
    expect(credit.status).toBe(403);
  });
});

describe('GET /v1/portal/session features', () => {
  it('returns the features the session was given', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id, {
      features: ['statements', 'pay', 'statements'],
    });

    const response = await api.request('GET', '/v1/portal/session', { auth: session });

    expect(response.status).toBe(200);
    expect(response.body.features).toEqual(['pay', 'statements']);
  });

  it('returns every feature when the session named none', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);

    const response = await api.request('GET', '/v1/portal/session', { auth: session });

    expect(response.body.features).toEqual([...PORTAL_FEATURES]);
  });
});

describe('POST /v1/portal_sessions features', () => {
  it('rejects an unknown feature naming the choices', async () => {
    const customer = await api.createCustomer();

    const response = await api.request('POST', '/v1/portal_sessions', {
      auth: api.vendor.secret_key,
      body: { customer: customer.id, features: ['pay', 'refunds'] },
    });
    const sessions = await db
      .selectFrom('portal_session')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'features[1]' });
    expect(response.body.detail).toBe(
      `features[1] must be one of ${PORTAL_FEATURES.map((feature) => `"${feature}"`).join(', ')}.`,
    );
    expect(sessions).toEqual([]);
  });

  it('records the features in the created event', async () => {
    const customer = await api.createCustomer();
    const created = await api.vendorCall<{ id: string; features: string[] }>(
      'POST',
      '/v1/portal_sessions',
      { customer: customer.id, features: ['disputes', 'pay'] },
      201,
    );
    const event = await db
      .selectFrom('event')
      .select('data')
      .where('object_id', '=', created.id)
      .where('type', '=', 'portal_session.created')
      .executeTakeFirstOrThrow();

    expect(created.features).toEqual(['pay', 'disputes']);
    expect(event.data.features).toEqual(['pay', 'disputes']);
  });
});
