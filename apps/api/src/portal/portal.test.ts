import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { customerInvoicesQuery } from '../invoices/invoice-list.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;

beforeAll(async () => {
  // At 12:00 UTC on 15 March it is already 16 March in Auckland (UTC+13).
  api = await ApiFixture.create(db, {
    vendorName: 'Portal Test Vendor',
    timeZone: 'Pacific/Auckland',
    now: '2026-03-15T12:00:00Z',
  });
});
afterAll(() => db.destroy());

type Page = {
  data: Array<{ id: string; due_date: string; status: string; overdue: boolean }>;
  next_cursor: string | null;
};

async function listAll(session: string, status: string, limit = 2) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `status=${status}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await api.request<Page>('GET', `/v1/portal/invoices?${query}`, { auth: session });
    expect(page.status).toBe(200);
    pages.push(page.body);
    cursor = page.body.next_cursor;
  } while (cursor !== null);
  return pages;
}

describe('GET /v1/portal/session', () => {
  it('sums balances per currency and counts overdue invoices', async () => {
    const customer = await api.createCustomer({ name: 'Initech', external_id: 'IN-1' });
    await api.createInvoice(customer.id, { total: 1_000, due_date: '2026-03-15' });
    await api.createInvoice(customer.id, { total: 2_000, due_date: '2026-03-16' });
    await api.createInvoice(customer.id, {
      total: 50_000,
      currency: 'JPY',
      due_date: '2026-03-01',
    });
    await api.createInvoice(customer.id, { total: 7_000, status: 'draft' });
    const partly = await api.createInvoice(customer.id, { total: 4_000, due_date: '2026-03-02' });
    const session = await api.createSession(customer.id, { locale: 'es' });
    const card = await api.createCard(session);
    await api.payPartly(session, card, [{ invoice: partly.id, amount: 1_500 }]);

    const response = await api.request('GET', '/v1/portal/session', { auth: session });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      object: 'portal_session',
      vendor: { id: api.vendor.id, name: 'Portal Test Vendor', time_zone: 'Pacific/Auckland' },
      customer: { id: customer.id, name: 'Initech', external_id: 'IN-1' },
      locale: 'es',
      livemode: false,
      provider: 'sandbox',
      today: '2026-03-16',
      overdue_count: 3,
    });
    expect(response.body.balances).toEqual([
      {
        currency: 'JPY',
        amount_due: 50_000,
        amount_pending: 0,
        open_count: 1,
        overdue_count: 1,
        overdue_amount: 50_000,
        credit: 0,
      },
      {
        currency: 'USD',
        amount_due: 5_500,
        amount_pending: 0,
        open_count: 3,
        overdue_count: 2,
        overdue_amount: 3_500,
        credit: 0,
      },
    ]);
  });

  it('shows a customer without invoices no balances', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);

    const response = await api.request('GET', '/v1/portal/session', { auth: session });

    expect(response.body).toMatchObject({ balances: [], overdue_count: 0, locale: 'en' });
  });
});

describe('overdue', () => {
  it("is derived in the vendor's time zone", async () => {
    const customer = await api.createCustomer();
    const dueYesterdayInAuckland = await api.createInvoice(customer.id, { due_date: '2026-03-15' });
    const dueTodayInAuckland = await api.createInvoice(customer.id, { due_date: '2026-03-16' });
    const session = await api.createSession(customer.id);

    const read = async (id: string) =>
      (await api.request('GET', `/v1/portal/invoices/${id}`, { auth: session })).body.overdue;

    expect(await read(dueYesterdayInAuckland.id)).toBe(true);
    expect(await read(dueTodayInAuckland.id)).toBe(false);
  });

  it('is not overdue on the same day for a vendor in UTC', async () => {
    const utc = await ApiFixture.create(db, {
      vendorName: 'UTC Vendor',
      now: '2026-03-15T12:00:00Z',
    });
    const customer = await utc.createCustomer();
    const invoice = await utc.createInvoice(customer.id, { due_date: '2026-03-15' });
    const session = await utc.createSession(customer.id, { expires_in: 86_400 });

    const response = await utc.request('GET', `/v1/portal/invoices/${invoice.id}`, {
      auth: session,
    });

    expect(response.body.overdue).toBe(false);
    utc.clock.set('2026-03-16T00:00:00Z');
    const nextDay = await utc.request('GET', `/v1/portal/invoices/${invoice.id}`, {
      auth: session,
    });
    expect(nextDay.body.overdue).toBe(true);
  });

  it('is never set on a paid invoice', async () => {
    const customer = await api.createCustomer();
    const invoice = await api.createInvoice(customer.id, { total: 500, due_date: '2026-03-01' });
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    await api.pay(session, card, [{ invoice: invoice.id, amount: 500 }]);

    const response = await api.request('GET', `/v1/portal/invoices/${invoice.id}`, {
      auth: session,
    });

    expect(response.body).toMatchObject({ status: 'paid', overdue: false });
  });
});

describe('GET /v1/portal/invoices', () => {
  let session: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const customer = await api.createCustomer();
    session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    // Two invoices share a due date so that ties are broken by id.
    const dues = ['2026-01-05', '2026-02-05', '2026-02-05', '2026-03-20', '2026-04-05'];
    for (const [index, due] of dues.entries()) {
      const invoice = await api.createInvoice(customer.id, {
        issue_date: '2026-01-01',
        due_date: due,
        total: 1_000,
      });
      ids[`open${index}`] = invoice.id;
    }
    for (const [index, due] of ['2025-11-01', '2025-12-01', '2025-12-15'].entries()) {
      const invoice = await api.createInvoice(customer.id, {
        issue_date: '2025-10-01',
        due_date: due,
        total: 800,
      });
      await api.pay(session, card, [{ invoice: invoice.id, amount: 800 }]);
      ids[`paid${index}`] = invoice.id;
    }
    ids.draft = (await api.createInvoice(customer.id, { status: 'draft' })).id;
  });

  it('lists open invoices oldest due date first, ties by id', async () => {
    const pages = await listAll(session, 'open');
    const listed = pages.flatMap((page) => page.data);

    const tied = [ids.open1, ids.open2].sort() as string[];
    expect(listed.map((invoice) => invoice.id)).toEqual([ids.open0, ...tied, ids.open3, ids.open4]);
    expect(pages.map((page) => page.data.length)).toEqual([2, 2, 1]);
    expect(listed.every((invoice) => invoice.status === 'open')).toBe(true);
  });

  it('lists overdue invoices: open and due before today', async () => {
    const listed = (await listAll(session, 'overdue')).flatMap((page) => page.data);

    expect(listed.map((invoice) => invoice.due_date)).toEqual([
      '2026-01-05',
      '2026-02-05',
      '2026-02-05',
    ]);
    expect(listed.every((invoice) => invoice.overdue)).toBe(true);
  });

  it('lists paid invoices newest due date first', async () => {
    const listed = (await listAll(session, 'paid')).flatMap((page) => page.data);

    expect(listed.map((invoice) => invoice.id)).toEqual([ids.paid2, ids.paid1, ids.paid0]);
  });

  it('lists all invoices but drafts, newest due date first', async () => {
    const listed = (await listAll(session, 'all', 3)).flatMap((page) => page.data);

    expect(listed).toHaveLength(8);
    expect(listed.map((invoice) => invoice.id)).not.toContain(ids.draft);
    const dueDates = listed.map((invoice) => invoice.due_date);
    expect(dueDates).toEqual([...dueDates].sort().reverse());
  });

  it('lists open invoices by default, 25 to a page', async () => {
    const response = await api.request<Page>('GET', '/v1/portal/invoices', { auth: session });

    expect(response.body.data).toHaveLength(5);
    expect(response.body.next_cursor).toBeNull();
  });

  it('rejects a tampered cursor with invalid_cursor', async () => {
    const tampered = Buffer.from(JSON.stringify(['2026-13-45', 'inv_x'])).toString('base64url');

    for (const cursor of [tampered, 'not base64 at all!', 'e30']) {
      const response = await api.request(
        'GET',
        `/v1/portal/invoices?cursor=${encodeURIComponent(cursor)}`,
        {
          auth: session,
        },
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid_cursor', param: 'cursor' });
    }
  });

  it('rejects an unknown status filter', async () => {
    const response = await api.request('GET', '/v1/portal/invoices?status=late', { auth: session });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'status' });
  });
});

describe('invoice list query plan', () => {
  it('serves deep pages from the index without sorting', async () => {
    const customer = await api.createCustomer({ name: 'Bulk Buyer' });
    await sql`
      INSERT INTO invoice (id, vendor_id, livemode, customer_id, number, status, currency, total,
        amount_due, issue_date, due_date)
      SELECT 'inv_bulk' || n, ${api.vendor.id}, false, ${customer.id}, 'BULK-' || n,
        CASE WHEN n % 3 = 0 THEN 'paid' ELSE 'open' END, 'USD', 100,
        CASE WHEN n % 3 = 0 THEN 0 ELSE 100 END,
        date '2000-01-01' + (n / 10), date '2000-01-01' + (n / 10)
      FROM generate_series(1, 30000) AS n`.execute(db);
    await sql`ANALYZE invoice`.execute(db);

    for (const filter of ['open', 'overdue', 'paid', 'all'] as const) {
      const compiled = customerInvoicesQuery(
        db,
        { vendorId: api.vendor.id, livemode: false },
        {
          customerId: customer.id,
          filter,
          today: '2004-01-01',
          limit: 25,
          after: ['2002-01-01', 'inv_bulk7300'],
        },
      ).compile();
      const explained = await db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]),
      );
      const plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
      // This vendor has one large customer, so the planner may walk the vendor's index with
      // a customer filter instead of the customer's: either reads rows already in page order.
      const direction = filter === 'open' || filter === 'overdue' ? '' : ' Backward';
      const status = filter === 'all' ? '' : 'status_';
      expect(plan, plan).toMatch(
        new RegExp(`Index Scan${direction} using invoice_(customer|vendor)_${status}due `),
      );
      expect(plan, plan).not.toContain('Sort');
    }
  });
});
