import type { Invoice, PayLinkExchange, Payment, PortalSession } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { expectProblem } from '../testing/problem-cases.js';
import { INVOICE_SESSION_ROUTES } from './invoice-session-guard.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

type Problem = { code: string; param?: string; detail: string };

/** A customer with two open invoices and a session made by a pay link for the first. */
interface LimitedCase {
  customerId: string;
  linked: Invoice;
  other: Invoice;
  /** The pay link's session. */
  session: string;
  /** A full session of the same customer. */
  fullSession: string;
}

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Guard Vendor' });
});
afterAll(() => db.destroy());

async function limitedCase(): Promise<LimitedCase> {
  const customer = await api.createCustomer();
  const linked = await api.createInvoice(customer.id, { total: 4_000 });
  const other = await api.createInvoice(customer.id, { total: 7_000 });
  const link = await api.vendorCall<{ token: string }>(
    'POST',
    '/v1/pay_links',
    { invoice: linked.id },
    201,
  );
  const exchanged = await api.request<PayLinkExchange>('POST', '/v1/pay_links/exchange', {
    body: { token: link.token },
  });
  return {
    customerId: customer.id,
    linked,
    other,
    session: exchanged.body.session,
    fullSession: await api.createSession(customer.id),
  };
}

function get<T = Record<string, unknown>>(session: string, path: string) {
  return api.request<T & Problem>('GET', `/v1/portal${path}`, { auth: session });
}

describe('invoice-limited portal session', () => {
  it('lists only its invoice', async () => {
    const limited = await limitedCase();
    for (const status of ['open', 'all']) {
      const list = await get<{ data: Invoice[] }>(limited.session, `/invoices?status=${status}`);
      expect(list.status, status).toBe(200);
      expect(
        list.body.data.map((invoice) => invoice.id),
        status,
      ).toEqual([limited.linked.id]);
    }
    const paid = await get<{ data: Invoice[] }>(limited.session, '/invoices?status=paid');
    expect(paid.body.data).toEqual([]);
    const bad = await get(limited.session, '/invoices?status=everything');
    expectProblem(bad, { status: 400, code: 'invalid_parameter', param: 'status' }, 'bad status');

    const full = await get<{ data: Invoice[] }>(limited.fullSession, '/invoices?status=open');
    expect(full.body.data).toHaveLength(2);
  });

  it('reads its invoice, not another', async () => {
    const limited = await limitedCase();
    const own = await get<Invoice>(limited.session, `/invoices/${limited.linked.id}`);
    expect(own.status).toBe(200);
    expect(own.body.amount_due).toBe(4_000);

    for (const path of [
      `/invoices/${limited.other.id}`,
      `/invoices/${limited.other.id}/invoice.pdf`,
    ]) {
      const other = await get(limited.session, path);
      expectProblem(other, { status: 403, code: 'session_limited_to_invoice' }, path);
      expect(other.body.detail).toContain(limited.linked.id);
    }
  });

  it('shows the balance of its invoice', async () => {
    const limited = await limitedCase();
    const summary = await get<PortalSession>(limited.session, '/session');

    expect(summary.body.features).toEqual(['pay']);
    expect(summary.body.balances).toEqual([
      {
        currency: 'USD',
        amount_due: 4_000,
        amount_pending: 0,
        open_count: 1,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 0,
      },
    ]);
    const full = await get<PortalSession>(limited.fullSession, '/session');
    expect(full.body.balances[0]?.amount_due).toBe(11_000);
  });

  it('pays its invoice alone', async () => {
    const limited = await limitedCase();
    const card = await api.createCard(limited.session);
    const cases: Array<{ body: Record<string, unknown>; param: string }> = [
      {
        body: { payment_method: card, invoices: [{ invoice: limited.other.id, amount: 7_000 }] },
        param: 'invoices',
      },
      {
        body: {
          payment_method: card,
          invoices: [
            { invoice: limited.linked.id, amount: 4_000 },
            { invoice: limited.other.id, amount: 7_000 },
          ],
        },
        param: 'invoices',
      },
      { body: { payment_method: card, amount: 11_000, currency: 'USD' }, param: 'amount' },
      { body: { payment_method: card, pay_all: true, currency: 'USD' }, param: 'pay_all' },
      {
        body: {
          payment_method: card,
          invoices: [{ invoice: limited.linked.id, amount: 4_000 }],
          apply_credit: true,
        },
        param: 'apply_credit',
      },
    ];
    for (const entry of cases) {
      const label = JSON.stringify(entry.body);
      const refused = await api.postPayment<Problem>(limited.session, entry.body);
      expectProblem(
        refused,
        { status: 403, code: 'session_limited_to_invoice', param: entry.param },
        label,
      );
      const preview = await api.request<Problem>('POST', '/v1/portal/payments/preview', {
        auth: limited.session,
        body: { ...entry.body, payment_method: undefined },
      });
      expectProblem(
        preview,
        { status: 403, code: 'session_limited_to_invoice', param: entry.param },
        `preview ${label}`,
      );
    }
    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', limited.customerId)
      .execute();
    expect(payments).toEqual([]);

    const paid = await api.pay(limited.session, card, [
      { invoice: limited.linked.id, amount: 4_000 },
    ]);
    expect(paid.status).toBe(201);
    const invoice = await get<Invoice>(limited.session, `/invoices/${limited.linked.id}`);
    expect(invoice.body.status).toBe('paid');
  });

  it('rejects saved methods and saving', async () => {
    const limited = await limitedCase();
    const saved = await api.saveCard(limited.fullSession);

    const methods = await get<{ data: unknown[] }>(limited.session, '/payment_methods');
    expect(methods.status).toBe(200);
    expect(methods.body.data).toEqual([]);
    const withSaved = await api.pay(limited.session, saved, [
      { invoice: limited.linked.id, amount: 4_000 },
    ]);
    expectProblem(
      withSaved,
      { status: 403, code: 'session_limited_to_invoice', param: 'payment_method' },
      'saved card',
    );
    const save = await api.request<Problem>('POST', '/v1/portal/payment_methods/sandbox', {
      auth: limited.session,
      body: {
        card: { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' },
        save: true,
      },
    });
    expectProblem(save, { status: 403, code: 'feature_disabled' }, 'save card');
  });

  it('shows only payments of its invoice', async () => {
    const limited = await limitedCase();
    const fullCard = await api.createCard(limited.fullSession);
    const otherPayment = await api.pay(limited.fullSession, fullCard, [
      { invoice: limited.other.id, amount: 7_000 },
    ]);
    const card = await api.createCard(limited.session);
    const paid = await api.payPartly(limited.session, card, [
      { invoice: limited.linked.id, amount: 1_000 },
    ]);
    expect(paid.status).toBe(201);
    const ownId = String(paid.body.id);
    const otherId = String(otherPayment.body.id);

    const list = await get<{ data: Payment[] }>(limited.session, '/payments');
    expect(list.body.data.map((payment) => payment.id)).toEqual([ownId]);
    for (const path of [`/payments/${ownId}`, `/payments/${ownId}/receipt`]) {
      expect((await get(limited.session, path)).status, path).toBe(200);
    }
    for (const path of [
      `/payments/${otherId}`,
      `/payments/${otherId}/receipt`,
      `/payments/${otherId}/receipt.pdf`,
    ]) {
      expectProblem(
        await get(limited.session, path),
        { status: 404, code: 'payment_not_found' },
        path,
      );
    }
  });

  it('rejects every unlisted portal route', async () => {
    const limited = await limitedCase();
    const unlisted: Array<[string, string]> = [
      ['GET', '/statement'],
      ['GET', '/statement.pdf'],
      ['GET', '/threads'],
      ['GET', '/credit_notes'],
      ['GET', '/payment_notices'],
      ['GET', '/credit'],
      ['GET', '/billing_details'],
      ['GET', '/autopay'],
      ['POST', '/credit_applications'],
      ['POST', '/payment_notices'],
      ['POST', `/invoices/${limited.linked.id}/threads`],
      ['DELETE', '/payment_methods/pm_any'],
      ['GET', '/subscriptions'],
    ];
    for (const [method, path] of unlisted) {
      const response = await api.request<Problem>(method, `/v1/portal${path}`, {
        auth: limited.session,
        body: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      expectProblem(
        response,
        { status: 403, code: 'session_limited_to_invoice' },
        `${method} ${path}`,
      );
    }
  });

  it('leaves full sessions alone', async () => {
    const limited = await limitedCase();
    for (const path of [
      '/statement',
      '/threads',
      '/credit_notes',
      `/invoices/${limited.other.id}`,
    ]) {
      expect((await get(limited.fullSession, path)).status, path).toBe(200);
    }
  });

  it('lists only portal routes that exist', () => {
    const portalRoutes = new Set(
      api.app.routes
        .filter((route) => route.path.startsWith('/v1/portal/'))
        .map((route) => `${route.method} ${route.path.slice('/v1/portal'.length)}`),
    );
    // Stripe and Plaid routes exist only when their keys are set, which this app lacks.
    const providerOnly = ['/payment_methods/stripe', '/payment_methods/plaid', '/plaid/link_token'];
    for (const route of INVOICE_SESSION_ROUTES) {
      if (providerOnly.includes(route.path)) continue;
      expect(portalRoutes.has(`${route.method} ${route.path}`), route.path).toBe(true);
    }
  });
});
