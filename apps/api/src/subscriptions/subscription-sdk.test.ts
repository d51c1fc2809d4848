import type { AddressInfo } from 'node:net';
import { createIdempotencyKey, createPortalClient } from '@duly/sdk';
import { createDulyServer, DulyInvalidRequestError } from '@duly/sdk/server';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;
let server: ServerType;
let baseUrl: string;

beforeAll(async () => {
  api = await ApiFixture.create(db, { now: '2026-06-01T00:00:00Z', vendorName: 'SDK Co.' });
  // A port of this module's range, so the test can run beside other modules' servers.
  server = serve({ fetch: api.app.fetch, hostname: '127.0.0.1', port: 4500 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.destroy();
});

describe('subscription SDK calls', () => {
  it('manages plans, subscriptions and settings', async () => {
    const duly = createDulyServer({ secretKey: api.vendor.secret_key, api: baseUrl });
    const basic = await duly.plans.create({
      name: 'Basic',
      interval: 'month',
      currency: 'USD',
      unit_amount: 3_000,
    });
    // The list is newest first, and plans made at the same instant would tie.
    api.clock.advance(1000);
    const team = await duly.plans.create({
      name: 'Team',
      interval: 'month',
      currency: 'USD',
      unit_amount: 6_000,
    });
    expect((await duly.plans.retrieve(basic.id)).name).toBe('Basic');
    expect((await duly.plans.update(basic.id, { name: 'Starter' })).name).toBe('Starter');
    const plans = await duly.plans.list({ active: true });
    expect(plans.data.map((plan) => plan.id)).toEqual([team.id, basic.id]);

    const customer = await api.createCustomer();
    const subscription = await duly.subscriptions.create({ customer: customer.id, plan: basic.id });
    expect(subscription.status).toBe('active');
    const listed = await duly.subscriptions.list({ customer: customer.id, status: 'active' });
    expect(listed.data.map((entry) => entry.id)).toEqual([subscription.id]);

    // 15 of June's 30 days are left: 3,000 / 2 and 6,000 / 2.
    api.clock.set('2026-06-16T00:00:00Z');
    const preview = await duly.subscriptions.preview(subscription.id, { plan: team.id });
    expect(preview).toMatchObject({ credit: 1_500, charge: 3_000, net: 1_500 });
    const changed = await duly.subscriptions.change(
      subscription.id,
      { plan: team.id, proration_date: preview.proration_date },
      { idempotencyKey: createIdempotencyKey() },
    );
    expect(changed.plan.id).toBe(team.id);

    const settings = await duly.subscriptionSettings.update({ pause_allowed: true });
    expect(settings.pause_allowed).toBe(true);
    expect((await duly.subscriptionSettings.retrieve()).retry_days).toEqual([1, 3, 5]);

    expect((await duly.subscriptions.pause(subscription.id)).status).toBe('paused');
    expect((await duly.subscriptions.unpause(subscription.id)).status).toBe('active');
    const ending = await duly.subscriptions.cancel(subscription.id, {
      at: 'period_end',
      reason: 'Moving to annual billing',
    });
    expect(ending.cancel_at_period_end).toBe(true);
    expect((await duly.subscriptions.resume(subscription.id)).cancel_at_period_end).toBe(false);
    expect((await duly.subscriptions.retrieve(subscription.id)).plan.id).toBe(team.id);

    await expect(
      duly.subscriptions.preview(subscription.id, { quantity: 1, plan: team.id }),
    ).rejects.toBeInstanceOf(DulyInvalidRequestError);
  });

  it('drives the portal client routes', async () => {
    api.clock.set('2026-06-01T00:00:00Z');
    const duly = createDulyServer({ secretKey: api.vendor.secret_key, api: baseUrl });
    const plan = await duly.plans.create({
      name: 'Seats',
      interval: 'month',
      currency: 'USD',
      unit_amount: 1_000,
    });
    const customer = await api.createCustomer();
    const subscription = await duly.subscriptions.create({
      customer: customer.id,
      plan: plan.id,
      quantity: 2,
    });
    api.clock.set('2026-06-16T00:00:00Z');
    const session = await api.createSession(customer.id);
    const portal = createPortalClient({ api: baseUrl, session });

    const list = await portal.listSubscriptions();
    expect(list.data.map((entry) => entry.id)).toEqual([subscription.id]);
    expect((await portal.getSubscription(subscription.id)).quantity).toBe(2);
    const options = await portal.getSubscriptionOptions();
    expect(options.plans.map((entry) => entry.id)).toContain(plan.id);

    const preview = await portal.previewSubscriptionChange(subscription.id, { quantity: 3 });
    expect(preview).toMatchObject({ credit: 1_000, charge: 1_500, net: 500 });
    const changed = await portal.changeSubscription(
      subscription.id,
      { quantity: 3, proration_date: preview.proration_date },
      { idempotencyKey: createIdempotencyKey() },
    );
    expect(changed.quantity).toBe(3);
    const canceled = await portal.cancelSubscription(subscription.id, {
      at: 'period_end',
      reason: options.cancellation_reasons[0] ?? 'Other',
    });
    expect(canceled.cancel_at_period_end).toBe(true);
    expect((await portal.resumeSubscription(subscription.id)).cancel_at_period_end).toBe(false);
  });
});
