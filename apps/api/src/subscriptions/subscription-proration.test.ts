import type { CreditNote, Subscription, SubscriptionChangePreview } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import {
  createPlan,
  postChange,
  previewChange,
  subscribe,
  subscriptionInvoices,
} from './subscription-test-kit.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Proration Co.' });
});
afterAll(() => db.destroy());

/** Reads the credit notes of `customer`, newest first. */
async function creditNotesOf(customer: string) {
  const page = await api.vendorCall<{ data: CreditNote[] }>(
    'GET',
    `/v1/credit_notes?customer=${customer}`,
    undefined,
    200,
  );
  return page.data;
}

/**
 * Checks that the change's invoice and credit note carry exactly the preview's lines: the
 * charge as the invoice's line, the credit as a credit note applied to that invoice.
 */
async function expectBilledAsPreviewed(
  subscription: Subscription,
  preview: SubscriptionChangePreview,
) {
  const invoices = await subscriptionInvoices(api, subscription.id);
  const update = invoices.filter((entry) => entry.reason === 'subscription_update');
  const charge = preview.lines.find((line) => line.kind === 'charge');
  const credit = preview.lines.find((line) => line.kind === 'credit');
  expect(update).toHaveLength(charge === undefined ? 0 : 1);
  const invoice = update[0]?.invoice;
  if (charge !== undefined) {
    expect(invoice?.lines).toEqual([
      {
        description: charge.description,
        quantity: 1,
        unit_amount: charge.amount,
        amount: charge.amount,
      },
    ]);
    expect(invoice?.total).toBe(preview.charge);
    expect(invoice?.due_date).toBe(invoice?.issue_date);
  }
  const notes = await creditNotesOf(subscription.customer);
  const note = notes.find((entry) => entry.reason === credit?.description);
  expect(note?.amount).toBe(credit?.amount);
  if (invoice !== undefined && credit !== undefined) {
    expect(invoice.credits?.map((entry) => entry.amount)).toEqual([
      Math.min(credit.amount, charge?.amount ?? 0),
    ]);
    expect(invoice.amount_due).toBe(Math.max(preview.net, 0));
  }
  return { invoice, note };
}

describe('subscription proration', () => {
  it('upgrades mid-month to the cent', async () => {
    api.clock.set('2026-12-01T00:00:00Z');
    const basic = await createPlan(api, { name: 'Basic', unit_amount: 10_000 });
    const pro = await createPlan(api, { name: 'Pro', unit_amount: 25_000 });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, basic.id);
    expect(subscription.current_period_end).toBe('2027-01-01T00:00:00.000Z');

    // 16 of December's 31 days are left: 10,000 x 16/31 = 5,161.29 and 25,000 x 16/31 =
    // 12,903.23, each rounded half up.
    api.clock.set('2026-12-16T00:00:00Z');
    const preview = await previewChange(api, subscription.id, { plan: pro.id });
    expect(preview).toMatchObject({
      effective: 'now',
      proration_date: '2026-12-16T00:00:00.000Z',
      currency: 'USD',
      credit: 5_161,
      charge: 12_903,
      net: 7_742,
      next_renewal_amount: 25_000,
    });
    expect(preview.lines.map((line) => [line.kind, line.plan, line.amount])).toEqual([
      ['credit', basic.id, 5_161],
      ['charge', pro.id, 12_903],
    ]);

    // The change comes ten minutes later but bills at the preview's instant.
    api.clock.set('2026-12-16T00:10:00Z');
    const changed = await postChange(api, subscription.id, {
      plan: pro.id,
      proration_date: preview.proration_date,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.plan.id).toBe(pro.id);
    expect(changed.body.next_renewal).toEqual({
      at: '2027-01-01T00:00:00.000Z',
      amount: 25_000,
      currency: 'USD',
    });
    const { invoice, note } = await expectBilledAsPreviewed(changed.body, preview);
    expect(invoice?.amount_due).toBe(7_742);
    expect(note?.amount_remaining).toBe(0);
  });

  it('downgrades at period end by default', async () => {
    api.clock.set('2026-11-01T00:00:00Z');
    const pro = await createPlan(api, { name: 'Pro', unit_amount: 4_999 });
    const lite = await createPlan(api, { name: 'Lite', unit_amount: 1_999 });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, pro.id);

    api.clock.set('2026-11-21T00:00:00Z');
    const preview = await previewChange(api, subscription.id, { plan: lite.id });
    expect(preview).toMatchObject({
      effective: 'period_end',
      effective_at: '2026-12-01T00:00:00.000Z',
      lines: [],
      credit: 0,
      charge: 0,
      net: 0,
      next_renewal_amount: 1_999,
    });
    const changed = await postChange(api, subscription.id, { plan: lite.id });
    expect(changed.status).toBe(200);
    expect(changed.body.plan.id).toBe(pro.id);
    expect(changed.body.scheduled_change).toMatchObject({
      plan: { id: lite.id },
      quantity: 1,
      effective_at: '2026-12-01T00:00:00.000Z',
    });
    expect(changed.body.next_renewal?.amount).toBe(1_999);
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(invoices.map((entry) => entry.reason)).toEqual(['subscription_create']);
  });

  it('downgrades now into credit', async () => {
    api.clock.set('2026-11-01T00:00:00Z');
    const pro = await createPlan(api, { name: 'Pro', unit_amount: 4_999 });
    const lite = await createPlan(api, { name: 'Lite', unit_amount: 1_999 });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, pro.id);

    // 10 of November's 30 days are left: 4,999 / 3 = 1,666.33 and 1,999 / 3 = 666.33.
    api.clock.set('2026-11-21T00:00:00Z');
    const body = { plan: lite.id, effective: 'now' };
    const preview = await previewChange(api, subscription.id, body);
    expect(preview).toMatchObject({ effective: 'now', credit: 1_666, charge: 666, net: -1_000 });
    const changed = await postChange(api, subscription.id, {
      ...body,
      proration_date: preview.proration_date,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.plan.id).toBe(lite.id);
    const { invoice, note } = await expectBilledAsPreviewed(changed.body, preview);
    expect(invoice?.status).toBe('paid');
    // What the charge did not take stays with the customer as credit.
    expect(note?.amount_remaining).toBe(1_000);
  });

  it('prorates yearly yen quantities', async () => {
    api.clock.set('2026-01-01T00:00:00Z');
    const seats = await createPlan(api, {
      name: 'Seats',
      interval: 'year',
      currency: 'JPY',
      unit_amount: 1_001,
    });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, seats.id, { quantity: 3 });
    expect(subscription.current_period_end).toBe('2027-01-01T00:00:00.000Z');

    // Noon of July 2 leaves half of 2026: 3,003 / 2 = 1,501.5 and 5,005 / 2 = 2,502.5, half up.
    api.clock.set('2026-07-02T12:00:00Z');
    const preview = await previewChange(api, subscription.id, { quantity: 5 });
    expect(preview).toMatchObject({
      effective: 'now',
      currency: 'JPY',
      credit: 1_502,
      charge: 2_503,
      net: 1_001,
      next_renewal_amount: 5_005,
    });
    const changed = await postChange(api, subscription.id, {
      quantity: 5,
      proration_date: preview.proration_date,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.quantity).toBe(5);
    const { invoice } = await expectBilledAsPreviewed(changed.body, preview);
    expect(invoice?.currency).toBe('JPY');
  });

  it('lowers quantity at period end', async () => {
    api.clock.set('2026-01-01T00:00:00Z');
    const seats = await createPlan(api, {
      name: 'Seats',
      interval: 'year',
      currency: 'JPY',
      unit_amount: 1_001,
    });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, seats.id, { quantity: 5 });
    api.clock.set('2026-03-01T00:00:00Z');
    const changed = await postChange(api, subscription.id, { quantity: 2 });
    expect(changed.status).toBe(200);
    expect(changed.body.quantity).toBe(5);
    expect(changed.body.scheduled_change?.quantity).toBe(2);
    expect(changed.body.next_renewal).toEqual({
      at: '2027-01-01T00:00:00.000Z',
      amount: 2_002,
      currency: 'JPY',
    });
  });

  it('replays a change with its key', async () => {
    api.clock.set('2026-12-01T00:00:00Z');
    const basic = await createPlan(api, { unit_amount: 10_000 });
    const pro = await createPlan(api, { unit_amount: 25_000 });
    const customer = await api.createCustomer();
    const subscription = await subscribe(api, customer.id, basic.id);
    api.clock.set('2026-12-16T00:00:00Z');
    const key = crypto.randomUUID();
    const first = await postChange(api, subscription.id, { plan: pro.id }, key);
    const second = await postChange(api, subscription.id, { plan: pro.id }, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(invoices.map((entry) => entry.reason)).toEqual([
      'subscription_create',
      'subscription_update',
    ]);
  });
});
