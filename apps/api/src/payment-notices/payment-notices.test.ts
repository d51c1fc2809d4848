import type { Invoice, Payment, PaymentNotice } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUTOPAY_CHARGE } from '../autopay/autopay-charge-job.js';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { createJobRunner } from '../jobs/background-jobs.js';
import { enqueueJob } from '../jobs/job-repository.js';
import { createIsolatedDatabase, RecordingProvider } from '../jobs/job-test-kit.js';
import type { TestDatabase } from '../testing/index.js';
import { eventTypes, invoiceState, jobOutcome } from '../testing/ledger-reads.js';
import { expectProblem } from '../testing/problem-cases.js';

// Autopay's job runner sweeps every vendor's invoices, so this file has a database of its own.
let database: TestDatabase;
let db: PostgresDb;
let api: ApiFixture;

type Problem = { code: string; param?: string; detail: string };
type Page<T> = { object: 'list'; data: T[]; next_cursor: string | null };

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 10 });
  api = await ApiFixture.create(db, { now: '2026-07-01T15:00:00Z', vendorName: 'Notice Co.' });
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

/** Runs autopay's scheduler and jobs once, charging through a provider that records charges. */
async function runAutopay() {
  const provider = new RecordingProvider();
  const runner = createJobRunner({
    db,
    clock: api.clock,
    logger: silentLogger,
    providers: new Map([['sandbox', provider]]),
    sandboxAchDelayMs: 60_000,
  });
  await runner.runOnce();
  return provider.charges.flatMap((charge) => charge.invoiceIds);
}

/** Creates a customer with autopay on a saved card and two invoices due on 2026-07-03. */
async function autopayCustomerWithInvoices() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const card = await api.saveCard(session);
  await api.turnOnAutopay(session, card);
  const invoice = (total: number) =>
    api.createInvoice(customer.id, { total, issue_date: '2026-06-01', due_date: '2026-07-03' });
  return {
    customer: customer.id,
    session,
    first: await invoice(12_000),
    second: await invoice(8_000),
  };
}

function sendNotice(session: string, body: unknown) {
  return api.request<PaymentNotice & Problem>('POST', '/v1/portal/payment_notices', {
    auth: session,
    body,
  });
}

function decide(noticeId: string, decision: 'confirm' | 'reject', body?: unknown) {
  return api.request<PaymentNotice & Problem>(
    'POST',
    `/v1/payment_notices/${noticeId}/${decision}`,
    { auth: api.vendor.secret_key, body },
  );
}

function portalInvoice(session: string, invoiceId: string) {
  return api.request<Invoice>('GET', `/v1/portal/invoices/${invoiceId}`, { auth: session });
}

/** Counts of the vendor's rows that notice requests may write. */
async function ledgerCounts() {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM payment_notice WHERE vendor_id = ${api.vendor.id}) AS notices,
      (SELECT count(*) FROM payment_notice WHERE vendor_id = ${api.vendor.id}
        AND status = 'pending') AS pending,
      (SELECT count(*) FROM invoice WHERE vendor_id = ${api.vendor.id}
        AND payment_notice_id IS NOT NULL) AS noticed_invoices,
      (SELECT count(*) FROM payment WHERE vendor_id = ${api.vendor.id}) AS payments,
      (SELECT coalesce(sum(amount_due), 0) FROM invoice WHERE vendor_id = ${api.vendor.id})
        AS amount_due,
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events
  `.execute(db);
  return rows[0];
}

describe('a customer’s "I sent a payment" notice', () => {
  it('holds autopay off until confirmed', async () => {
    api.clock.set('2026-07-01T15:00:00Z');
    const { customer, first, second } = await autopayCustomerWithInvoices();
    let session = await api.createSession(customer);

    const sent = await sendNotice(session, {
      method: 'wire',
      reference: 'WIRE-88',
      sent_on: '2026-07-01',
      invoices: [
        { invoice: first.id, amount: 12_000 },
        { invoice: second.id, amount: 8_000 },
      ],
    });

    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      object: 'payment_notice',
      customer,
      status: 'pending',
      currency: 'USD',
      amount: 20_000,
      method: 'wire',
      reference: 'WIRE-88',
      sent_on: '2026-07-01',
      payment: null,
      rejection_reason: null,
      decided_at: null,
    });
    const noticeId = sent.body.id;
    const single = await portalInvoice(session, first.id);
    expect(single.body.payment_notice).toEqual({
      id: noticeId,
      amount: 12_000,
      method: 'wire',
      reference: 'WIRE-88',
      sent_on: '2026-07-01',
    });
    const portalList = await api.request<Page<Invoice>>('GET', '/v1/portal/invoices', {
      auth: session,
    });
    const noticedAmounts = portalList.body.data.map((invoice) => invoice.payment_notice?.amount);
    expect(noticedAmounts.sort((a = 0, b = 0) => a - b)).toEqual([8_000, 12_000]);
    const vendorList = await api.vendorCall<Page<Invoice>>(
      'GET',
      `/v1/invoices?customer=${customer}`,
      undefined,
      200,
    );
    expect(vendorList.data.every((invoice) => invoice.payment_notice?.id === noticeId)).toBe(true);

    api.clock.set('2026-07-03T09:00:00Z');
    const charged = await runAutopay();
    expect(charged).not.toContain(first.id);
    expect(charged).not.toContain(second.id);
    expect(await invoiceState(db, first.id)).toEqual({ status: 'open', due: 12_000, pending: 0 });

    const pending = await api.vendorCall<Page<PaymentNotice>>(
      'GET',
      `/v1/payment_notices?status=pending&customer=${customer}`,
      undefined,
      200,
    );
    expect(pending.data.map((notice) => notice.id)).toEqual([noticeId]);

    const confirmed = await decide(noticeId, 'confirm', {});
    session = await api.createSession(customer);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      decided_at: '2026-07-03T09:00:00.000Z',
    });
    const paymentId = confirmed.body.payment as string;
    expect(paymentId).toMatch(/^pay_/);
    expect(await invoiceState(db, first.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect(await invoiceState(db, second.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect((await portalInvoice(session, first.id)).body.payment_notice).toBeNull();

    const history = await api.request<Page<Payment>>('GET', '/v1/portal/payments', {
      auth: session,
    });
    const offline = history.body.data.find((payment) => payment.id === paymentId);
    expect(offline).toMatchObject({
      status: 'succeeded',
      source: 'vendor',
      amount: 20_000,
      amount_unapplied: 0,
      method_details: { type: 'offline' },
      offline: { method: 'wire', reference: 'WIRE-88', received_on: '2026-07-03' },
    });
    expect(offline?.applications.map((line) => line.amount).sort((a, b) => a - b)).toEqual([
      8_000, 12_000,
    ]);
    const notices = await api.request<Page<PaymentNotice>>('GET', '/v1/portal/payment_notices', {
      auth: session,
    });
    expect(notices.body.data).toMatchObject([{ id: noticeId, status: 'confirmed' }]);
    expect(await eventTypes(db, noticeId)).toEqual([
      'payment_notice.created',
      'payment_notice.confirmed',
    ]);
    expect(await eventTypes(db, paymentId)).toEqual(['payment.recorded']);
    expect(await eventTypes(db, second.id)).toContain('invoice.paid');
  });

  it('frees the invoices for autopay when rejected', async () => {
    api.clock.set('2026-07-01T15:00:00Z');
    const { session, first, second } = await autopayCustomerWithInvoices();
    const sent = await sendNotice(session, {
      method: 'check',
      sent_on: '2026-06-30',
      invoices: [{ invoice: first.id, amount: 5_000 }],
    });
    expect(sent.status).toBe(201);

    const rejected = await decide(sent.body.id, 'reject', { reason: 'No cheque arrived.' });

    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejection_reason: 'No cheque arrived.',
      payment: null,
    });
    expect((await portalInvoice(session, first.id)).body.payment_notice).toBeNull();
    const notices = await api.request<Page<PaymentNotice>>('GET', '/v1/portal/payment_notices', {
      auth: session,
    });
    expect(notices.body.data[0]).toMatchObject({
      status: 'rejected',
      rejection_reason: 'No cheque arrived.',
    });
    expect(await eventTypes(db, sent.body.id)).toEqual([
      'payment_notice.created',
      'payment_notice.rejected',
    ]);

    api.clock.set('2026-07-03T10:00:00Z');
    const charged = await runAutopay();
    expect(charged).toContain(first.id);
    expect(charged).toContain(second.id);
    expect((await invoiceState(db, first.id)).status).toBe('paid');
  });

  it('skips a job queued before the notice', async () => {
    api.clock.set('2026-07-01T15:00:00Z');
    const { customer, first } = await autopayCustomerWithInvoices();
    api.clock.set('2026-07-03T11:00:00Z');
    const session = await api.createSession(customer);
    const key = `${first.id}:2026-07-03`;
    await enqueueJob(
      db,
      {
        kind: AUTOPAY_CHARGE,
        key,
        vendorId: api.vendor.id,
        payload: { invoice: first.id, due_date: '2026-07-03' },
        runAt: api.clock.now(),
      },
      api.clock.now(),
    );
    const sent = await sendNotice(session, {
      method: 'ach_credit',
      sent_on: '2026-07-03',
      invoices: [{ invoice: first.id, amount: 12_000 }],
    });
    expect(sent.status).toBe(201);

    const charged = await runAutopay();

    expect(charged).not.toContain(first.id);
    const job = await jobOutcome(db, key);
    expect(job).toEqual({
      status: 'done',
      result: { invoice: first.id, skipped: 'payment_notice_pending' },
    });
  });

  it('confirms oldest due first, rest as credit', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const older = await api.createInvoice(customer.id, { total: 3_000, due_date: '2026-07-10' });
    const newer = await api.createInvoice(customer.id, { total: 3_000, due_date: '2026-07-20' });
    const sent = await sendNotice(session, {
      method: 'check',
      sent_on: '2026-07-01',
      invoices: [
        { invoice: newer.id, amount: 3_000 },
        { invoice: older.id, amount: 2_000 },
      ],
    });
    // The customer paid part of the older invoice by card meanwhile.
    const card = await api.createCard(session);
    const paid = await api.payPartly(session, card, [{ invoice: older.id, amount: 1_500 }]);
    expect(paid.status).toBe(201);

    const confirmed = await decide(sent.body.id, 'confirm', {
      amount: 6_000,
      received_on: '2026-07-02',
      reference: 'Cheque 553',
    });

    expect(confirmed.status).toBe(200);
    const payment = await api.vendorCall<Payment>(
      'GET',
      `/v1/payments/${confirmed.body.payment}`,
      undefined,
      200,
    );
    // The older invoice takes the 1,500 it still owes; the newer its 3,000; 1,500 is credit.
    expect(payment).toMatchObject({
      amount: 6_000,
      amount_unapplied: 1_500,
      offline: { method: 'check', reference: 'Cheque 553', received_on: '2026-07-02' },
    });
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    const balance = await api.vendorCall<{ data: Array<{ amount: number }> }>(
      'GET',
      `/v1/customers/${customer.id}/credit_balance`,
      undefined,
      200,
    );
    expect(balance.data).toMatchObject([{ currency: 'USD', amount: 1_500 }]);
  });
});

describe('bad payment notice requests', () => {
  let session: string;
  let open: Invoice;
  let noticed: Invoice;
  let euro: Invoice;
  let foreign: Invoice;
  let decidedId: string;

  beforeAll(async () => {
    api.clock.set('2026-07-01T15:00:00Z');
    const customer = await api.createCustomer({ name: 'Careful Buyer' });
    session = await api.createSession(customer.id);
    open = await api.createInvoice(customer.id, { total: 5_000 });
    noticed = await api.createInvoice(customer.id, { total: 5_000 });
    euro = await api.createInvoice(customer.id, { total: 5_000, currency: 'EUR' });
    await sendNotice(session, {
      method: 'cash',
      sent_on: '2026-07-01',
      invoices: [{ invoice: noticed.id, amount: 100 }],
    });
    const decided = await api.createInvoice(customer.id, { total: 700 });
    const sent = await sendNotice(session, {
      method: 'cash',
      sent_on: '2026-07-01',
      invoices: [{ invoice: decided.id, amount: 700 }],
    });
    decidedId = sent.body.id;
    await decide(decidedId, 'reject', { reason: 'Not received' });
    const stranger = await api.createCustomer({ name: 'Someone Else' });
    foreign = await api.createInvoice(stranger.id, { total: 5_000 });
  });

  function body(fields: Record<string, unknown> = {}) {
    return {
      method: 'wire',
      sent_on: '2026-07-01',
      invoices: [{ invoice: open.id, amount: 1_000 }],
      ...fields,
    };
  }

  it('rejects bad notices, changing nothing', async () => {
    const cases: Array<[string, unknown, number, string, string]> = [
      ['method unknown', body({ method: 'paypal' }), 400, 'validation_failed', 'method'],
      ['sent tomorrow', body({ sent_on: '2026-07-02' }), 400, 'validation_failed', 'sent_on'],
      ['no invoices', body({ invoices: [] }), 400, 'validation_failed', 'invoices'],
      [
        'amount zero',
        body({ invoices: [{ invoice: open.id, amount: 0 }] }),
        400,
        'amount_zero',
        'invoices[0].amount',
      ],
      [
        'more than the invoice takes',
        body({ invoices: [{ invoice: open.id, amount: 5_001 }] }),
        409,
        'amount_exceeds_payable',
        'invoices[0].amount',
      ],
      [
        'invoice with a pending notice',
        body({ invoices: [{ invoice: noticed.id, amount: 100 }] }),
        409,
        'payment_notice_exists',
        'invoices[0].invoice',
      ],
      [
        'invoices in two currencies',
        body({
          invoices: [
            { invoice: open.id, amount: 100 },
            { invoice: euro.id, amount: 100 },
          ],
        }),
        400,
        'currency_mismatch',
        'invoices[1].invoice',
      ],
      [
        'invoice listed twice',
        body({
          invoices: [
            { invoice: open.id, amount: 100 },
            { invoice: open.id, amount: 100 },
          ],
        }),
        400,
        'duplicate_invoice',
        'invoices[1].invoice',
      ],
      [
        'invoice of another customer',
        body({ invoices: [{ invoice: foreign.id, amount: 100 }] }),
        404,
        'invoice_not_found',
        'invoices[0].invoice',
      ],
    ];
    const before = await ledgerCounts();

    for (const [name, request, status, code, param] of cases) {
      expectProblem(await sendNotice(session, request), { status, code, param }, name);
    }

    expect(await ledgerCounts()).toEqual(before);
  });

  it('rejects bad decisions, changing nothing', async () => {
    const pending = await api.vendorCall<Page<PaymentNotice>>(
      'GET',
      '/v1/payment_notices?status=pending',
      undefined,
      200,
    );
    const pendingId = pending.data.find((notice) =>
      notice.invoices.some((line) => line.invoice === noticed.id),
    )?.id as string;
    const cases: Array<[string, string, 'confirm' | 'reject', unknown, number, string, string?]> = [
      ['confirm decided', decidedId, 'confirm', {}, 409, 'payment_notice_not_pending'],
      ['reject decided', decidedId, 'reject', { reason: 'x' }, 409, 'payment_notice_not_pending'],
      ['reject without reason', pendingId, 'reject', {}, 400, 'validation_failed', 'reason'],
      ['confirm unknown', 'pn_nope', 'confirm', {}, 404, 'payment_notice_not_found', 'id'],
      [
        'received tomorrow',
        pendingId,
        'confirm',
        { received_on: '2026-07-02' },
        400,
        'validation_failed',
        'received_on',
      ],
      ['amount zero', pendingId, 'confirm', { amount: 0 }, 400, 'validation_failed', 'amount'],
    ];
    const before = await ledgerCounts();

    for (const [name, id, decision, request, status, code, param] of cases) {
      expectProblem(await decide(id, decision, request), { status, code, param }, name);
    }
    const foreignRead = await api.request<Problem>('GET', `/v1/payment_notices/${pendingId}`, {
      auth: (await ApiFixture.create(db)).vendor.secret_key,
    });
    expect(foreignRead.status).toBe(404);

    expect(await ledgerCounts()).toEqual(before);
  });
});
