import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { createJobRunner, type JobRunnerSettings } from '../jobs/background-jobs.js';
import { enqueueJob } from '../jobs/job-repository.js';
import { createIsolatedDatabase, RecordingProvider } from '../jobs/job-test-kit.js';
import { reservePayment } from '../payments/reserve-payment.js';
import type { TestDatabase } from '../testing/index.js';
import { jobOutcome } from '../testing/ledger-reads.js';
import { AUTOPAY_CHARGE } from './autopay-charge-job.js';

let database: TestDatabase;
/** The fixture's pool, also the first runner's; the second runner has a pool of its own. */
let db: PostgresDb;
let otherDb: PostgresDb;
let api: ApiFixture;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 10 });
  otherDb = connectDatabase(database.url, { max: 10 });
  api = await ApiFixture.create(db, { now: '2026-07-01T15:00:00Z', vendorName: 'Autopay Co.' });
});
afterAll(async () => {
  await db.destroy();
  await otherDb.destroy();
  await database.drop();
});

function jobRunner(
  pool: PostgresDb,
  provider = new RecordingProvider(),
  settings: JobRunnerSettings = {},
) {
  return createJobRunner(
    {
      db: pool,
      clock: api.clock,
      logger: silentLogger,
      providers: new Map([['sandbox', provider]]),
      sandboxAchDelayMs: 60_000,
    },
    settings,
  );
}

/** Creates a customer with a saved card and autopay on it from the clock's today. */
async function autopayCustomer(cardNumber?: string) {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const card = await api.saveCard(session, cardNumber);
  await api.turnOnAutopay(session, card);
  return { customer: customer.id, session, card };
}

function invoiceDue(customer: string, dueDate: string, total = 12_500) {
  return api.createInvoice(customer, { total, issue_date: '2026-06-01', due_date: dueDate });
}

/** Per invoice: status, amounts, and the payments and applications that touch it. */
async function charges(invoiceIds: string[]) {
  const { rows } = await sql<{
    id: string;
    status: string;
    amount_due: string;
    amount_pending: string;
    applications: string;
    payments: string;
  }>`
    SELECT i.id, i.status, i.amount_due, i.amount_pending,
      count(a.id) AS applications, count(DISTINCT a.payment_id) AS payments
    FROM invoice i
    LEFT JOIN payment_application a ON a.invoice_id = i.id
    WHERE i.id IN (${sql.join(invoiceIds)})
    GROUP BY i.id
  `.execute(db);
  return new Map(rows.map((row) => [row.id, row]));
}

async function paymentsOf(invoiceId: string) {
  return db
    .selectFrom('payment')
    .innerJoin('payment_application', 'payment_application.payment_id', 'payment.id')
    .selectAll('payment')
    .where('payment_application.invoice_id', '=', invoiceId)
    .execute();
}

describe('autopay charges', () => {
  it('charges each invoice once on its due date with two runners at once', async () => {
    api.clock.set('2026-07-01T15:00:00Z');
    const customers = await Promise.all(Array.from({ length: 8 }, () => autopayCustomer()));
    const dueFirst: string[] = [];
    const dueNext: string[] = [];
    const never: string[] = [];
    for (const { customer } of customers) {
      dueFirst.push((await invoiceDue(customer, '2026-07-03')).id);
      dueFirst.push((await invoiceDue(customer, '2026-07-03', 4_999)).id);
      dueNext.push((await invoiceDue(customer, '2026-07-04')).id);
      // Due before autopay was turned on: left to the customer.
      never.push((await invoiceDue(customer, '2026-06-30')).id);
      const disputed = await invoiceDue(customer, '2026-07-03');
      await db
        .updateTable('invoice')
        .set({ disputed: true })
        .where('id', '=', disputed.id)
        .execute();
      never.push(disputed.id);
    }
    const withoutAutopay = await api.createCustomer();
    never.push((await invoiceDue(withoutAutopay.id, '2026-07-03')).id);

    const firstProvider = new RecordingProvider();
    const secondProvider = new RecordingProvider();
    const first = jobRunner(db, firstProvider);
    const second = jobRunner(otherDb, secondProvider);
    const pollBoth = () =>
      Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);

    api.clock.set('2026-07-02T23:59:00Z');
    const early = await pollBoth();
    expect(early.reduce((sum, poll) => sum + poll.enqueued, 0)).toBe(0);
    const beforeDue = await charges([...dueFirst, ...dueNext, ...never]);
    expect([...beforeDue.values()].every((row) => row.applications === '0')).toBe(true);

    api.clock.set('2026-07-03T00:00:00Z');
    const onDue = await pollBoth();

    expect(onDue.reduce((sum, poll) => sum + poll.enqueued, 0)).toBe(dueFirst.length);
    expect(onDue.reduce((sum, poll) => sum + poll.done, 0)).toBe(dueFirst.length);
    const afterDue = await charges([...dueFirst, ...dueNext, ...never]);
    for (const id of dueFirst) {
      expect(afterDue.get(id), id).toMatchObject({
        status: 'paid',
        amount_due: '0',
        amount_pending: '0',
        applications: '1',
        payments: '1',
      });
    }
    for (const id of [...dueNext, ...never]) {
      expect(afterDue.get(id), id).toMatchObject({ status: 'open', applications: '0' });
    }
    const requests = [...firstProvider.charges, ...secondProvider.charges];
    expect(requests).toHaveLength(dueFirst.length);
    expect(new Set(requests.map((request) => request.idempotencyKey)).size).toBe(dueFirst.length);
    expect(requests.every((request) => request.offSession)).toBe(true);
    // A card is charged under the card network's rules: only bank debits carry the mandate.
    expect(requests.every((request) => request.mandate === null)).toBe(true);

    const payment = (await paymentsOf(dueFirst[0] as string))[0];
    expect(payment).toMatchObject({
      source: 'autopay',
      status: 'succeeded',
      amount: '12500',
      mandate_id: null,
      payment_method_id: customers[0]?.card,
    });

    api.clock.set('2026-07-04T12:00:00Z');
    const nextDay = await pollBoth();
    expect(nextDay.reduce((sum, poll) => sum + poll.done, 0)).toBe(dueNext.length);
    const afterNext = await charges([...dueFirst, ...dueNext, ...never]);
    for (const id of [...dueFirst, ...dueNext]) {
      expect(afterNext.get(id), id).toMatchObject({ status: 'paid', payments: '1' });
    }
    for (const id of never) {
      expect(afterNext.get(id), id).toMatchObject({ status: 'open', applications: '0' });
    }
    const jobs = await db
      .selectFrom('job')
      .select(['status', 'attempts'])
      .where('kind', '=', AUTOPAY_CHARGE)
      .execute();
    expect(jobs).toHaveLength(dueFirst.length + dueNext.length);
    expect(jobs.every((job) => job.status === 'done' && job.attempts === 1)).toBe(true);
  });

  it("finishes a stopped runner's charge without charging twice", async () => {
    api.clock.set('2026-08-03T10:00:00Z');
    const { customer } = await autopayCustomer();
    const invoice = await invoiceDue(customer, '2026-08-03', 30_000);
    const stalledProvider = new RecordingProvider();
    const release = stalledProvider.holdCharges();
    const stalled = jobRunner(db, stalledProvider, { leaseMs: 120_000 });

    const stalledPoll = stalled.runOnce();
    await vi.waitFor(() => expect(stalledProvider.charges).toHaveLength(1));
    const [reserved] = await paymentsOf(invoice.id);
    const job = await db
      .selectFrom('job')
      .selectAll()
      .where('key', '=', `${invoice.id}:2026-08-03`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'running', payload: { payment: reserved?.id } });

    const takeoverProvider = new RecordingProvider();
    const takeover = jobRunner(otherDb, takeoverProvider, { leaseMs: 120_000 });
    api.clock.advance(119_000);
    expect((await takeover.runOnce()).done).toBe(0);
    api.clock.advance(1_000);
    expect((await takeover.runOnce()).done).toBe(1);

    release();
    expect(await stalledPoll).toMatchObject({ done: 0, lost: 1 });
    const payments = await paymentsOf(invoice.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ id: reserved?.id, status: 'succeeded', amount: '30000' });
    expect((await charges([invoice.id])).get(invoice.id)).toMatchObject({
      status: 'paid',
      applications: '1',
    });
    const keys = [...stalledProvider.charges, ...takeoverProvider.charges].map(
      (request) => request.idempotencyKey,
    );
    expect(keys).toEqual([reserved?.id, reserved?.id]);
  });

  it('charges the payment a crashed run reserved but did not save', async () => {
    api.clock.set('2026-08-10T10:00:00Z');
    const { customer, card } = await autopayCustomer();
    const invoice = await invoiceDue(customer, '2026-08-10', 7_700);
    const key = `${invoice.id}:2026-08-10`;
    await enqueueJob(
      db,
      {
        kind: AUTOPAY_CHARGE,
        key,
        vendorId: api.vendor.id,
        payload: { invoice: invoice.id, due_date: '2026-08-10' },
        runAt: api.clock.now(),
      },
      api.clock.now(),
    );
    // The first run claimed the job and reserved the payment, then its process died.
    await db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_until: new Date('2026-08-10T10:02:00Z') })
      .where('key', '=', key)
      .execute();
    const method = await db
      .selectFrom('payment_method')
      .selectAll()
      .where('id', '=', card)
      .executeTakeFirstOrThrow();
    const autopay = await db
      .selectFrom('autopay')
      .select('mandate_id')
      .where('customer_id', '=', customer)
      .executeTakeFirstOrThrow();
    const orphan = await reservePayment(
      db,
      api.clock.now(),
      { vendorId: api.vendor.id, livemode: false, customerId: customer },
      method,
      { invoices: [{ invoice: invoice.id, amount: 7_700 }] },
      { source: 'autopay', mandateId: autopay.mandate_id },
    );

    api.clock.set('2026-08-10T10:02:00Z');
    const provider = new RecordingProvider();
    expect((await jobRunner(db, provider).runOnce()).done).toBe(1);

    const payments = await paymentsOf(invoice.id);
    expect(payments.map((payment) => [payment.id, payment.status])).toEqual([
      [orphan.id, 'succeeded'],
    ]);
    expect(provider.charges.map((request) => request.idempotencyKey)).toEqual([orphan.id]);
    const job = await db
      .selectFrom('job')
      .select(['status', 'payload'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', payload: { payment: orphan.id } });
  });

  it('skips an invoice disputed after its job was added', async () => {
    api.clock.set('2026-08-20T10:00:00Z');
    const { customer } = await autopayCustomer();
    const invoice = await invoiceDue(customer, '2026-08-20');
    const key = `${invoice.id}:2026-08-20`;
    await enqueueJob(
      db,
      {
        kind: AUTOPAY_CHARGE,
        key,
        vendorId: api.vendor.id,
        payload: { invoice: invoice.id, due_date: '2026-08-20' },
        runAt: api.clock.now(),
      },
      api.clock.now(),
    );
    await db.updateTable('invoice').set({ disputed: true }).where('id', '=', invoice.id).execute();

    const provider = new RecordingProvider();
    await jobRunner(db, provider).runOnce();

    expect(provider.charges.filter((request) => request.invoiceIds.includes(invoice.id))).toEqual(
      [],
    );
    expect(await paymentsOf(invoice.id)).toEqual([]);
    const job = await jobOutcome(db, key);
    expect(job).toEqual({
      status: 'done',
      result: { invoice: invoice.id, skipped: 'invoice_disputed' },
    });
  });

  it('pauses autopay after a declined card and shows the failed payment', async () => {
    api.clock.set('2026-09-01T10:00:00Z');
    const { customer, session, card } = await autopayCustomer('4000000000000002');
    const declined = await invoiceDue(customer, '2026-09-01', 5_000);
    const later = await invoiceDue(customer, '2026-09-02', 6_000);

    await jobRunner(db).runOnce();

    const [payment] = await paymentsOf(declined.id);
    expect(payment).toMatchObject({
      source: 'autopay',
      status: 'failed',
      failure_code: 'card_declined',
    });
    expect((await charges([declined.id])).get(declined.id)).toMatchObject({
      status: 'open',
      amount_due: '5000',
      amount_pending: '0',
    });
    const autopay = await api.request('GET', '/v1/portal/autopay', { auth: session });
    expect(autopay.body).toMatchObject({
      status: 'paused',
      payment_method: card,
      paused_reason: 'card_declined',
      last_failed_payment: payment?.id,
    });
    const paused = await db
      .selectFrom('event')
      .select('data')
      .where('type', '=', 'autopay.paused')
      .where('object_id', '=', customer)
      .execute();
    expect(paused.map((event) => event.data)).toEqual([
      { customer, payment_method: card, reason: 'card_declined', payment: payment?.id },
    ]);

    api.clock.set('2026-09-02T10:00:00Z');
    await jobRunner(db).runOnce();
    expect(await paymentsOf(later.id)).toEqual([]);

    const nextSession = await api.createSession(customer);
    const goodCard = await api.saveCard(nextSession);
    const resumed = await api.turnOnAutopay(nextSession, goodCard);
    expect(resumed).toMatchObject({
      status: 'active',
      enabled_on: '2026-09-02',
      paused_reason: null,
      last_failed_payment: null,
    });
    await jobRunner(db).runOnce();
    expect((await paymentsOf(later.id)).map((row) => row.status)).toEqual(['succeeded']);
    expect(await paymentsOf(declined.id)).toHaveLength(1);
  });

  it('charges only what is left after a partial payment', async () => {
    api.clock.set('2026-09-10T10:00:00Z');
    const { customer, session, card } = await autopayCustomer();
    const invoice = await invoiceDue(customer, '2026-09-10', 10_000);
    const partial = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 2_500 }]);
    expect(partial.status).toBe(201);

    await jobRunner(db).runOnce();

    const payments = await paymentsOf(invoice.id);
    expect(payments.map((row) => [row.source, row.amount]).sort()).toEqual([
      ['autopay', '7500'],
      ['portal', '2500'],
    ]);
    expect((await charges([invoice.id])).get(invoice.id)).toMatchObject({ status: 'paid' });
  });

  it('leaves a remainder below the minimum charge unpaid instead of charging it', async () => {
    api.clock.set('2026-09-20T10:00:00Z');
    const { customer, session, card } = await autopayCustomer();
    const invoice = await invoiceDue(customer, '2026-09-20', 10_000);
    const partial = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 9_970 }]);
    expect(partial.status).toBe(201);

    const provider = new RecordingProvider();
    await jobRunner(db, provider).runOnce();

    expect(provider.charges.filter((request) => request.invoiceIds.includes(invoice.id))).toEqual(
      [],
    );
    expect((await charges([invoice.id])).get(invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '30',
    });
    const job = await jobOutcome(db, `${invoice.id}:2026-09-20`);
    expect(job).toEqual({
      status: 'done',
      result: { invoice: invoice.id, skipped: 'below_minimum_charge' },
    });
  });
});
