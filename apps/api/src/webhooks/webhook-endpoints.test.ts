import type { DulyEvent, WebhookEndpoint, WebhookEndpointWithSecret } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { createIsolatedDatabase } from '../jobs/job-test-kit.js';
import { hashSecret } from '../secrets.js';
import type { TestDatabase } from '../testing/index.js';
import { expectProblemCases } from '../testing/problem-cases.js';

let database: TestDatabase;
let db: PostgresDb;
let api: ApiFixture;
let key: string;
const LIVE_KEY = 'sk_live_WebhookEndpointsTestLive0000000';

beforeAll(async () => {
  // Its own database, so that no job runner of another test file sends its deliveries.
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 5 });
  api = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z', vendorName: 'Endpoints Co.' });
  key = api.vendor.secret_key;
  // A live key of the same vendor, stored as createVendor stores keys.
  await db
    .insertInto('api_key')
    .values({
      id: 'key_webhookEndpointsLive00',
      vendor_id: api.vendor.id,
      livemode: true,
      secret_hash: hashSecret(LIVE_KEY),
      secret_last4: LIVE_KEY.slice(-4),
      created_at: api.clock.now(),
      revoked_at: null,
    })
    .execute();
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

function create(body: Record<string, unknown>) {
  return api.vendorCall<WebhookEndpointWithSecret>('POST', '/v1/webhook_endpoints', body, 201);
}

async function eventsOf(objectId: string): Promise<DulyEvent[]> {
  const page = await api.vendorCall<{ data: DulyEvent[] }>(
    'GET',
    `/v1/events?object=${objectId}`,
    undefined,
    200,
  );
  return page.data;
}

describe('webhook endpoints', () => {
  it('creates an endpoint with a secret', async () => {
    const endpoint = await create({
      url: 'https://127.0.0.1:4562/duly',
      enabled_events: ['payment.succeeded', 'invoice.paid', 'payment.succeeded'],
      description: 'Accounting sync',
    });

    expect(endpoint.id).toMatch(/^we_/);
    expect(endpoint.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(endpoint.enabled_events).toEqual(['payment.succeeded', 'invoice.paid']);
    expect(endpoint.status).toBe('enabled');
    expect(endpoint.description).toBe('Accounting sync');
    expect(endpoint.livemode).toBe(false);

    const read = await api.vendorCall<WebhookEndpoint & { secret?: string }>(
      'GET',
      `/v1/webhook_endpoints/${endpoint.id}`,
      undefined,
      200,
    );
    expect(read.secret).toBeUndefined();
    expect(read.url).toBe('https://127.0.0.1:4562/duly');

    const events = await eventsOf(endpoint.id);
    expect(events.map((event) => event.type)).toEqual(['webhook_endpoint.created']);
    expect(JSON.stringify(events)).not.toContain(endpoint.secret);
  });

  it('stores a star as every type', async () => {
    const endpoint = await create({
      url: 'http://127.0.0.1:4561/hooks',
      enabled_events: ['invoice.paid', '*'],
    });
    expect(endpoint.enabled_events).toEqual(['*']);
  });

  it('lists endpoints newest first', async () => {
    const first = await create({ url: 'https://127.0.0.1:4563/', enabled_events: ['*'] });
    api.clock.advance(1_000);
    const second = await create({ url: 'https://127.0.0.1:4564/', enabled_events: ['*'] });

    const page = await api.vendorCall<{ data: WebhookEndpoint[]; next_cursor: string | null }>(
      'GET',
      '/v1/webhook_endpoints?limit=1',
      undefined,
      200,
    );
    expect(page.data.map((endpoint) => endpoint.id)).toEqual([second.id]);
    expect(page.next_cursor).not.toBeNull();

    const next = await api.vendorCall<{ data: WebhookEndpoint[] }>(
      'GET',
      `/v1/webhook_endpoints?limit=100&cursor=${page.next_cursor}`,
      undefined,
      200,
    );
    const rest = next.data.map((endpoint) => endpoint.id);
    expect(rest).toContain(first.id);
    expect(rest).not.toContain(second.id);
  });

  it('updates and disables an endpoint', async () => {
    const endpoint = await create({ url: 'https://127.0.0.1:4565/', enabled_events: ['*'] });

    const updated = await api.vendorCall<WebhookEndpoint>(
      'PATCH',
      `/v1/webhook_endpoints/${endpoint.id}`,
      { status: 'disabled', enabled_events: ['invoice.created'], description: null },
      200,
    );

    expect(updated.status).toBe('disabled');
    expect(updated.enabled_events).toEqual(['invoice.created']);
    expect(updated.description).toBeNull();
    expect(updated.url).toBe('https://127.0.0.1:4565/');
    const types = (await eventsOf(endpoint.id)).map((event) => event.type);
    expect(types).toEqual(['webhook_endpoint.updated', 'webhook_endpoint.created']);
  });

  it('rolls the secret', async () => {
    const endpoint = await create({ url: 'https://127.0.0.1:4566/', enabled_events: ['*'] });

    const rolled = await api.vendorCall<WebhookEndpointWithSecret>(
      'POST',
      `/v1/webhook_endpoints/${endpoint.id}/roll_secret`,
      { expires_in_seconds: 3_600 },
      200,
    );

    expect(rolled.secret).toMatch(/^whsec_/);
    expect(rolled.secret).not.toBe(endpoint.secret);
    const row = await db
      .selectFrom('webhook_endpoint')
      .select(['previous_secret', 'previous_secret_expires_at'])
      .where('id', '=', endpoint.id)
      .executeTakeFirstOrThrow();
    expect(row.previous_secret).toBe(endpoint.secret);
    expect(row.previous_secret_expires_at?.toISOString()).toBe('2026-06-01T10:00:01.000Z');
    const [event] = await eventsOf(endpoint.id);
    expect(event?.type).toBe('webhook_endpoint.secret_rolled');
  });

  it('deletes an endpoint', async () => {
    const endpoint = await create({ url: 'https://127.0.0.1:4567/', enabled_events: ['*'] });

    const deleted = await api.vendorCall<{ deleted: boolean }>(
      'DELETE',
      `/v1/webhook_endpoints/${endpoint.id}`,
      undefined,
      200,
    );

    expect(deleted).toEqual({ object: 'webhook_endpoint', id: endpoint.id, deleted: true });
    const response = await api.request('GET', `/v1/webhook_endpoints/${endpoint.id}`, {
      auth: key,
    });
    expect(response.status).toBe(404);
    expect((await eventsOf(endpoint.id))[0]?.type).toBe('webhook_endpoint.deleted');
  });

  it('keeps live and test endpoints apart', async () => {
    const live = await api.request<WebhookEndpoint>('POST', '/v1/webhook_endpoints', {
      auth: LIVE_KEY,
      body: { url: 'https://127.0.0.1:4568/hooks', enabled_events: ['*'] },
    });
    expect(live.status).toBe(201);
    expect(live.body.livemode).toBe(true);

    const fromTest = await api.request('GET', `/v1/webhook_endpoints/${live.body.id}`, {
      auth: key,
    });
    expect(fromTest.status).toBe(404);
  });

  it('rejects bad endpoint requests', async () => {
    const endpoint = await create({ url: 'https://127.0.0.1:4569/', enabled_events: ['*'] });
    await expectProblemCases(api, [
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: {
          url: 'https://127.0.0.1:4570/',
          enabled_events: ['invoice.created', 'invoice.eaten'],
        },
        status: 400,
        code: 'validation_failed',
        param: 'enabled_events[1]',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { url: 'https://127.0.0.1:4570/', enabled_events: ['portal_session.created'] },
        status: 400,
        code: 'validation_failed',
        param: 'enabled_events[0]',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { url: 'https://127.0.0.1:4570/', enabled_events: [] },
        status: 400,
        code: 'validation_failed',
        param: 'enabled_events',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { enabled_events: ['*'] },
        status: 400,
        code: 'validation_failed',
        param: 'url',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { url: 'ftp://127.0.0.1:4571/', enabled_events: ['*'] },
        status: 400,
        code: 'webhook_url_invalid',
        param: 'url',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { url: 'not a url', enabled_events: ['*'] },
        status: 400,
        code: 'webhook_url_invalid',
        param: 'url',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { url: 'https://user:pass@127.0.0.1:4570/', enabled_events: ['*'] },
        status: 400,
        code: 'webhook_url_invalid',
        param: 'url',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: LIVE_KEY,
        body: { url: 'http://127.0.0.1:4570/', enabled_events: ['*'] },
        status: 400,
        code: 'webhook_url_invalid',
        param: 'url',
      },
      {
        method: 'POST',
        path: '/v1/webhook_endpoints',
        auth: key,
        body: { url: 'https://127.0.0.1:4570/', enabled_events: ['*'], secret: 'whsec_mine' },
        status: 400,
        code: 'validation_failed',
        param: 'secret',
      },
      {
        method: 'PATCH',
        path: `/v1/webhook_endpoints/${endpoint.id}`,
        auth: key,
        body: { status: 'paused' },
        status: 400,
        code: 'validation_failed',
        param: 'status',
      },
      {
        method: 'PATCH',
        path: `/v1/webhook_endpoints/${endpoint.id}`,
        auth: key,
        body: { url: 'https://user@127.0.0.1:4570/' },
        status: 400,
        code: 'webhook_url_invalid',
        param: 'url',
      },
      {
        method: 'PATCH',
        path: '/v1/webhook_endpoints/we_missing',
        auth: key,
        body: { status: 'disabled' },
        status: 404,
        code: 'webhook_endpoint_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: `/v1/webhook_endpoints/${endpoint.id}/roll_secret`,
        auth: key,
        body: { expires_in_seconds: 8 * 24 * 3_600 },
        status: 400,
        code: 'validation_failed',
        param: 'expires_in_seconds',
      },
      {
        method: 'DELETE',
        path: '/v1/webhook_endpoints/we_missing',
        auth: key,
        status: 404,
        code: 'webhook_endpoint_not_found',
        param: 'id',
      },
      {
        method: 'GET',
        path: '/v1/webhook_deliveries/whd_missing',
        auth: key,
        status: 404,
        code: 'webhook_delivery_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: '/v1/webhook_deliveries/whd_missing/replay',
        auth: key,
        status: 404,
        code: 'webhook_delivery_not_found',
        param: 'id',
      },
      {
        method: 'GET',
        path: '/v1/webhook_deliveries?status=lost',
        auth: key,
        status: 400,
        code: 'validation_failed',
        param: 'status',
      },
      {
        method: 'GET',
        path: '/v1/events/evt_missing',
        auth: key,
        status: 404,
        code: 'event_not_found',
        param: 'id',
      },
      {
        method: 'GET',
        path: '/v1/events?cursor=bogus',
        auth: key,
        status: 400,
        code: 'invalid_cursor',
        param: 'cursor',
      },
    ]);
  });

  it('names the unknown event type', async () => {
    const response = await api.request<{ detail: string }>('POST', '/v1/webhook_endpoints', {
      auth: key,
      body: { url: 'https://127.0.0.1:4570/', enabled_events: ['invoice.eaten'] },
    });
    expect(response.body.detail).toContain('"invoice.eaten"');
    const count = await db
      .selectFrom('webhook_endpoint')
      .select(db.fn.countAll().as('count'))
      .where('url', '=', 'https://127.0.0.1:4570/')
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(0);
  });

  it('refuses replay to a disabled endpoint', async () => {
    const endpoint = await create({ url: 'https://127.0.0.1:4572/', enabled_events: ['*'] });
    await api.createCustomer({ name: 'Replay Refused Co' });
    await api.vendorCall(
      'PATCH',
      `/v1/webhook_endpoints/${endpoint.id}`,
      { status: 'disabled' },
      200,
    );
    const deliveries = await api.vendorCall<{ data: Array<{ id: string }> }>(
      'GET',
      `/v1/webhook_deliveries?endpoint=${endpoint.id}`,
      undefined,
      200,
    );
    const [delivery] = deliveries.data;

    const response = await api.request<{ code: string }>(
      'POST',
      `/v1/webhook_deliveries/${delivery?.id}/replay`,
      { auth: key },
    );

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('webhook_endpoint_disabled');
  });
});

describe('event log', () => {
  it('lists events by type and object', async () => {
    const customer = await api.createCustomer({ name: 'Event Log Co' });
    const invoice = await api.createInvoice(customer.id);

    const byType = await api.vendorCall<{ data: DulyEvent[] }>(
      'GET',
      '/v1/events?type=invoice.created&limit=100',
      undefined,
      200,
    );
    expect(byType.data.map((event) => event.data.object.id)).toContain(invoice.id);
    expect(byType.data.every((event) => event.type === 'invoice.created')).toBe(true);

    const [created] = await eventsOf(customer.id);
    expect(created).toEqual({
      object: 'event',
      id: expect.stringMatching(/^evt_/),
      type: 'customer.created',
      created_at: api.clock.now().toISOString(),
      livemode: false,
      data: { object: expect.objectContaining({ id: customer.id, name: 'Event Log Co' }) },
    });
    const read = await api.vendorCall<DulyEvent>(
      'GET',
      `/v1/events/${created?.id}`,
      undefined,
      200,
    );
    expect(read).toEqual(created);
  });

  it('pages through events newest first', async () => {
    const customer = await api.createCustomer({ name: 'Paging Co' });
    await api.createInvoice(customer.id);
    await api.createInvoice(customer.id);

    const first = await api.vendorCall<{ data: DulyEvent[]; next_cursor: string }>(
      'GET',
      '/v1/events?limit=2',
      undefined,
      200,
    );
    const second = await api.vendorCall<{ data: DulyEvent[] }>(
      'GET',
      `/v1/events?limit=2&cursor=${first.next_cursor}`,
      undefined,
      200,
    );

    expect(first.data.map((event) => event.type)).toEqual(['invoice.created', 'invoice.created']);
    expect(second.data[0]?.type).toBe('customer.created');
    expect(second.data[0]?.data.object.id).toBe(customer.id);
  });
});
