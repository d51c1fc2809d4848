import type { WebhookEndpointWithSecret } from '@duly/core';
import { constructWebhookEvent, DulyWebhookSignatureError } from '@duly/sdk/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { createJobRunner } from '../jobs/background-jobs.js';
import { createIsolatedDatabase } from '../jobs/job-test-kit.js';
import { SandboxProvider } from '../providers/index.js';
import type { TestDatabase } from '../testing/index.js';
import { type ReceivedRequest, WebhookReceiver } from './webhook-test-kit.js';

let database: TestDatabase;
let db: PostgresDb;
let api: ApiFixture;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 5 });
  api = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z', vendorName: 'Verify Co.' });
  receiver = await WebhookReceiver.start(4573);
});
afterAll(async () => {
  await receiver.close();
  await db.destroy();
  await database.drop();
});

function deliverDue() {
  return createJobRunner({
    db,
    clock: api.clock,
    logger: silentLogger,
    providers: new Map([['sandbox', new SandboxProvider()]]),
    sandboxAchDelayMs: 90_000,
    webhookRetryScheduleMs: [1_000],
  }).runOnce();
}

/** Registers an endpoint at `path`, records one event for it and returns its delivery. */
async function deliveryTo(
  path: string,
): Promise<{ endpoint: WebhookEndpointWithSecret; request: ReceivedRequest; customer: string }> {
  const endpoint = await api.vendorCall<WebhookEndpointWithSecret>(
    'POST',
    '/v1/webhook_endpoints',
    { url: `${receiver.url}${path}`, enabled_events: ['customer.created'] },
    201,
  );
  const customer = await api.createCustomer({ name: `Customer for ${path}` });
  await deliverDue();
  const request = receiver.requestsTo(path).at(-1);
  if (request === undefined) throw new Error(`No delivery reached ${path}.`);
  return { endpoint, request, customer: customer.id };
}

function signatureOf(request: ReceivedRequest): string {
  return request.headers['duly-signature'] as string;
}

/** Runs `verify` and returns the signature error it throws. */
async function signatureError(verify: Promise<unknown>): Promise<DulyWebhookSignatureError> {
  const error = await verify.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DulyWebhookSignatureError);
  return error as DulyWebhookSignatureError;
}

describe('SDK webhook verification', () => {
  it('accepts a real delivery', async () => {
    const { endpoint, request, customer } = await deliveryTo('/good');

    const event = await constructWebhookEvent(request.body, signatureOf(request), endpoint.secret);

    expect(event.type).toBe('customer.created');
    expect(event.id).toBe(request.headers['duly-event-id']);
    expect(event.data.object.id).toBe(customer);
  });

  it('accepts the body as bytes', async () => {
    const { endpoint, request } = await deliveryTo('/bytes');
    const bytes = new TextEncoder().encode(request.body);

    const event = await constructWebhookEvent(bytes, signatureOf(request), endpoint.secret);

    expect(event.object).toBe('event');
  });

  it('rejects a tampered body', async () => {
    const { endpoint, request, customer } = await deliveryTo('/tampered');
    const tampered = request.body.replace(customer, 'cus_SomeoneElse00000000');

    const error = await signatureError(
      constructWebhookEvent(tampered, signatureOf(request), endpoint.secret),
    );

    expect(error.code).toBe('signature_mismatch');
  });

  it('rejects the wrong secret', async () => {
    const { request } = await deliveryTo('/wrong-secret');

    const error = await signatureError(
      constructWebhookEvent(
        request.body,
        signatureOf(request),
        'whsec_NotTheEndpointsSecret0000000',
      ),
    );

    expect(error.code).toBe('signature_mismatch');
  });

  it('rejects an old delivery', async () => {
    const { endpoint, request } = await deliveryTo('/old');
    const signedAt = Number(/t=(\d+)/.exec(signatureOf(request))?.[1]);

    const error = await signatureError(
      constructWebhookEvent(request.body, signatureOf(request), endpoint.secret, {
        now: (signedAt + 301) * 1000,
      }),
    );
    const withinTolerance = await constructWebhookEvent(
      request.body,
      signatureOf(request),
      endpoint.secret,
      { now: (signedAt + 300) * 1000 },
    );

    expect(error.code).toBe('signature_timestamp_outside_tolerance');
    expect(withinTolerance.object).toBe('event');
  });

  it('rejects a missing signature header', async () => {
    const { endpoint, request } = await deliveryTo('/no-header');

    const error = await signatureError(
      constructWebhookEvent(request.body, undefined, endpoint.secret),
    );

    expect(error.code).toBe('signature_header_missing');
  });

  it('accepts both secrets during a roll', async () => {
    const { endpoint } = await deliveryTo('/rolling');
    const rolled = await api.vendorCall<WebhookEndpointWithSecret>(
      'POST',
      `/v1/webhook_endpoints/${endpoint.id}/roll_secret`,
      { expires_in_seconds: 3_600 },
      200,
    );
    await api.createCustomer({ name: 'After The Roll' });
    await deliverDue();
    const request = receiver.requestsTo('/rolling').at(-1) as ReceivedRequest;

    expect(signatureOf(request).match(/v1=/g)).toHaveLength(2);
    const withOld = await constructWebhookEvent(
      request.body,
      signatureOf(request),
      endpoint.secret,
    );
    const withNew = await constructWebhookEvent(request.body, signatureOf(request), rolled.secret);
    expect(withOld.id).toBe(withNew.id);

    // After the overlap, only the new secret signs.
    api.clock.advance(3_600_000);
    await api.createCustomer({ name: 'After The Overlap' });
    await deliverDue();
    const later = receiver.requestsTo('/rolling').at(-1) as ReceivedRequest;
    expect(signatureOf(later).match(/v1=/g)).toHaveLength(1);
    const error = await signatureError(
      constructWebhookEvent(later.body, signatureOf(later), endpoint.secret),
    );
    expect(error.code).toBe('signature_mismatch');
  });
});
