import type { Subscription } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { createJobRunner } from '../jobs/background-jobs.js';
import { createIsolatedDatabase, RecordingProvider } from '../jobs/job-test-kit.js';
import type { TestDatabase } from '../testing/index.js';
import { eventTypes } from '../testing/ledger-reads.js';
import { SUBSCRIPTION_PAYMENT_RETRY } from './subscription-payment-jobs.js';
import { SUBSCRIPTION_RENEWAL } from './subscription-renewal-job.js';
import {
  createPlan,
  postChange,
  subscribe,
  subscriptionInvoices,
} from './subscription-test-kit.js';

const DECLINED_CARD = '4000 0000 0000 0002';

let database: TestDatabase;
/** The fixture's pool, which the first runner also uses. The second runner has its own. */
let db: PostgresDb;
let otherDb: PostgresDb;
let api: ApiFixture;
const provider = new RecordingProvider();

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 10 });
  otherDb = connectDatabase(database.url, { max: 10 });
  api = await ApiFixture.create(db, { now: '2026-01-31T10:00:00Z', vendorName: 'Renewals Co.' });
});
afterAll(async () => {
  await db.destroy();
  await otherDb.destroy();
  await database.drop();
});

function jobRunner(pool: PostgresDb) {
  return createJobRunner({
    db: pool,
    clock: api.clock,
    logger: silentLogger,
    providers: new Map([['sandbox', provider]]),
    sandboxAchDelayMs: 60_000,
  });
}

/** Polls with two runners on two pools at once, as two API processes would. */
async function pollTwice() {
  const [first, second] = await Promise.all([
    jobRunner(db).runOnce(),
    jobRunner(otherDb).runOnce(),
  ]);
  return { first, second };
}

/** Creates a customer whose autopay charges a saved card, a good one unless `card` names another. */
async function autopayCustomer(card?: string) {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const method = await api.saveCard(session, card);
  await api.turnOnAutopay(session, method);
  return customer.id;
}

async function readSubscription(id: string) {
  return api.vendorCall<Subscription>('GET', `/v1/subscriptions/${id}`, undefined, 200);
}

/** Counts the provider's charges of `invoiceId`. */
function chargesOf(invoiceId: string) {
  return provider.charges.filter((charge) => JSON.stringify(charge).includes(invoiceId)).length;
}

async function jobsOf(kind: string, subscription: string) {
  return db
    .selectFrom('job')
    .select(['key', 'status', 'run_at', 'result'])
    .where('kind', '=', kind)
    .where('key', 'like', `${subscription}:%`)
    .orderBy('run_at')
    .execute();
}

describe('subscription renewal', () => {
  it('renews once with two runners', async () => {
    api.clock.set('2026-01-31T10:00:00Z');
    const plan = await createPlan(api, { name: 'Monthly', unit_amount: 3_000 });
    const customer = await autopayCustomer();
    const subscription = await subscribe(api, customer, plan.id);
    await pollTwice();

    api.clock.set('2026-02-28T10:00:00Z');
    await pollTwice();
    await pollTwice();
    const renewed = await readSubscription(subscription.id);
    expect(renewed).toMatchObject({
      status: 'active',
      current_period_start: '2026-02-28T10:00:00.000Z',
      current_period_end: '2026-03-31T10:00:00.000Z',
    });
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(
      invoices.map((entry) => [entry.reason, entry.invoice.status, entry.invoice.total]),
    ).toEqual([
      ['subscription_create', 'paid', 3_000],
      ['subscription_cycle', 'paid', 3_000],
    ]);
    expect(invoices.map((entry) => chargesOf(entry.invoice.id))).toEqual([1, 1]);
    expect(await jobsOf(SUBSCRIPTION_RENEWAL, subscription.id)).toEqual([
      expect.objectContaining({
        key: `${subscription.id}:2026-02-28T10:00:00.000Z`,
        status: 'done',
      }),
    ]);

    // Jan 31 anchors the periods: Feb 28, then Mar 31, not Mar 28.
    api.clock.set('2026-03-31T10:00:00Z');
    await pollTwice();
    expect(await readSubscription(subscription.id)).toMatchObject({
      current_period_start: '2026-03-31T10:00:00.000Z',
      current_period_end: '2026-04-30T10:00:00.000Z',
    });
    expect(
      (await eventTypes(db, subscription.id)).filter((type) => type === 'subscription.renewed'),
    ).toHaveLength(2);
  });

  it('starts paying when the trial ends', async () => {
    api.clock.set('2026-01-31T10:00:00Z');
    const plan = await createPlan(api, { name: 'Trial', unit_amount: 5_000 });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, plan.id, { trial_days: 7 });
    api.clock.set('2026-02-07T09:59:59Z');
    await pollTwice();
    expect((await readSubscription(subscription.id)).status).toBe('trialing');

    api.clock.set('2026-02-07T10:00:00Z');
    await pollTwice();
    expect(await readSubscription(subscription.id)).toMatchObject({
      status: 'active',
      trial_end: '2026-02-07T10:00:00.000Z',
      current_period_start: '2026-02-07T10:00:00.000Z',
      current_period_end: '2026-03-07T10:00:00.000Z',
    });
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(
      invoices.map((entry) => [entry.reason, entry.invoice.total, entry.invoice.due_date]),
    ).toEqual([['subscription_cycle', 5_000, '2026-02-07']]);
    expect(await eventTypes(db, subscription.id)).toEqual([
      'subscription.created',
      'subscription.trial_ended',
      'subscription.renewed',
    ]);
  });

  it('applies a downgrade at period end', async () => {
    api.clock.set('2026-01-31T10:00:00Z');
    const pro = await createPlan(api, { name: 'Pro', unit_amount: 9_000 });
    const lite = await createPlan(api, { name: 'Lite', unit_amount: 2_000 });
    const customer = await autopayCustomer();
    const subscription = await subscribe(api, customer, pro.id, { quantity: 2 });
    api.clock.set('2026-02-10T00:00:00Z');
    const scheduled = await postChange(api, subscription.id, { plan: lite.id, quantity: 1 });
    expect(scheduled.body.scheduled_change?.effective_at).toBe('2026-02-28T10:00:00.000Z');

    api.clock.set('2026-02-28T10:00:00Z');
    await pollTwice();
    expect(await readSubscription(subscription.id)).toMatchObject({
      plan: { id: lite.id },
      quantity: 1,
      scheduled_change: null,
      next_renewal: { at: '2026-03-31T10:00:00.000Z', amount: 2_000 },
    });
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(invoices.map((entry) => entry.invoice.total)).toEqual([18_000, 2_000]);
  });

  it('ends a cancellation at period end', async () => {
    api.clock.set('2026-01-31T10:00:00Z');
    const plan = await createPlan(api, { name: 'Ending', unit_amount: 1_500 });
    const customer = await autopayCustomer();
    const subscription = await subscribe(api, customer, plan.id);
    await api.vendorCall(
      'POST',
      `/v1/subscriptions/${subscription.id}/cancel`,
      { at: 'period_end', reason: 'Contract ended' },
      200,
    );
    api.clock.set('2026-02-28T10:00:00Z');
    await pollTwice();
    expect(await readSubscription(subscription.id)).toMatchObject({
      status: 'canceled',
      canceled_at: '2026-02-28T10:00:00.000Z',
      next_renewal: null,
    });
    expect(await subscriptionInvoices(api, subscription.id)).toHaveLength(1);
    api.clock.set('2026-03-31T10:00:00Z');
    await pollTwice();
    expect(await subscriptionInvoices(api, subscription.id)).toHaveLength(1);
  });
});

describe('past_due subscriptions', () => {
  it('recovers on a retry with a new card', async () => {
    api.clock.set('2026-01-31T10:00:00Z');
    const plan = await createPlan(api, { name: 'Recovering', unit_amount: 4_000 });
    const customer = await autopayCustomer(DECLINED_CARD);
    const subscription = await subscribe(api, customer, plan.id);
    await pollTwice();
    await pollTwice();
    const pastDue = await readSubscription(subscription.id);
    const [created] = await subscriptionInvoices(api, subscription.id);
    expect(pastDue).toMatchObject({ status: 'past_due', latest_invoice: created?.invoice.id });
    const retries = await jobsOf(SUBSCRIPTION_PAYMENT_RETRY, subscription.id);
    expect(retries.map((job) => [job.status, job.run_at.toISOString()])).toEqual([
      ['queued', '2026-02-01T10:00:00.000Z'],
      ['queued', '2026-02-03T10:00:00.000Z'],
      ['queued', '2026-02-05T10:00:00.000Z'],
    ]);

    // The customer saves a good card for autopay; the first retry charges it.
    api.clock.set('2026-01-31T18:00:00Z');
    const session = await api.createSession(customer);
    await api.turnOnAutopay(session, await api.saveCard(session));
    api.clock.set('2026-02-01T10:00:00Z');
    await pollTwice();
    const [invoice] = await subscriptionInvoices(api, subscription.id);
    expect(await readSubscription(subscription.id)).toMatchObject({
      status: 'active',
      latest_invoice: invoice?.invoice.id,
    });
    expect(invoice?.invoice.status).toBe('paid');
    expect(chargesOf(invoice?.invoice.id ?? '')).toBe(2);
    expect((await eventTypes(db, subscription.id)).slice(-2)).toEqual([
      'subscription.past_due',
      'subscription.updated',
    ]);
    api.clock.set('2026-02-05T10:00:00Z');
    await pollTwice();
    expect(chargesOf(invoice?.invoice.id ?? '')).toBe(2);
  });

  it('cancels after the last retry fails', async () => {
    api.clock.set('2026-01-31T10:00:00Z');
    const plan = await createPlan(api, { name: 'Failing', unit_amount: 4_000 });
    const customer = await autopayCustomer(DECLINED_CARD);
    const subscription = await subscribe(api, customer, plan.id);
    await pollTwice();
    await pollTwice();
    const [invoice] = await subscriptionInvoices(api, subscription.id);
    const invoiceId = invoice?.invoice.id ?? '';

    for (const day of ['2026-02-01', '2026-02-03']) {
      api.clock.set(`${day}T10:00:00Z`);
      await pollTwice();
      expect((await readSubscription(subscription.id)).status).toBe('past_due');
    }
    expect(chargesOf(invoiceId)).toBe(3);
    api.clock.set('2026-02-05T10:00:00Z');
    await pollTwice();
    expect(await readSubscription(subscription.id)).toMatchObject({
      status: 'canceled',
      canceled_at: '2026-02-05T10:00:00.000Z',
      cancellation_reason: 'payment_failed',
    });
    expect(chargesOf(invoiceId)).toBe(4);
    expect((await eventTypes(db, subscription.id)).slice(-2)).toEqual([
      'subscription.past_due',
      'subscription.canceled',
    ]);
    const retries = await jobsOf(SUBSCRIPTION_PAYMENT_RETRY, subscription.id);
    expect(retries.map((job) => job.result?.status)).toEqual(['failed', 'failed', 'failed']);
  });

  it('retries the next renewal too', async () => {
    await api.vendorCall(
      'PATCH',
      '/v1/subscription_settings',
      { retry_days: [1], after_last_retry: 'stay_past_due' },
      200,
    );
    try {
      api.clock.set('2026-01-31T10:00:00Z');
      const plan = await createPlan(api, { name: 'Lingering', unit_amount: 2_500 });
      const customer = await autopayCustomer(DECLINED_CARD);
      const subscription = await subscribe(api, customer, plan.id);
      await pollTwice();
      await pollTwice();
      api.clock.set('2026-02-01T10:00:00Z');
      await pollTwice();
      expect((await readSubscription(subscription.id)).status).toBe('past_due');

      // The decline paused autopay, so nothing charges the renewal's invoice. Once it is
      // overdue it gets a retry of its own, and the subscription stays past_due silently.
      api.clock.set('2026-02-28T10:00:00Z');
      await pollTwice();
      api.clock.set('2026-03-01T10:00:00Z');
      await pollTwice();
      const invoices = await subscriptionInvoices(api, subscription.id);
      const renewal = invoices[1]?.invoice;
      expect(invoices.map((entry) => [entry.reason, entry.invoice.status])).toEqual([
        ['subscription_create', 'open'],
        ['subscription_cycle', 'open'],
      ]);
      expect(await readSubscription(subscription.id)).toMatchObject({
        status: 'past_due',
        latest_invoice: renewal?.id,
      });
      const retries = await jobsOf(SUBSCRIPTION_PAYMENT_RETRY, subscription.id);
      expect(retries.map((job) => [job.key, job.run_at.toISOString()])).toEqual([
        [`${subscription.id}:${invoices[0]?.invoice.id}:1`, '2026-02-01T10:00:00.000Z'],
        [`${subscription.id}:${renewal?.id}:1`, '2026-03-02T10:00:00.000Z'],
      ]);
      const events = await eventTypes(db, subscription.id);
      expect(events.filter((type) => type === 'subscription.past_due')).toHaveLength(1);
    } finally {
      await api.vendorCall(
        'PATCH',
        '/v1/subscription_settings',
        { retry_days: [1, 3, 5], after_last_retry: 'cancel' },
        200,
      );
    }
  });
});
