import type { PayLink, PayLinkExchange } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { eventTypes } from '../testing/ledger-reads.js';
import { expectProblem, expectProblemCases } from '../testing/problem-cases.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

type Problem = { code: string; param?: string; detail: string };

const PUBLIC_URL = 'http://127.0.0.1:4540';

beforeAll(async () => {
  api = await ApiFixture.create(db, { publicUrl: PUBLIC_URL, vendorName: 'Link Vendor' });
});
afterAll(() => db.destroy());

async function openInvoice(total = 12_345) {
  const customer = await api.createCustomer();
  const invoice = await api.createInvoice(customer.id, { total });
  return { customer, invoice };
}

function createLink(body: unknown) {
  return api.request<PayLink & Problem>('POST', '/v1/pay_links', {
    auth: api.vendor.secret_key,
    body,
  });
}

function exchange(token: string, headers: Record<string, string> = {}) {
  return api.request<PayLinkExchange & Problem>('POST', '/v1/pay_links/exchange', {
    body: { token },
    headers,
  });
}

function revoke(id: string) {
  return api.request<PayLink & Problem>('POST', `/v1/pay_links/${id}/revoke`, {
    auth: api.vendor.secret_key,
  });
}

describe('pay link vendor API', () => {
  it('creates a link with token and url', async () => {
    const { customer, invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, expires_in: 3600, max_uses: 3 });

    expect(created.status).toBe(201);
    expect(created.body.object).toBe('pay_link');
    expect(created.body.id).toMatch(/^pl_/);
    expect(created.body.token).toMatch(/^plt_[0-9A-Za-z]{43}$/);
    expect(created.body.url).toBe(`${PUBLIC_URL}/pay/${created.body.token}`);
    expect(created.body.invoice).toBe(invoice.id);
    expect(created.body.customer).toBe(customer.id);
    expect(created.body.max_uses).toBe(3);
    expect(created.body.use_count).toBe(0);
    expect(created.body.status).toBe('active');
    expect(created.body.expires_at).toBe('2026-03-15T13:00:00.000Z');
    expect(created.body.revoked_at).toBeNull();
    expect(await eventTypes(db, created.body.id)).toEqual(['pay_link.created']);
  });

  it('defaults to thirty days, unlimited uses', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id });

    expect(created.body.expires_at).toBe('2026-04-14T12:00:00.000Z');
    expect(created.body.max_uses).toBeNull();
  });

  it('retrieves without the token', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id });
    const read = await api.vendorCall<PayLink>(
      'GET',
      `/v1/pay_links/${created.body.id}`,
      undefined,
      200,
    );

    expect(read.id).toBe(created.body.id);
    expect(read.token).toBeNull();
    expect(read.url).toBeNull();
    expect(read.status).toBe('active');
  });

  it('lists the links of one invoice', async () => {
    const { invoice } = await openInvoice();
    const { invoice: other } = await openInvoice();
    const first = await createLink({ invoice: invoice.id });
    const second = await createLink({ invoice: invoice.id });
    await createLink({ invoice: other.id });

    const page = await api.vendorCall<{ data: PayLink[]; next_cursor: string | null }>(
      'GET',
      `/v1/pay_links?invoice=${invoice.id}`,
      undefined,
      200,
    );
    expect(page.data.map((link) => link.id).sort()).toEqual([first.body.id, second.body.id].sort());
    expect(page.data.every((link) => link.token === null)).toBe(true);

    const firstPage = await api.vendorCall<{ data: PayLink[]; next_cursor: string | null }>(
      'GET',
      `/v1/pay_links?invoice=${invoice.id}&limit=1`,
      undefined,
      200,
    );
    expect(firstPage.data).toHaveLength(1);
    const nextPage = await api.vendorCall<{ data: PayLink[]; next_cursor: string | null }>(
      'GET',
      `/v1/pay_links?invoice=${invoice.id}&limit=1&cursor=${firstPage.next_cursor}`,
      undefined,
      200,
    );
    expect(nextPage.data).toHaveLength(1);
    expect(nextPage.data[0]?.id).not.toBe(firstPage.data[0]?.id);
  });

  it('rejects void and paid invoices', async () => {
    const { invoice } = await openInvoice();
    await api.vendorCall('POST', `/v1/invoices/${invoice.id}/void`, undefined, 200);
    const forVoid = await createLink({ invoice: invoice.id });
    expectProblem(forVoid, { status: 409, code: 'invoice_not_payable', param: 'invoice' }, 'void');
    expect(forVoid.body.detail).toContain('void');

    const { invoice: paid } = await openInvoice(500);
    const session = await api.createSession(paid.customer);
    const card = await api.createCard(session);
    const payment = await api.pay(session, card, [{ invoice: paid.id, amount: 500 }]);
    expect(payment.status).toBe(201);
    const forPaid = await createLink({ invoice: paid.id });
    expectProblem(forPaid, { status: 409, code: 'invoice_not_payable', param: 'invoice' }, 'paid');
  });

  it('rejects bad requests with problems', async () => {
    const { invoice } = await openInvoice();
    const auth = api.vendor.secret_key;
    await expectProblemCases(api, [
      {
        method: 'POST',
        path: '/v1/pay_links',
        auth,
        body: {},
        status: 400,
        code: 'validation_failed',
        param: 'invoice',
      },
      {
        method: 'POST',
        path: '/v1/pay_links',
        auth,
        body: { invoice: 'inv_missing' },
        status: 404,
        code: 'invoice_not_found',
        param: 'invoice',
      },
      {
        method: 'POST',
        path: '/v1/pay_links',
        auth,
        body: { invoice: invoice.id, expires_in: 10 },
        status: 400,
        code: 'validation_failed',
        param: 'expires_in',
      },
      {
        method: 'POST',
        path: '/v1/pay_links',
        auth,
        body: { invoice: invoice.id, max_uses: 0 },
        status: 400,
        code: 'validation_failed',
        param: 'max_uses',
      },
      {
        method: 'POST',
        path: '/v1/pay_links',
        auth,
        body: { invoice: invoice.id, color: 'red' },
        status: 400,
        code: 'validation_failed',
        param: 'color',
      },
      {
        method: 'GET',
        path: '/v1/pay_links/pl_missing',
        auth,
        status: 404,
        code: 'pay_link_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: '/v1/pay_links/pl_missing/revoke',
        auth,
        status: 404,
        code: 'pay_link_not_found',
        param: 'id',
      },
      {
        method: 'GET',
        path: '/v1/pay_links?invoice=cus_wrong',
        auth,
        status: 400,
        code: 'validation_failed',
        param: 'invoice',
      },
      {
        method: 'GET',
        path: '/v1/pay_links?cursor=garbage',
        auth,
        status: 400,
        code: 'invalid_cursor',
        param: 'cursor',
      },
    ]);
    const links = await db
      .selectFrom('pay_link')
      .select('id')
      .where('invoice_id', '=', invoice.id)
      .execute();
    expect(links).toEqual([]);
  });

  it('hides other vendors links', async () => {
    const other = await ApiFixture.create(db, {
      publicUrl: PUBLIC_URL,
      vendorName: 'Other Vendor',
    });
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id });

    const read = await other.request<Problem>('GET', `/v1/pay_links/${created.body.id}`, {
      auth: other.vendor.secret_key,
    });
    expectProblem(read, { status: 404, code: 'pay_link_not_found', param: 'id' }, 'foreign link');
    const forForeignInvoice = await other.request<Problem>('POST', '/v1/pay_links', {
      auth: other.vendor.secret_key,
      body: { invoice: invoice.id },
    });
    expectProblem(
      forForeignInvoice,
      { status: 404, code: 'invoice_not_found', param: 'invoice' },
      'foreign invoice',
    );
  });
});

describe('pay link exchange', () => {
  it('makes a pay-only session for the invoice', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, max_uses: 2 });
    const exchanged = await exchange(created.body.token ?? '', { Origin: PUBLIC_URL });

    expect(exchanged.status).toBe(201);
    expect(exchanged.body.session).toMatch(/^pst_/);
    expect(exchanged.body.invoice).toBe(invoice.id);
    expect(exchanged.body.expires_at).toBe('2026-03-15T13:00:00.000Z');

    const session = await db
      .selectFrom('portal_session')
      .select(['features', 'invoice_id', 'pay_link_id', 'allowed_origin'])
      .where('pay_link_id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(session.features).toEqual(['pay']);
    expect(session.invoice_id).toBe(invoice.id);
    expect(session.allowed_origin).toBeNull();

    const read = await api.vendorCall<PayLink>(
      'GET',
      `/v1/pay_links/${created.body.id}`,
      undefined,
      200,
    );
    expect(read.use_count).toBe(1);
    expect(await eventTypes(db, created.body.id)).toEqual(['pay_link.created', 'pay_link.used']);

    const summary = await api.request<{ features: string[] }>('GET', '/v1/portal/session', {
      auth: exchanged.body.session,
      headers: { Origin: PUBLIC_URL },
    });
    expect(summary.status).toBe(200);
    expect(summary.body.features).toEqual(['pay']);
  });

  it('ends the session with the link', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, expires_in: 600 });
    const exchanged = await exchange(created.body.token ?? '');

    expect(exchanged.body.expires_at).toBe('2026-03-15T12:10:00.000Z');
  });

  it('rejects an expired link', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, expires_in: 60 });
    api.clock.advance(61_000);
    try {
      const exchanged = await exchange(created.body.token ?? '');
      expectProblem(exchanged, { status: 410, code: 'pay_link_expired' }, 'expired');
      const read = await api.vendorCall<PayLink>(
        'GET',
        `/v1/pay_links/${created.body.id}`,
        undefined,
        200,
      );
      expect(read.status).toBe('expired');
      expect(read.use_count).toBe(0);
    } finally {
      api.clock.advance(-61_000);
    }
  });

  it('rejects a used-up link', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, max_uses: 1 });
    expect((await exchange(created.body.token ?? '')).status).toBe(201);

    const second = await exchange(created.body.token ?? '');
    expectProblem(second, { status: 410, code: 'pay_link_used_up' }, 'used up');
    const read = await api.vendorCall<PayLink>(
      'GET',
      `/v1/pay_links/${created.body.id}`,
      undefined,
      200,
    );
    expect(read.status).toBe('used_up');
    expect(read.use_count).toBe(1);
  });

  it('counts concurrent uses once each', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, max_uses: 3 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => exchange(created.body.token ?? '')),
    );

    expect(results.filter((result) => result.status === 201)).toHaveLength(3);
    expect(results.filter((result) => result.body.code === 'pay_link_used_up')).toHaveLength(5);
    const sessions = await db
      .selectFrom('portal_session')
      .select('id')
      .where('pay_link_id', '=', created.body.id)
      .execute();
    expect(sessions).toHaveLength(3);
  });

  it('rejects a revoked link and its sessions', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id });
    const exchanged = await exchange(created.body.token ?? '');
    const before = await api.request('GET', `/v1/portal/invoices/${invoice.id}`, {
      auth: exchanged.body.session,
    });
    expect(before.status).toBe(200);

    const revoked = await revoke(created.body.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect(revoked.body.revoked_at).toBe('2026-03-15T12:00:00.000Z');

    // Other API processes drop the session from their caches when PostgreSQL delivers the
    // revocation notice, milliseconds after the commit; this process does the same.
    await vi.waitFor(
      async () => {
        // From the hosted page, whose origin no vendor lists, the reason is still readable.
        const after = await api.request<Problem>('GET', `/v1/portal/invoices/${invoice.id}`, {
          auth: exchanged.body.session,
          headers: { Origin: PUBLIC_URL },
        });
        expectProblem(after, { status: 401, code: 'session_invalid' }, 'session after revoke');
      },
      { timeout: 1_000, interval: 20 },
    );
    const again = await exchange(created.body.token ?? '');
    expectProblem(again, { status: 410, code: 'pay_link_revoked' }, 'exchange after revoke');
    expect(await eventTypes(db, created.body.id)).toEqual([
      'pay_link.created',
      'pay_link.used',
      'pay_link.revoked',
    ]);

    const twice = await revoke(created.body.id);
    expect(twice.status).toBe(200);
    expect(await eventTypes(db, created.body.id)).toHaveLength(3);
  });

  it('rejects a voided invoice', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id, max_uses: 1 });
    await api.vendorCall('POST', `/v1/invoices/${invoice.id}/void`, undefined, 200);

    const exchanged = await exchange(created.body.token ?? '');
    expectProblem(exchanged, { status: 409, code: 'invoice_not_payable' }, 'void invoice');
    const read = await api.vendorCall<PayLink>(
      'GET',
      `/v1/pay_links/${created.body.id}`,
      undefined,
      200,
    );
    expect(read.use_count).toBe(0);
  });

  it('rejects bad tokens and origins', async () => {
    const { invoice } = await openInvoice();
    const created = await createLink({ invoice: invoice.id });

    expectProblem(
      await exchange('plt_unknown'),
      { status: 404, code: 'pay_link_invalid', param: 'token' },
      'unknown',
    );
    expectProblem(
      await exchange('pst_wrongKind'),
      { status: 404, code: 'pay_link_invalid', param: 'token' },
      'session token',
    );
    const noToken = await api.request<Problem>('POST', '/v1/pay_links/exchange', { body: {} });
    expectProblem(
      noToken,
      { status: 400, code: 'validation_failed', param: 'token' },
      'missing token',
    );
    const foreign = await exchange(created.body.token ?? '', {
      Origin: 'https://billing.example.com',
    });
    expectProblem(foreign, { status: 403, code: 'origin_not_allowed' }, 'vendor origin');

    const read = await api.vendorCall<PayLink>(
      'GET',
      `/v1/pay_links/${created.body.id}`,
      undefined,
      200,
    );
    expect(read.use_count).toBe(0);
  });
});
