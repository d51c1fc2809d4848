import { describe, expect, it } from 'vitest';
import { stubbedServerClients } from '../testing/stubbed-server-clients.js';

const { clientAnswering } = stubbedServerClients();

describe('subscription calls', () => {
  it('sends plan requests', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'plan', id: 'plan_1' });

    await duly.plans.create({
      name: 'Pro',
      interval: 'year',
      currency: 'JPY',
      unit_amount: 12_000,
    });
    await duly.plans.list({ active: false, limit: 5 });
    await duly.plans.update('plan_1', { active: false });

    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/v1/plans'],
      ['GET', '/v1/plans?active=false&limit=5'],
      ['PATCH', '/v1/plans/plan_1'],
    ]);
    expect(requests[2]?.body).toEqual({ active: false });
  });

  it('changes a subscription with its key', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'subscription', id: 'sub_1' });

    await duly.subscriptions.change(
      'sub_1',
      { quantity: 4, proration_date: '2026-06-16T00:00:00.000Z' },
      { idempotencyKey: 'seats-4' },
    );

    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/subscriptions/sub_1/change');
    expect(requests[0]?.headers['idempotency-key']).toBe('seats-4');
    expect(requests[0]?.body).toEqual({ quantity: 4, proration_date: '2026-06-16T00:00:00.000Z' });
  });

  it('rejects a change without a key', async () => {
    const { duly, requests } = await clientAnswering(200);

    await expect(
      duly.subscriptions.change(
        'sub_1',
        { quantity: 2 },
        undefined as unknown as {
          idempotencyKey: string;
        },
      ),
    ).rejects.toThrow(/options.idempotencyKey is required/);
    expect(requests).toHaveLength(0);
  });

  it('sends lifecycle and settings requests', async () => {
    const { duly, requests } = await clientAnswering(200, {});

    await duly.subscriptions.list({ customer: 'cus_1', status: 'past_due' });
    await duly.subscriptions.cancel('sub_1', { at: 'now', reason: 'Fraud' });
    await duly.subscriptions.resume('sub_1');
    await duly.subscriptions.pause('sub_1');
    await duly.subscriptions.unpause('sub_1');
    await duly.subscriptionSettings.update({ retry_days: [2, 4] });

    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/v1/subscriptions?customer=cus_1&status=past_due'],
      ['POST', '/v1/subscriptions/sub_1/cancel'],
      ['POST', '/v1/subscriptions/sub_1/resume'],
      ['POST', '/v1/subscriptions/sub_1/pause'],
      ['POST', '/v1/subscriptions/sub_1/unpause'],
      ['PATCH', '/v1/subscription_settings'],
    ]);
    expect(requests[5]?.body).toEqual({ retry_days: [2, 4] });
  });
});
