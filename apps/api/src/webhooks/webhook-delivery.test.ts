import type { WebhookDelivery, WebhookEndpointWithSecret } from '@duly/core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { createJobRunner, type JobRunnerSettings } from '../jobs/background-jobs.js';
import { createIsolatedDatabase } from '../jobs/job-test-kit.js';
import { SandboxProvider } from '../providers/index.js';
import type { TestDatabase } from '../testing/index.js';
import { webhookDeliveryJobs } from './webhook-delivery-job.js';
import { WebhookReceiver } from './webhook-test-kit.js';

const RETRY_SCHEDULE_MS = [1_000, 2_000, 4_000];
const LEASE_MS = 30_000;

let database: TestDatabase;
let db: PostgresDb;
let api: ApiFixture;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 10 });
  api = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z', vendorName: 'Hooks Co.' });
  receiver = await WebhookReceiver.start(4560);
});
afterEach(async () => {
  // Each test registers its own endpoints; removing them keeps the next test's runs to its own.
  await db.deleteFrom('webhook_endpoint').execute();
  receiver.respond = () => 200;
});
afterAll(async () => {
  await receiver.close();
  await db.destroy();
  await database.drop();
});

function runner(on: PostgresDb = db, settings: JobRunnerSettings = {}) {
  return createJobRunner(
    {
      db: on,
      clock: api.clock,
      logger: silentLogger,
      providers: new Map([['sandbox', new SandboxProvider()]]),
      sandboxAchDelayMs: 90_000,
      webhookRetryScheduleMs: RETRY_SCHEDULE_MS,
      webhookTimeoutMs: 5_000,
    },
    { leaseMs: LEASE_MS, ...settings },
  );
}

function createEndpoint(path: string, events: string[]) {
  return api.vendorCall<WebhookEndpointWithSecret>(
    'POST',
    '/v1/webhook_endpoints',
    { url: `${receiver.url}${path}`, enabled_events: events },
    201,
  );
}

async function deliveriesOf(endpoint: string): Promise<WebhookDelivery[]> {
  const page = await api.vendorCall<{ data: WebhookDelivery[] }>(
    'GET',
    `/v1/webhook_deliveries?endpoint=${endpoint}`,
    undefined,
    200,
  );
  return page.data;
}

/** Waits until `condition` holds, checking every 10 ms for up to five seconds. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('webhook delivery', () => {
  it('retries until the receiver succeeds', async () => {
    const endpoint = await createEndpoint('/flaky', ['customer.created']);
    const statuses = [500, 503, 200];
    receiver.respond = () => statuses.shift() ?? 200;
    const customer = await api.createCustomer({ name: 'Flaky Receiver Ltd' });

    await runner().runOnce();
    const [afterFirst] = await deliveriesOf(endpoint.id);
    expect(afterFirst?.status).toBe('pending');
    expect(afterFirst?.attempt_count).toBe(1);
    expect(afterFirst?.last_response_status).toBe(500);
    expect(afterFirst?.next_attempt_at).toBe(
      new Date(api.clock.now().getTime() + 1_000).toISOString(),
    );

    // Not due yet: the poll sends nothing.
    await runner().runOnce();
    expect(receiver.requestsTo('/flaky')).toHaveLength(1);

    api.clock.advance(1_000);
    await runner().runOnce();
    api.clock.advance(2_000);
    await runner().runOnce();

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.status).toBe('succeeded');
    expect(delivery?.attempt_count).toBe(3);
    expect(delivery?.next_attempt_at).toBeNull();
    expect(delivery?.attempts.map((attempt) => attempt.response_status)).toEqual([500, 503, 200]);
    expect(delivery?.attempts[0]?.error).toMatch(/HTTP 500/);
    expect(delivery?.attempts[2]?.error).toBeNull();

    const requests = receiver.requestsTo('/flaky');
    expect(requests).toHaveLength(3);
    const bodies = requests.map((request) => JSON.parse(request.body));
    expect(bodies.every((body) => body.data.object.id === customer.id)).toBe(true);
    expect(new Set(requests.map((request) => request.headers['duly-delivery-id']))).toEqual(
      new Set([delivery?.id]),
    );
  });

  it('fails after the last scheduled attempt', async () => {
    const endpoint = await createEndpoint('/down', ['customer.created']);
    receiver.respond = () => 500;
    await api.createCustomer({ name: 'Never Answered Inc' });

    for (const wait of [0, ...RETRY_SCHEDULE_MS]) {
      api.clock.advance(wait);
      await runner().runOnce();
    }
    api.clock.advance(60_000);
    await runner().runOnce();

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.status).toBe('failed');
    expect(delivery?.attempt_count).toBe(RETRY_SCHEDULE_MS.length + 1);
    expect(delivery?.next_attempt_at).toBeNull();
    expect(receiver.requestsTo('/down')).toHaveLength(RETRY_SCHEDULE_MS.length + 1);
  });

  it('fails a delivery whose job failed', async () => {
    const endpoint = await createEndpoint('/job-failed', ['customer.created']);
    await api.createCustomer({ name: 'Job Failure Co' });
    const jobs = webhookDeliveryJobs({
      db,
      clock: api.clock,
      logger: silentLogger,
      retryScheduleMs: RETRY_SCHEDULE_MS,
      timeoutMs: 5_000,
    });
    expect(await jobs.scheduler.enqueueDue(api.clock.now())).toBe(1);
    const [pending] = await deliveriesOf(endpoint.id);
    // What the runner leaves after the handler threw on every run.
    await db
      .updateTable('job')
      .set({ status: 'failed', last_error: 'connection reset by the database' })
      .where('key', '=', `${pending?.id}:1`)
      .execute();

    await runner().runOnce();

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery?.status).toBe('failed');
    expect(delivery?.last_error).toBe(
      'Attempt 1 could not be run: connection reset by the database',
    );
    expect(delivery?.next_attempt_at).toBeNull();
    expect(receiver.requestsTo('/job-failed')).toHaveLength(0);
  });

  it('loses no event when the runner dies mid-request', async () => {
    const endpoint = await createEndpoint('/restart', ['customer.created']);
    let releaseHeld: (status: number) => void = () => {};
    let held = false;
    receiver.respond = () => {
      if (held) return 200;
      held = true;
      return new Promise<number>((resolve) => {
        releaseHeld = resolve;
      });
    };
    const customers = [];
    for (const name of ['First Restart Co', 'Second Restart Co', 'Third Restart Co']) {
      customers.push(await api.createCustomer({ name }));
    }

    // The first runner has its own connections, so closing them stands for its process
    // dying: whatever it tries to write after that fails.
    const doomedDb = connectDatabase(database.url, { max: 2 });
    const doomedRun = runner(doomedDb, { concurrency: 1 }).runOnce();
    await waitFor(() => receiver.requestsTo('/restart').length === 1, 'the held request');
    await doomedDb.destroy();

    // Within the lease, a new runner sends the other two but leaves the held one alone.
    await runner().runOnce();
    expect(receiver.requestsTo('/restart')).toHaveLength(3);

    api.clock.advance(LEASE_MS);
    await runner().runOnce();
    releaseHeld(200);
    await expect(doomedRun).rejects.toThrow();

    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const requests = receiver.requestsTo('/restart');
    expect(requests).toHaveLength(4);
    const delivered = new Set(requests.map((request) => JSON.parse(request.body).data.object.id));
    expect(delivered).toEqual(new Set(customers.map((customer) => customer.id)));
    // The held event went out twice: at least once, so receivers deduplicate by event id.
    const eventIds = requests.map((request) => request.headers['duly-event-id']);
    expect(eventIds[0]).toBe(eventIds[3]);
  });

  it('sends only subscribed public types', async () => {
    const invoicesOnly = await createEndpoint('/invoices-only', ['invoice.created']);
    const everything = await createEndpoint('/everything', ['*']);
    const customer = await api.createCustomer({ name: 'Filter Test LLC' });
    await api.createSession(customer.id);
    const invoice = await api.createInvoice(customer.id);

    await runner().runOnce();

    const typesAt = (path: string) =>
      receiver.requestsTo(path).map((request) => JSON.parse(request.body).type);
    expect(typesAt('/invoices-only')).toEqual(['invoice.created']);
    // portal_session.created is internal, so even '*' does not get it.
    expect(typesAt('/everything').sort()).toEqual(['customer.created', 'invoice.created']);
    expect(await deliveriesOf(invoicesOnly.id)).toHaveLength(1);
    expect(await deliveriesOf(everything.id)).toHaveLength(2);
    const [invoiceRequest] = receiver.requestsTo('/invoices-only');
    expect(JSON.parse(invoiceRequest?.body ?? '{}').data.object.id).toBe(invoice.id);
  });

  it('sends the event object with its headers', async () => {
    await createEndpoint('/shape', ['customer.created']);
    const customer = await api.createCustomer({ name: 'Shape Check Co' });
    await runner().runOnce();

    const [request] = receiver.requestsTo('/shape');
    const body = JSON.parse(request?.body ?? '{}');
    expect(body).toEqual({
      id: expect.stringMatching(/^evt_/),
      object: 'event',
      type: 'customer.created',
      created_at: api.clock.now().toISOString(),
      livemode: false,
      data: { object: expect.objectContaining({ id: customer.id, name: 'Shape Check Co' }) },
    });
    expect(request?.headers['user-agent']).toBe('Duly-Webhooks/1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['duly-event-id']).toBe(body.id);
    expect(request?.headers['duly-delivery-id']).toMatch(/^whd_/);
    expect(request?.headers['duly-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('replays a delivery as a new one', async () => {
    const endpoint = await createEndpoint('/replay', ['customer.created']);
    await api.createCustomer({ name: 'Replay Me Co' });
    await runner().runOnce();
    const [original] = await deliveriesOf(endpoint.id);

    const replay = await api.vendorCall<WebhookDelivery>(
      'POST',
      `/v1/webhook_deliveries/${original?.id}/replay`,
      undefined,
      201,
    );
    expect(replay.replay_of).toBe(original?.id);
    expect(replay.event).toBe(original?.event);
    expect(replay.status).toBe('pending');
    await runner().runOnce();

    const requests = receiver.requestsTo('/replay');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.headers['duly-event-id']).toBe(original?.event);
    expect(requests[1]?.headers['duly-delivery-id']).toBe(replay.id);
    const after = await api.vendorCall<WebhookDelivery>(
      'GET',
      `/v1/webhook_deliveries/${replay.id}`,
      undefined,
      200,
    );
    expect(after.status).toBe('succeeded');
    expect(after.attempts).toHaveLength(1);
  });

  it('holds deliveries while the endpoint is disabled', async () => {
    const endpoint = await createEndpoint('/paused', ['customer.created']);
    await api.createCustomer({ name: 'Queued Before Pause' });
    await api.vendorCall(
      'PATCH',
      `/v1/webhook_endpoints/${endpoint.id}`,
      { status: 'disabled' },
      200,
    );
    await api.createCustomer({ name: 'Created While Paused' });

    await runner().runOnce();
    expect(receiver.requestsTo('/paused')).toHaveLength(0);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);

    await api.vendorCall(
      'PATCH',
      `/v1/webhook_endpoints/${endpoint.id}`,
      { status: 'enabled' },
      200,
    );
    await runner().runOnce();
    const requests = receiver.requestsTo('/paused');
    expect(requests.map((request) => JSON.parse(request.body).data.object.name)).toEqual([
      'Queued Before Pause',
    ]);
  });
});
