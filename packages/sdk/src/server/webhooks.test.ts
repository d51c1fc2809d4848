import { afterEach, describe, expect, it } from 'vitest';
import { DulyNotFoundError } from '../errors.js';
import { problem, type StubServer, startStubServer } from '../testing/stub-server.js';
import { createDulyServer } from './duly-server.js';

let server: StubServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAnswering(body: unknown = { object: 'list', data: [], next_cursor: null }) {
  server = await startStubServer(() => ({ status: 200, body }));
  return createDulyServer({ secretKey: 'sk_test_abc', api: server.url });
}

describe('webhook calls', () => {
  it('creates an endpoint', async () => {
    const duly = await clientAnswering({ id: 'we_1', secret: 'whsec_x' });

    const endpoint = await duly.webhookEndpoints.create({
      url: 'https://example.com/hooks',
      enabled_events: ['invoice.paid'],
    });

    expect(endpoint.secret).toBe('whsec_x');
    expect(server?.requests[0]?.method).toBe('POST');
    expect(server?.requests[0]?.url).toBe('/v1/webhook_endpoints');
    expect(server?.requests[0]?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(server?.requests[0]?.body).toEqual({
      url: 'https://example.com/hooks',
      enabled_events: ['invoice.paid'],
    });
  });

  it('updates, deletes and rolls endpoints', async () => {
    const duly = await clientAnswering({ id: 'we_1' });

    await duly.webhookEndpoints.update('we_1', { status: 'disabled' });
    await duly.webhookEndpoints.delete('we_1');
    await duly.webhookEndpoints.rollSecret('we_1', { expires_in_seconds: 60 });

    const calls = server?.requests.map((request) => `${request.method} ${request.url}`);
    expect(calls).toEqual([
      'PATCH /v1/webhook_endpoints/we_1',
      'DELETE /v1/webhook_endpoints/we_1',
      'POST /v1/webhook_endpoints/we_1/roll_secret',
    ]);
    expect(server?.requests[0]?.body).toEqual({ status: 'disabled' });
    expect(server?.requests[2]?.body).toEqual({ expires_in_seconds: 60 });
  });

  it('lists deliveries with filters', async () => {
    const duly = await clientAnswering();

    await duly.webhookDeliveries.list({ endpoint: 'we_1', status: 'failed', limit: 5 });
    await duly.webhookDeliveries.replay('whd_1');

    expect(server?.requests[0]?.url).toBe(
      '/v1/webhook_deliveries?endpoint=we_1&status=failed&limit=5',
    );
    expect(server?.requests[1]?.method).toBe('POST');
    expect(server?.requests[1]?.url).toBe('/v1/webhook_deliveries/whd_1/replay');
  });

  it('lists and reads events', async () => {
    const duly = await clientAnswering();

    await duly.events.list({ type: 'invoice.paid', object: 'inv_1' });
    await duly.events.retrieve('evt_1');

    expect(server?.requests[0]?.url).toBe('/v1/events?type=invoice.paid&object=inv_1');
    expect(server?.requests[1]?.url).toBe('/v1/events/evt_1');
  });

  it('throws not found for missing endpoints', async () => {
    server = await startStubServer(() => problem(404, 'webhook_endpoint_not_found'));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await expect(duly.webhookEndpoints.retrieve('we_missing')).rejects.toBeInstanceOf(
      DulyNotFoundError,
    );
  });
});
