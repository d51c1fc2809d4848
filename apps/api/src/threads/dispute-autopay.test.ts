import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { createJobRunner } from '../jobs/background-jobs.js';
import { createIsolatedDatabase, RecordingProvider } from '../jobs/job-test-kit.js';
import type { TestDatabase } from '../testing/index.js';
import { invoiceState } from '../testing/ledger-reads.js';

let database: TestDatabase;
let db: PostgresDb;
let api: ApiFixture;

beforeAll(async () => {
  // Job runners sweep every vendor's rows, so this file has a database of its own.
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 4 });
  api = await ApiFixture.create(db, { now: '2026-07-01T15:00:00Z', vendorName: 'Dispute Co.' });
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

describe('autopay of a disputed invoice', () => {
  it('waits for the dispute to be resolved, then charges', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id, { expires_in: 86_400 });
    const card = await api.saveCard(session);
    await api.turnOnAutopay(session, card);
    const invoice = await api.createInvoice(customer.id, {
      total: 12_500,
      issue_date: '2026-06-01',
      due_date: '2026-07-03',
    });
    const dispute = await api.request<{ id: string }>(
      'POST',
      `/v1/portal/invoices/${invoice.id}/threads`,
      {
        auth: session,
        body: { kind: 'dispute', reason: 'damaged_or_defective', message: 'Half arrived broken.' },
      },
    );
    expect(dispute.status).toBe(201);
    const provider = new RecordingProvider();
    const runner = createJobRunner({
      db,
      clock: api.clock,
      logger: silentLogger,
      providers: new Map([['sandbox', provider]]),
      sandboxAchDelayMs: 60_000,
    });

    api.clock.set('2026-07-03T09:00:00Z');
    const onDueDate = await runner.runOnce();
    api.clock.set('2026-07-04T09:00:00Z');
    const dayAfter = await runner.runOnce();

    expect([onDueDate.enqueued, dayAfter.enqueued]).toEqual([0, 0]);
    expect(provider.charges).toEqual([]);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 12_500, pending: 0 });

    const resolved = await api.request('POST', `/v1/threads/${dispute.body.id}/resolve`, {
      auth: api.vendor.secret_key,
      body: { resolution: 'Replacement shipped; the invoice stands.' },
    });
    expect(resolved.status).toBe(200);
    const afterResolution = await runner.runOnce();

    expect(afterResolution).toMatchObject({ enqueued: 1, done: 1 });
    expect(provider.charges).toHaveLength(1);
    expect(provider.charges[0]).toMatchObject({ amount: 12_500, currency: 'USD' });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
  });

  it('charges a queued charge after its dispute', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id, { expires_in: 86_400 });
    const card = await api.saveCard(session);
    await api.turnOnAutopay(session, card);
    const invoice = await api.createInvoice(customer.id, {
      total: 8_000,
      issue_date: '2026-07-01',
      due_date: '2026-07-10',
    });
    const provider = new RecordingProvider();
    const runner = createJobRunner({
      db,
      clock: api.clock,
      logger: silentLogger,
      providers: new Map([['sandbox', provider]]),
      sandboxAchDelayMs: 60_000,
    });
    const dispute = await api.request<{ id: string }>(
      'POST',
      `/v1/portal/invoices/${invoice.id}/threads`,
      {
        auth: session,
        body: { kind: 'dispute', reason: 'incorrect_amount', message: 'Wrong rate.' },
      },
    );
    expect(dispute.status).toBe(201);
    // The charge is queued on the due date as a sweep would, after the dispute came in
    // (which a sweep would have seen, but a charge queued just before it is the case here).
    api.clock.set('2026-07-10T09:00:00Z');
    await db
      .insertInto('job')
      .values({
        kind: 'autopay_charge',
        key: `${invoice.id}:2026-07-10`,
        vendor_id: api.vendor.id,
        payload: { invoice: invoice.id, due_date: '2026-07-10' },
        status: 'queued',
        run_at: api.clock.now(),
        created_at: api.clock.now(),
        updated_at: api.clock.now(),
      })
      .execute();

    const skipped = await runner.runOnce();
    expect(skipped.done).toBe(1);
    expect(provider.charges).toEqual([]);

    await api.request('POST', `/v1/threads/${dispute.body.id}/resolve`, {
      auth: api.vendor.secret_key,
      body: { resolution: 'Rate confirmed with the customer.' },
    });
    api.clock.set('2026-07-11T09:00:00Z');
    const afterResolution = await runner.runOnce();

    expect(afterResolution).toMatchObject({ enqueued: 1, done: 1 });
    expect(provider.charges).toHaveLength(1);
    expect(provider.charges[0]).toMatchObject({ amount: 8_000 });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
  });
});
