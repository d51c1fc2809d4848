import {
  type Plan,
  PlanSchema,
  type PortalSubscriptionOptions,
  PortalSubscriptionOptionsSchema,
  type Subscription,
  type SubscriptionChangePreview,
  SubscriptionChangePreviewSchema,
  SubscriptionSchema,
  type SubscriptionSettings,
  SubscriptionSettingsSchema,
} from '@duly/core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { eventTypes } from '../testing/ledger-reads.js';
import { expectProblem, expectProblemCases } from '../testing/problem-cases.js';
import {
  createPlan,
  postChange,
  subscribe,
  subscriptionInvoices,
} from './subscription-test-kit.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;
let basic: Plan;
let pro: Plan;

type Problem = { code: string; param?: string; detail: string };

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    now: '2026-03-15T12:00:00Z',
    vendorName: 'Subscriptions Co.',
  });
  basic = await createPlan(api, { name: 'Basic', unit_amount: 10_000 });
  pro = await createPlan(api, { name: 'Pro', unit_amount: 25_000 });
});
afterAll(() => db.destroy());
// Tests that move the clock leave it for the next test, so each starts from the same now.
beforeEach(() => api.clock.set('2026-03-15T12:00:00Z'));

function portalCall<T = Subscription & Problem>(
  session: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return api.request<T>(method, `/v1/portal${path}`, {
    auth: session,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** Subscribes a new customer to Basic now and mints a portal session for it. */
async function subscribedCustomer(fields: Record<string, unknown> = {}) {
  const customer = await api.createCustomer();
  const subscription = await subscribe(api, customer.id, basic.id, fields);
  const session = await api.createSession(customer.id);
  return { customer: customer.id, subscription, session };
}

async function subscriptionRow(id: string) {
  return db.selectFrom('subscription').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('plans', () => {
  it('creates, lists and withdraws a plan', async () => {
    const plan = await createPlan(api, { name: 'Team', currency: 'EUR', unit_amount: 4_900 });
    expect(plan).toMatchObject({
      object: 'plan',
      name: 'Team',
      interval: 'month',
      currency: 'EUR',
      unit_amount: 4_900,
      active: true,
      livemode: false,
    });
    const updated = await api.vendorCall<Plan>(
      'PATCH',
      `/v1/plans/${plan.id}`,
      { active: false, description: 'Retired in 2026' },
      200,
    );
    expect(updated).toMatchObject({
      active: false,
      description: 'Retired in 2026',
      unit_amount: 4_900,
    });
    const active = await api.vendorCall<{ data: Plan[] }>(
      'GET',
      '/v1/plans?active=true',
      undefined,
      200,
    );
    expect(active.data.map((entry) => entry.id)).not.toContain(plan.id);
    expect(active.data.map((entry) => entry.id)).toContain(basic.id);
    expect(await eventTypes(db, plan.id)).toEqual(['plan.created', 'plan.updated']);
  });

  it('rejects bad plans', async () => {
    await expectProblemCases(api, [
      {
        method: 'POST',
        path: '/v1/plans',
        auth: api.vendor.secret_key,
        body: { name: 'X', interval: 'week', currency: 'USD', unit_amount: 1 },
        status: 400,
        code: 'validation_failed',
        param: 'interval',
      },
      {
        method: 'POST',
        path: '/v1/plans',
        auth: api.vendor.secret_key,
        body: { name: 'X', interval: 'month', currency: 'USD', unit_amount: -1 },
        status: 400,
        code: 'validation_failed',
        param: 'unit_amount',
      },
      {
        method: 'PATCH',
        path: '/v1/plans/plan_unknown',
        auth: api.vendor.secret_key,
        body: { name: 'Y' },
        status: 404,
        code: 'plan_not_found',
        param: 'id',
      },
      {
        method: 'PATCH',
        path: `/v1/plans/${basic.id}`,
        auth: api.vendor.secret_key,
        body: { unit_amount: 5 },
        status: 400,
        code: 'validation_failed',
        param: 'unit_amount',
      },
    ]);
  });
});

describe('subscriptions', () => {
  it('invoices the first period at once', async () => {
    const { customer, subscription } = await subscribedCustomer({ quantity: 2 });
    expect(subscription).toMatchObject({
      object: 'subscription',
      customer,
      status: 'active',
      quantity: 2,
      current_period_start: '2026-03-15T12:00:00.000Z',
      current_period_end: '2026-04-15T12:00:00.000Z',
      cancel_at_period_end: false,
      scheduled_change: null,
      pause_allowed: false,
      next_renewal: { at: '2026-04-15T12:00:00.000Z', amount: 20_000, currency: 'USD' },
    });
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.invoice).toMatchObject({
      subscription: subscription.id,
      customer,
      status: 'open',
      currency: 'USD',
      total: 20_000,
      issue_date: '2026-03-15',
      due_date: '2026-03-15',
      lines: [
        {
          description: 'Basic, 2026-03-15 to 2026-04-15',
          quantity: 2,
          unit_amount: 10_000,
          amount: 20_000,
        },
      ],
    });
    expect(await eventTypes(db, subscription.id)).toEqual(['subscription.created']);
  });

  it('invoices nothing during a trial', async () => {
    const { subscription } = await subscribedCustomer({ trial_days: 14 });
    expect(subscription).toMatchObject({
      status: 'trialing',
      trial_end: '2026-03-29T12:00:00.000Z',
      current_period_end: '2026-03-29T12:00:00.000Z',
      next_renewal: { at: '2026-03-29T12:00:00.000Z', amount: 10_000, currency: 'USD' },
    });
    expect(await subscriptionInvoices(api, subscription.id)).toEqual([]);
  });

  it('lists by customer and status', async () => {
    const { customer, subscription } = await subscribedCustomer();
    const page = await api.vendorCall<{ data: Subscription[] }>(
      'GET',
      `/v1/subscriptions?customer=${customer}&status=active`,
      undefined,
      200,
    );
    expect(page.data.map((entry) => entry.id)).toEqual([subscription.id]);
    const none = await api.vendorCall<{ data: Subscription[] }>(
      'GET',
      `/v1/subscriptions?customer=${customer}&status=canceled`,
      undefined,
      200,
    );
    expect(none.data).toEqual([]);
  });

  it('cancels at period end, then resumes', async () => {
    const { subscription, session } = await subscribedCustomer();
    const canceling = await portalCall(
      session,
      'POST',
      `/subscriptions/${subscription.id}/cancel`,
      {
        at: 'period_end',
        reason: 'Too expensive',
        comment: 'Budget cut',
      },
    );
    expect(canceling.status).toBe(200);
    expect(canceling.body).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      canceled_at: null,
      cancellation_reason: 'Too expensive',
      cancellation_comment: 'Budget cut',
      next_renewal: null,
    });
    const resumed = await portalCall(
      session,
      'POST',
      `/subscriptions/${subscription.id}/resume`,
      {},
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({
      status: 'active',
      cancel_at_period_end: false,
      cancellation_reason: null,
      next_renewal: { at: subscription.current_period_end, amount: 10_000 },
    });
    expect(await eventTypes(db, subscription.id)).toEqual([
      'subscription.created',
      'subscription.cancel_scheduled',
      'subscription.cancel_withdrawn',
    ]);
  });

  it('cancels now without credit', async () => {
    const { customer, subscription, session } = await subscribedCustomer();
    api.clock.advance(1_800_000);
    const canceled = await portalCall(session, 'POST', `/subscriptions/${subscription.id}/cancel`, {
      at: 'now',
      reason: 'No longer needed',
    });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      status: 'canceled',
      canceled_at: '2026-03-15T12:30:00.000Z',
      next_renewal: null,
    });
    const notes = await api.vendorCall<{ data: unknown[] }>(
      'GET',
      `/v1/credit_notes?customer=${customer}`,
      undefined,
      200,
    );
    expect(notes.data).toEqual([]);
    const again = await portalCall(session, 'POST', `/subscriptions/${subscription.id}/resume`, {});
    expectProblem(again, { status: 409, code: 'subscription_status_conflict' }, 'resume canceled');
  });

  it('pauses and unpauses with a new period', async () => {
    const { subscription } = await subscribedCustomer();
    const paused = await api.vendorCall<Subscription>(
      'POST',
      `/v1/subscriptions/${subscription.id}/pause`,
      {},
      200,
    );
    expect(paused).toMatchObject({
      status: 'paused',
      paused_at: '2026-03-15T12:00:00.000Z',
      next_renewal: null,
    });
    api.clock.set('2026-05-02T08:00:00Z');
    const unpaused = await api.vendorCall<Subscription>(
      'POST',
      `/v1/subscriptions/${subscription.id}/unpause`,
      {},
      200,
    );
    expect(unpaused).toMatchObject({
      status: 'active',
      paused_at: null,
      current_period_start: '2026-05-02T08:00:00.000Z',
      current_period_end: '2026-06-02T08:00:00.000Z',
    });
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(invoices.map((entry) => [entry.reason, entry.invoice.issue_date])).toEqual([
      ['subscription_create', '2026-03-15'],
      ['subscription_unpause', '2026-05-02'],
    ]);
  });

  it('unpauses within the billed period without an invoice', async () => {
    const { subscription } = await subscribedCustomer();
    await api.vendorCall('POST', `/v1/subscriptions/${subscription.id}/pause`, {}, 200);
    api.clock.set('2026-03-20T09:00:00Z');
    const unpaused = await api.vendorCall<Subscription>(
      'POST',
      `/v1/subscriptions/${subscription.id}/unpause`,
      {},
      200,
    );

    // The period paused on March 15 was invoiced then, so it carries on unbilled.
    expect(unpaused).toMatchObject({
      status: 'active',
      paused_at: null,
      current_period_start: '2026-03-15T12:00:00.000Z',
      current_period_end: '2026-04-15T12:00:00.000Z',
    });
    expect(unpaused.next_renewal?.at).toBe('2026-04-15T12:00:00.000Z');
    const invoices = await subscriptionInvoices(api, subscription.id);
    expect(invoices.map((entry) => entry.reason)).toEqual(['subscription_create']);
    expect(unpaused.latest_invoice).toBe(invoices[0]?.invoice.id);
  });

  it('takes an empty JSON body as no fields', async () => {
    const { subscription } = await subscribedCustomer();
    const response = await api.app.request(`/v1/subscriptions/${subscription.id}/pause`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${api.vendor.secret_key}`,
        'Content-Type': 'application/json',
      },
      body: '',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'paused' });
  });

  it('lets the portal pause when allowed', async () => {
    const { subscription, session } = await subscribedCustomer();
    const refused = await portalCall(
      session,
      'POST',
      `/subscriptions/${subscription.id}/pause`,
      {},
    );
    expectProblem(refused, { status: 403, code: 'pause_not_allowed' }, 'pause while not allowed');
    expect((await subscriptionRow(subscription.id)).status).toBe('active');

    const settings = await api.vendorCall<SubscriptionSettings>(
      'PATCH',
      '/v1/subscription_settings',
      { pause_allowed: true },
      200,
    );
    expect(settings).toMatchObject({
      pause_allowed: true,
      downgrade_timing: 'period_end',
      retry_days: [1, 3, 5],
    });
    const paused = await portalCall(session, 'POST', `/subscriptions/${subscription.id}/pause`, {});
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', pause_allowed: true });
    await api.vendorCall('PATCH', '/v1/subscription_settings', { pause_allowed: false }, 200);
  });
});

describe('portal subscriptions', () => {
  it('shows options and previews a change', async () => {
    const { customer, subscription } = await subscribedCustomer();
    api.clock.set('2026-03-30T12:00:00Z');
    const session = await api.createSession(customer);
    const options = await portalCall<PortalSubscriptionOptions>(
      session,
      'GET',
      '/subscription_options',
    );
    expect(options.status).toBe(200);
    expect(options.body.plans.map((plan) => plan.id)).toEqual(
      expect.arrayContaining([basic.id, pro.id]),
    );
    expect(options.body.cancellation_reasons).toContain('Too expensive');

    const list = await portalCall<{ data: Subscription[] }>(session, 'GET', '/subscriptions');
    expect(list.body.data.map((entry) => entry.id)).toEqual([subscription.id]);

    const preview = await portalCall<SubscriptionChangePreview>(
      session,
      'POST',
      `/subscriptions/${subscription.id}/preview`,
      { plan: pro.id },
    );
    expect(preview.status).toBe(200);
    // 16 of the period's 31 days are left.
    expect(preview.body).toMatchObject({
      effective: 'now',
      credit: 5_161,
      charge: 12_903,
      net: 7_742,
    });
    const changed = await portalCall(
      session,
      'POST',
      `/subscriptions/${subscription.id}/change`,
      { plan: pro.id, proration_date: preview.body.proration_date },
      { 'Idempotency-Key': crypto.randomUUID() },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.plan.id).toBe(pro.id);
  });

  it('hides other customers subscriptions', async () => {
    const { subscription } = await subscribedCustomer();
    const other = await subscribedCustomer();
    const response = await portalCall(other.session, 'GET', `/subscriptions/${subscription.id}`);
    expectProblem(
      response,
      { status: 404, code: 'subscription_not_found', param: 'id' },
      'foreign',
    );
    const cancel = await portalCall(
      other.session,
      'POST',
      `/subscriptions/${subscription.id}/cancel`,
      {
        at: 'now',
        reason: 'Other',
      },
    );
    expectProblem(
      cancel,
      { status: 404, code: 'subscription_not_found', param: 'id' },
      'foreign cancel',
    );
    expect((await subscriptionRow(subscription.id)).status).toBe('active');
  });

  it('needs the subscriptions feature', async () => {
    const { customer } = await subscribedCustomer();
    const session = await api.createSession(customer, { features: ['pay'] });
    const response = await portalCall(session, 'GET', '/subscriptions');
    expectProblem(response, { status: 403, code: 'feature_disabled' }, 'feature off');
  });
});

describe('subscription bad inputs', () => {
  it('rejects bad requests and changes nothing', async () => {
    const { customer, subscription, session } = await subscribedCustomer();
    const euro = await createPlan(api, { name: 'Euro', currency: 'EUR', unit_amount: 9_000 });
    const yearly = await createPlan(api, {
      name: 'Yearly',
      interval: 'year',
      unit_amount: 100_000,
    });
    const retired = await createPlan(api, { name: 'Retired', unit_amount: 30_000 });
    await api.vendorCall('PATCH', `/v1/plans/${retired.id}`, { active: false }, 200);
    const key = api.vendor.secret_key;
    const before = await subscriptionRow(subscription.id);
    const eventsBefore = await eventTypes(db, subscription.id);
    const path = `/v1/subscriptions/${subscription.id}`;
    await expectProblemCases(api, [
      {
        method: 'POST',
        path: '/v1/subscriptions',
        auth: key,
        body: { customer, plan: 'plan_unknown' },
        status: 404,
        code: 'plan_not_found',
        param: 'plan',
      },
      {
        method: 'POST',
        path: '/v1/subscriptions',
        auth: key,
        body: { customer: 'cus_unknown', plan: basic.id },
        status: 404,
        code: 'customer_not_found',
        param: 'customer',
      },
      {
        method: 'POST',
        path: '/v1/subscriptions',
        auth: key,
        body: { customer, plan: basic.id, quantity: 0 },
        status: 400,
        code: 'validation_failed',
        param: 'quantity',
      },
      {
        method: 'POST',
        path: '/v1/subscriptions',
        auth: key,
        body: { customer, plan: retired.id },
        status: 409,
        code: 'plan_inactive',
        param: 'plan',
      },
      {
        method: 'POST',
        path: '/v1/subscriptions',
        auth: key,
        body: { customer, plan: basic.id, start_at: '2026-01-01T00:00:00Z' },
        status: 400,
        code: 'validation_failed',
        param: 'start_at',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { plan: 'plan_unknown' },
        status: 404,
        code: 'plan_not_found',
        param: 'plan',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { plan: euro.id },
        status: 400,
        code: 'plan_currency_mismatch',
        param: 'plan',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { plan: yearly.id },
        status: 400,
        code: 'plan_interval_mismatch',
        param: 'plan',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { plan: retired.id },
        status: 409,
        code: 'plan_inactive',
        param: 'plan',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { quantity: 0 },
        status: 400,
        code: 'validation_failed',
        param: 'quantity',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { quantity: 1 },
        status: 400,
        code: 'validation_failed',
        param: 'quantity',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: {},
        status: 400,
        code: 'validation_failed',
        param: 'plan',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { plan: pro.id, proration_date: '2026-03-15T10:00:00Z' },
        status: 400,
        code: 'proration_date_invalid',
        param: 'proration_date',
      },
      {
        method: 'POST',
        path: `${path}/preview`,
        auth: key,
        body: { plan: pro.id, proration_date: '2026-03-15T12:00:01Z' },
        status: 400,
        code: 'proration_date_invalid',
        param: 'proration_date',
      },
      {
        method: 'POST',
        path: `${path}/cancel`,
        auth: key,
        body: { at: 'later', reason: 'x' },
        status: 400,
        code: 'validation_failed',
        param: 'at',
      },
      {
        method: 'POST',
        path: '/v1/subscriptions/sub_unknown/cancel',
        auth: key,
        body: { at: 'now', reason: 'x' },
        status: 404,
        code: 'subscription_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: `${path}/resume`,
        auth: key,
        body: {},
        status: 409,
        code: 'subscription_status_conflict',
      },
      {
        method: 'POST',
        path: `${path}/unpause`,
        auth: key,
        body: {},
        status: 409,
        code: 'subscription_status_conflict',
      },
      {
        method: 'PATCH',
        path: '/v1/subscription_settings',
        auth: key,
        body: { retry_days: [3, 1] },
        status: 400,
        code: 'validation_failed',
        param: 'retry_days',
      },
      {
        method: 'PATCH',
        path: '/v1/subscription_settings',
        auth: key,
        body: { after_last_retry: 'refund' },
        status: 400,
        code: 'validation_failed',
        param: 'after_last_retry',
      },
      {
        method: 'POST',
        path: `/v1/portal/subscriptions/${subscription.id}/cancel`,
        auth: session,
        body: { at: 'now', reason: 'Aliens' },
        status: 400,
        code: 'cancellation_reason_invalid',
        param: 'reason',
      },
      {
        method: 'POST',
        path: `/v1/portal/subscriptions/${subscription.id}/preview`,
        auth: session,
        body: { plan: pro.id, effective: 'period_end' },
        status: 400,
        code: 'validation_failed',
        param: 'effective',
      },
      {
        method: 'POST',
        path: `/v1/portal/subscriptions/${subscription.id}/pause`,
        auth: session,
        body: {},
        status: 403,
        code: 'pause_not_allowed',
      },
    ]);

    // A stale proration date on the change itself, and a change with no Idempotency-Key.
    api.clock.set('2026-03-15T14:00:00Z');
    const stale = await postChange(api, subscription.id, {
      plan: pro.id,
      proration_date: '2026-03-15T12:00:00Z',
    });
    expectProblem(
      stale,
      { status: 400, code: 'proration_date_invalid', param: 'proration_date' },
      'stale',
    );
    const keyless = await api.request<Problem>('POST', `${path}/change`, {
      auth: key,
      body: { plan: pro.id },
    });
    expectProblem(
      keyless,
      { status: 400, code: 'idempotency_key_missing', param: 'Idempotency-Key' },
      'no key',
    );

    expect(await subscriptionRow(subscription.id)).toEqual(before);
    expect(await eventTypes(db, subscription.id)).toEqual(eventsBefore);
    expect(await subscriptionInvoices(api, subscription.id)).toHaveLength(1);
  });

  it('rejects changes to a canceled subscription', async () => {
    const { subscription } = await subscribedCustomer();
    await api.vendorCall(
      'POST',
      `/v1/subscriptions/${subscription.id}/cancel`,
      { at: 'now', reason: 'Fraud' },
      200,
    );
    const response = await postChange(api, subscription.id, { plan: pro.id });
    expectProblem(response, { status: 409, code: 'subscription_status_conflict' }, 'canceled');
    expect(response.body.detail).toMatch(/canceled/);
  });
});

describe('subscription shapes', () => {
  it('match the core schemas', async () => {
    const { subscription, session } = await subscribedCustomer({ quantity: 3 });
    await postChange(api, subscription.id, { plan: basic.id, quantity: 1 });
    const read = await portalCall<Subscription>(
      session,
      'GET',
      `/subscriptions/${subscription.id}`,
    );
    const strict = SubscriptionSchema.strict();
    expect(strict.safeParse(read.body).error).toBeUndefined();
    expect(read.body.scheduled_change?.quantity).toBe(1);
    expect(PlanSchema.strict().safeParse(basic).error).toBeUndefined();

    const preview = await portalCall<SubscriptionChangePreview>(
      session,
      'POST',
      `/subscriptions/${subscription.id}/preview`,
      { plan: pro.id },
    );
    expect(SubscriptionChangePreviewSchema.strict().safeParse(preview.body).error).toBeUndefined();
    const options = await portalCall(session, 'GET', '/subscription_options');
    expect(PortalSubscriptionOptionsSchema.strict().safeParse(options.body).error).toBeUndefined();
    const settings = await api.vendorCall('GET', '/v1/subscription_settings', undefined, 200);
    expect(SubscriptionSettingsSchema.strict().safeParse(settings).error).toBeUndefined();
  });
});
