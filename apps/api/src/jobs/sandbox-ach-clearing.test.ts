import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture, TEST_BANK_ACCOUNTS } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { SandboxProvider } from '../providers/index.js';
import type { TestDatabase } from '../testing/index.js';
import { eventTypes } from '../testing/ledger-reads.js';
import { createJobRunner } from './background-jobs.js';
import { createIsolatedDatabase } from './job-test-kit.js';
import { SANDBOX_ACH_SETTLEMENT } from './sandbox-ach-clearing.js';

const DELAY_MS = 90_000;

let database: TestDatabase;
let db: PostgresDb;
let api: ApiFixture;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 10 });
  api = await ApiFixture.create(db, { now: '2026-10-05T16:00:00Z', vendorName: 'Clearing Co.' });
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

function poll() {
  return createJobRunner({
    db,
    clock: api.clock,
    logger: silentLogger,
    providers: new Map([['sandbox', new SandboxProvider()]]),
    sandboxAchDelayMs: DELAY_MS,
  }).runOnce();
}

async function bankCustomer(accountNumber: string) {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const account = await api.createBankAccount(session, accountNumber);
  return { customer: customer.id, session, account };
}

/** Pays `amount` of `invoice` by bank debit, with the short-pay reason `Other` a part needs. */
async function payByBank(session: string, account: string, invoice: string, amount: number) {
  const response = await api.request<Record<string, unknown>>('POST', '/v1/portal/payments', {
    auth: session,
    body: {
      payment_method: account,
      invoices: [{ invoice, amount }],
      mandate: { accepted: true },
      short_pay: { reason: 'Other' },
    },
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
  expect(response.status).toBe(201);
  expect(response.body.status).toBe('pending');
  return response.body.id as string;
}

async function payment(id: string) {
  return db.selectFrom('payment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function invoice(id: string) {
  return db
    .selectFrom('invoice')
    .select(['status', 'amount_due', 'amount_pending'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function autopayOf(customer: string) {
  return db
    .selectFrom('autopay')
    .select(['status', 'paused_reason'])
    .where('customer_id', '=', customer)
    .executeTakeFirstOrThrow();
}

describe('sandbox ACH clearing', () => {
  it('settles a bank debit once the delay has passed', async () => {
    api.clock.set('2026-10-05T16:00:00Z');
    const { customer, session, account } = await bankCustomer(TEST_BANK_ACCOUNTS.settles);
    const due = await api.createInvoice(customer, { total: 42_000 });
    const paymentId = await payByBank(session, account, due.id, 42_000);

    await poll();
    expect((await payment(paymentId)).status).toBe('pending');
    const job = await db
      .selectFrom('job')
      .select(['run_at', 'status'])
      .where('kind', '=', SANDBOX_ACH_SETTLEMENT)
      .where('key', '=', paymentId)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'queued', run_at: new Date('2026-10-05T16:01:30Z') });

    api.clock.advance(DELAY_MS - 1);
    await poll();
    expect((await payment(paymentId)).status).toBe('pending');
    expect(await invoice(due.id)).toMatchObject({ status: 'open', amount_pending: '42000' });

    api.clock.advance(1);
    expect((await poll()).done).toBe(1);
    expect(await payment(paymentId)).toMatchObject({
      status: 'succeeded',
      provider_ref: `sandbox_${paymentId}`,
    });
    expect(await invoice(due.id)).toEqual({
      status: 'paid',
      amount_due: '0',
      amount_pending: '0',
    });
    const event = await db
      .selectFrom('provider_event')
      .select(['provider', 'type'])
      .where('event_id', '=', `${SANDBOX_ACH_SETTLEMENT}:${paymentId}`)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ provider: 'sandbox', type: SANDBOX_ACH_SETTLEMENT });

    api.clock.advance(DELAY_MS);
    expect((await poll()).done).toBe(0);
  });

  it('returns an R01 autopay debit, releases the invoice and pauses autopay', async () => {
    api.clock.set('2026-10-12T14:00:00Z');
    const { customer, session, account } = await bankCustomer(TEST_BANK_ACCOUNTS.R01);
    await api.turnOnAutopay(session, account);
    const due = await api.createInvoice(customer, {
      total: 18_000,
      issue_date: '2026-10-01',
      due_date: '2026-10-12',
    });

    await poll();
    const [autopayPayment] = await db
      .selectFrom('payment')
      .selectAll()
      .where('customer_id', '=', customer)
      .execute();
    const autopay = await db
      .selectFrom('autopay')
      .innerJoin('mandate', 'mandate.id', 'autopay.mandate_id')
      .select(['mandate.id', 'mandate.kind'])
      .where('autopay.customer_id', '=', customer)
      .executeTakeFirstOrThrow();
    expect(autopay.kind).toBe('autopay');
    expect(autopayPayment).toMatchObject({
      source: 'autopay',
      status: 'pending',
      mandate_id: autopay.id,
    });
    expect(await invoice(due.id)).toMatchObject({ status: 'open', amount_pending: '18000' });

    api.clock.advance(DELAY_MS);
    await poll();

    const returned = await payment(autopayPayment?.id as string);
    expect(returned).toMatchObject({ status: 'failed', failure_code: 'R01' });
    expect(returned.failure_message).toMatch(/insufficient funds/);
    expect(await invoice(due.id)).toEqual({
      status: 'open',
      amount_due: '18000',
      amount_pending: '0',
    });
    const read = await api.request('GET', '/v1/portal/autopay', { auth: session });
    expect(read.body).toMatchObject({
      status: 'paused',
      paused_reason: 'R01',
      last_failed_payment: returned.id,
    });
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBeNull();
  });

  it('disables an R02 account for good', async () => {
    api.clock.set('2026-10-19T14:00:00Z');
    const { customer, session, account } = await bankCustomer(TEST_BANK_ACCOUNTS.R02);
    await api.turnOnAutopay(session, account);
    const due = await api.createInvoice(customer, {
      total: 9_900,
      issue_date: '2026-10-01',
      due_date: '2026-10-19',
    });

    await poll();
    api.clock.advance(DELAY_MS);
    await poll();

    expect(await invoice(due.id)).toMatchObject({ status: 'open', amount_pending: '0' });
    expect(await autopayOf(customer)).toEqual({ status: 'paused', paused_reason: 'R02' });
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBe('R02');
    expect(await eventTypes(db, account)).toEqual([
      'payment_method.created',
      'payment_method.disabled',
    ]);

    const resume = await api.request('PUT', '/v1/portal/autopay', {
      auth: await api.createSession(customer),
      body: { enabled: true, payment_method: account, mandate: { accepted: true } },
    });
    expect(resume.status).toBe(409);
    expect(resume.body.code).toBe('payment_method_disabled');
  });

  it('pauses autopay when a one-off debit of its account is returned', async () => {
    api.clock.set('2026-10-26T14:00:00Z');
    const { customer, session, account } = await bankCustomer(TEST_BANK_ACCOUNTS.R03);
    await api.turnOnAutopay(session, account);
    // Not due for a month, so autopay does not charge it now.
    const later = await api.createInvoice(customer, { total: 5_000, due_date: '2026-11-26' });
    const paymentId = await payByBank(session, account, later.id, 2_000);

    await poll();
    api.clock.advance(DELAY_MS);
    await poll();

    expect(await payment(paymentId)).toMatchObject({
      source: 'portal',
      status: 'failed',
      failure_code: 'R03',
    });
    expect(await autopayOf(customer)).toEqual({ status: 'paused', paused_reason: 'R03' });
    expect(await invoice(later.id)).toEqual({
      status: 'open',
      amount_due: '5000',
      amount_pending: '0',
    });
  });
});
