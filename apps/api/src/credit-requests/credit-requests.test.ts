import type { CreditLimit, CreditRequest, Customer, List } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { eventTypes } from '../testing/ledger-reads.js';
import { expectProblemCases, type ProblemCase } from '../testing/problem-cases.js';

/** The fields of a problem document, for helpers whose response may be an error. */
type ProblemFields = { code?: string; detail?: string; param?: string };
const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Credit Test Vendor' });
});
afterAll(() => db.destroy());

/** Creates a customer with a portal session and, when given, a credit limit set by the vendor. */
async function customerWithLimit(limit?: { amount: number; currency: string }) {
  const customer = await api.createCustomer();
  if (limit !== undefined) {
    await api.vendorCall('PATCH', `/v1/customers/${customer.id}`, { credit_limit: limit }, 200);
  }
  const session = await api.createSession(customer.id);
  return { customer, session };
}

function readCredit(session: string) {
  return api.request<CreditLimit>('GET', '/v1/portal/credit', { auth: session });
}

function askForCredit(session: string, body: unknown) {
  return api.request<CreditRequest & ProblemFields>('POST', '/v1/portal/credit_requests', {
    auth: session,
    body,
  });
}

function decide(requestId: string, decision: 'approve' | 'decline', body?: unknown) {
  return api.request<CreditRequest & ProblemFields>(
    'POST',
    `/v1/credit_requests/${requestId}/${decision}`,
    {
      auth: api.vendor.secret_key,
      ...(body === undefined ? {} : { body }),
    },
  );
}

async function customerLimit(customerId: string) {
  const response = await api.request<Customer>('GET', `/v1/customers/${customerId}`, {
    auth: api.vendor.secret_key,
  });
  return response.body.credit_limit;
}

async function creditLimitEvents(customerId: string) {
  return db
    .selectFrom('event')
    .select('data')
    .where('object_id', '=', customerId)
    .where('type', '=', 'customer.credit_limit_changed')
    .orderBy('seq')
    .execute();
}

/** Counts of everything credit routes write for the fixture's vendor, with the limits. */
async function creditSnapshot() {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events,
      (SELECT json_agg(json_build_array(id, status, amount_approved, decided_at) ORDER BY id)
        FROM credit_request WHERE vendor_id = ${api.vendor.id}) AS requests,
      (SELECT json_agg(json_build_array(id, credit_limit, credit_limit_currency) ORDER BY id)
        FROM customer WHERE vendor_id = ${api.vendor.id}) AS limits
  `.execute(db);
  return rows[0];
}

describe('GET /v1/portal/credit', () => {
  it('sums open invoices in the limit’s currency as used', async () => {
    const { customer, session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    await api.createInvoice(customer.id, { total: 120_000 });
    await api.createInvoice(customer.id, { total: 30_000 });
    await api.createInvoice(customer.id, { total: 0 });
    await api.createInvoice(customer.id, { total: 99_000, currency: 'EUR' });
    await api.createInvoice(customer.id, { total: 50_000, status: 'draft' });

    const response = await readCredit(session);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      object: 'credit_limit',
      currency: 'USD',
      limit: 500_000,
      used: 150_000,
      available: 350_000,
      requests: [],
    });
  });

  it('shows nothing available over the limit', async () => {
    const { customer, session } = await customerWithLimit({ amount: 10_000, currency: 'USD' });
    await api.createInvoice(customer.id, { total: 12_500 });

    const response = await readCredit(session);

    expect(response.body).toMatchObject({ limit: 10_000, used: 12_500, available: 0 });
  });

  it('shows no limit, no use and no currency without a limit', async () => {
    const { customer, session } = await customerWithLimit();
    await api.createInvoice(customer.id, { total: 12_500 });

    const response = await readCredit(session);

    expect(response.body).toEqual({
      object: 'credit_limit',
      currency: null,
      limit: null,
      used: 0,
      available: null,
      requests: [],
    });
  });
});

describe('credit requests', () => {
  it('approved sets the new limit the portal shows', async () => {
    const { customer, session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    await api.createInvoice(customer.id, { total: 150_000 });

    const asked = await askForCredit(session, {
      amount: 1_000_000,
      reason: 'We are opening a second warehouse.',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      object: 'credit_request',
      customer: customer.id,
      currency: 'USD',
      amount: 1_000_000,
      reason: 'We are opening a second warehouse.',
      status: 'pending',
      amount_approved: null,
      decision_note: null,
      decided_at: null,
    });
    expect((await readCredit(session)).body.requests).toEqual([asked.body]);

    api.clock.advance(60_000);
    const approved = await decide(asked.body.id, 'approve', {
      amount: 800_000,
      note: 'Approved up to 8,000 for now.',
    });

    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      amount: 1_000_000,
      amount_approved: 800_000,
      decision_note: 'Approved up to 8,000 for now.',
      decided_at: api.clock.now().toISOString(),
    });
    expect(await customerLimit(customer.id)).toEqual({ amount: 800_000, currency: 'USD' });
    const credit = await readCredit(session);
    expect(credit.body).toMatchObject({
      currency: 'USD',
      limit: 800_000,
      used: 150_000,
      available: 650_000,
    });
    expect(credit.body.requests).toEqual([approved.body]);
    expect(await eventTypes(db, asked.body.id)).toEqual([
      'credit_request.created',
      'credit_request.approved',
    ]);
    expect((await creditLimitEvents(customer.id)).map((event) => event.data)).toEqual([
      { from: null, to: { amount: 500_000, currency: 'USD' }, credit_request: null },
      {
        from: { amount: 500_000, currency: 'USD' },
        to: { amount: 800_000, currency: 'USD' },
        credit_request: asked.body.id,
      },
    ]);
  });

  it('approved without an amount grants the amount asked', async () => {
    const { customer, session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    const asked = await askForCredit(session, { amount: 750_000, reason: 'Seasonal stock.' });

    const approved = await decide(asked.body.id, 'approve');

    expect(approved.status).toBe(200);
    expect(approved.body.amount_approved).toBe(750_000);
    expect(await customerLimit(customer.id)).toEqual({ amount: 750_000, currency: 'USD' });
  });

  it('rejects an approval at or below the current limit', async () => {
    const { customer, session } = await customerWithLimit({ amount: 50_000, currency: 'USD' });
    const asked = await askForCredit(session, { amount: 150_000, reason: 'More stores.' });

    const lower = await decide(asked.body.id, 'approve', { amount: 10_000 });

    expect(lower.status).toBe(400);
    expect(lower.body).toMatchObject({ code: 'validation_failed', param: 'amount' });
    expect(lower.body.detail).toContain('500.00 USD');
    expect(await customerLimit(customer.id)).toEqual({ amount: 50_000, currency: 'USD' });
    expect((await readCredit(session)).body.requests[0]).toMatchObject({ status: 'pending' });
  });

  it('declined keeps the old limit', async () => {
    const { customer, session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    const asked = await askForCredit(session, { amount: 2_000_000, reason: 'Growth.' });

    const declined = await decide(asked.body.id, 'decline', {
      note: 'Pay the overdue invoices first.',
    });

    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      amount_approved: null,
      decision_note: 'Pay the overdue invoices first.',
    });
    expect(await customerLimit(customer.id)).toEqual({ amount: 500_000, currency: 'USD' });
    expect((await readCredit(session)).body).toMatchObject({
      limit: 500_000,
      requests: [declined.body],
    });
    expect(await creditLimitEvents(customer.id)).toHaveLength(1);
    expect(await eventTypes(db, asked.body.id)).toEqual([
      'credit_request.created',
      'credit_request.declined',
    ]);
  });

  it('refuses a second pending request', async () => {
    const { session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    const first = await askForCredit(session, { amount: 600_000, reason: 'More orders.' });
    const before = await creditSnapshot();

    const second = await askForCredit(session, { amount: 900_000, reason: 'Even more orders.' });

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'credit_request_pending' });
    expect(second.body.detail).toContain(first.body.id);
    expect(await creditSnapshot()).toEqual(before);
  });

  it('takes a new request once the last was decided', async () => {
    const { session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    const first = await askForCredit(session, { amount: 600_000, reason: 'More orders.' });
    await decide(first.body.id, 'decline');

    const second = await askForCredit(session, { amount: 550_000, reason: 'A little more.' });

    expect(second.status).toBe(201);
  });

  it('sets a first limit in the currency asked', async () => {
    const { customer, session } = await customerWithLimit();

    const asked = await askForCredit(session, {
      amount: 300_000,
      currency: 'EUR',
      reason: 'We would like to buy on terms.',
    });
    await decide(asked.body.id, 'approve');

    expect(asked.body.currency).toBe('EUR');
    expect(await customerLimit(customer.id)).toEqual({ amount: 300_000, currency: 'EUR' });
  });

  it('lists the vendor’s requests newest first with filters', async () => {
    const { customer, session } = await customerWithLimit({ amount: 1_000, currency: 'USD' });
    api.clock.advance(1_000);
    const declined = await askForCredit(session, { amount: 2_000, reason: 'First.' });
    await decide(declined.body.id, 'decline');
    api.clock.advance(1_000);
    const pending = await askForCredit(session, { amount: 3_000, reason: 'Second.' });

    const list = (query: string) =>
      api.request<List<CreditRequest>>(
        'GET',
        `/v1/credit_requests?customer=${customer.id}${query}`,
        {
          auth: api.vendor.secret_key,
        },
      );
    const first = await list('&limit=1');
    const second = await list(`&limit=1&cursor=${first.body.next_cursor}`);
    const onlyPending = await list('&status=pending');
    const retrieved = await api.request('GET', `/v1/credit_requests/${pending.body.id}`, {
      auth: api.vendor.secret_key,
    });

    expect(first.body.data.map((request) => request.id)).toEqual([pending.body.id]);
    expect(second.body.data.map((request) => request.id)).toEqual([declined.body.id]);
    expect(second.body.next_cursor).toBeNull();
    expect(onlyPending.body.data.map((request) => request.id)).toEqual([pending.body.id]);
    expect(retrieved.body).toEqual(pending.body);
  });
});

describe('bad credit requests', () => {
  it('each get their code and param and change nothing', async () => {
    const { session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });
    const withoutLimit = await customerWithLimit();
    const decided = await askForCredit(session, { amount: 600_000, reason: 'Decided.' });
    await decide(decided.body.id, 'decline');
    const pending = await askForCredit(withoutLimit.session, {
      amount: 10_000,
      currency: 'USD',
      reason: 'Pending.',
    });
    const otherVendor = await ApiFixture.create(db, { vendorName: 'Other Credit Vendor' });
    const vendor = api.vendor.secret_key;
    const before = await creditSnapshot();

    const cases: ProblemCase[] = [
      ...[
        [{ amount: 0, reason: 'x' }, 'amount_zero', 'amount'],
        [{ amount: -5, reason: 'x' }, 'amount_negative', 'amount'],
        [{ amount: 10.5, reason: 'x' }, 'validation_failed', 'amount'],
        [{ reason: 'x' }, 'validation_failed', 'amount'],
        [{ amount: 900_000 }, 'validation_failed', 'reason'],
        [{ amount: 900_000, reason: '  ' }, 'validation_failed', 'reason'],
        [{ amount: 900_000, reason: 'x', currency: 'usd' }, 'validation_failed', 'currency'],
        [{ amount: 900_000, reason: 'x', currency: 'EUR' }, 'currency_mismatch', 'currency'],
        [{ amount: 500_000, reason: 'x' }, 'validation_failed', 'amount'],
        [{ amount: 900_000, reason: 'x', urgent: true }, 'validation_failed', 'urgent'],
      ].map(([body, code, param]) => ({
        method: 'POST',
        path: '/v1/portal/credit_requests',
        auth: session,
        body,
        status: 400,
        code: code as string,
        param: param as string,
      })),
      {
        method: 'POST',
        path: '/v1/portal/credit_requests',
        auth: withoutLimit.session,
        body: { amount: 20_000, reason: 'No currency.' },
        status: 400,
        code: 'credit_limit_currency_required',
        param: 'currency',
      },
      {
        method: 'POST',
        path: '/v1/credit_requests/crq_doesNotExist/approve',
        auth: vendor,
        body: {},
        status: 404,
        code: 'credit_request_not_found',
      },
      {
        method: 'POST',
        path: `/v1/credit_requests/${pending.body.id}/approve`,
        auth: otherVendor.vendor.secret_key,
        body: {},
        status: 404,
        code: 'credit_request_not_found',
      },
      {
        method: 'POST',
        path: `/v1/credit_requests/${decided.body.id}/approve`,
        auth: vendor,
        body: {},
        status: 409,
        code: 'credit_request_not_pending',
      },
      {
        method: 'POST',
        path: `/v1/credit_requests/${decided.body.id}/decline`,
        auth: vendor,
        status: 409,
        code: 'credit_request_not_pending',
      },
      {
        method: 'POST',
        path: `/v1/credit_requests/${pending.body.id}/approve`,
        auth: vendor,
        body: { amount: 0 },
        status: 400,
        code: 'amount_zero',
        param: 'amount',
      },
      {
        method: 'POST',
        path: `/v1/credit_requests/${pending.body.id}/decline`,
        auth: vendor,
        body: { reason: 'Wrong field.' },
        status: 400,
        code: 'validation_failed',
        param: 'reason',
      },
      {
        method: 'GET',
        path: '/v1/credit_requests?status=open',
        auth: vendor,
        status: 400,
        code: 'validation_failed',
        param: 'status',
      },
      {
        method: 'GET',
        path: '/v1/credit_requests?cursor=bm90LWEtY3Vyc29y',
        auth: vendor,
        status: 400,
        code: 'invalid_cursor',
        param: 'cursor',
      },
    ];

    await expectProblemCases(api, cases);
    expect(await creditSnapshot()).toEqual(before);
  });

  it('names the current limit when the amount is not above it', async () => {
    const { session } = await customerWithLimit({ amount: 500_000, currency: 'USD' });

    const response = await askForCredit(session, { amount: 400_000, reason: 'Less?' });

    expect(response.body.detail).toBe(
      'amount must be more than the current credit limit of $5,000.00.',
    );
  });
});
