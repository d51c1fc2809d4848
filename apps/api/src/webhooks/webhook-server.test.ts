import type { WebhookDelivery, WebhookEndpointWithSecret } from '@duly/core';
import { constructWebhookEvent } from '@duly/sdk/server';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { createIsolatedDatabase } from '../jobs/job-test-kit.js';
import { startServer } from '../server.js';
import type { TestDatabase } from '../testing/index.js';
import { createVendor } from '../vendors/index.js';
import { WebhookReceiver } from './webhook-test-kit.js';

const API_PORT = '4575';

let database: TestDatabase;
let db: PostgresDb;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 2 });
  receiver = await WebhookReceiver.start(4574);
});
afterAll(async () => {
  await receiver.close();
  await db.destroy();
  await database.drop();
});

function serverConfig() {
  return loadConfig({
    DATABASE_URL: database.url,
    PORT: API_PORT,
    LOG_LEVEL: 'silent',
    DULY_JOBS_POLL_MS: '20',
    DULY_WEBHOOK_BACKOFF_MS: '100,100,100',
    DULY_WEBHOOK_TIMEOUT_MS: '300',
  });
}

async function call<T>(url: string, method: string, key: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as T;
}

describe('webhooks through the server', () => {
  it('delivers across a server restart', async () => {
    const vendor = await createVendor(db, systemClock, { name: 'Restart Hooks Co' });
    const key = vendor.secret_key;
    // The first request stays unanswered past the timeout, so the first server's attempt
    // fails while it is shutting down; the others succeed.
    let first = true;
    receiver.respond = async () => {
      if (!first) return 200;
      first = false;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return 200;
    };

    const firstServer = await startServer(serverConfig());
    let endpoint: WebhookEndpointWithSecret;
    try {
      endpoint = await call(`${firstServer.url}/v1/webhook_endpoints`, 'POST', key, {
        url: `${receiver.url}/restart`,
        enabled_events: ['customer.created'],
      });
      await call(`${firstServer.url}/v1/customers`, 'POST', key, { name: 'Restarted Buyer' });
      await vi.waitFor(() => expect(receiver.requestsTo('/restart')).toHaveLength(1), {
        timeout: 5_000,
        interval: 20,
      });
    } finally {
      await firstServer.close();
    }

    const secondServer = await startServer(serverConfig());
    try {
      const delivered = await vi.waitFor(
        async () => {
          const page = await call<{ data: WebhookDelivery[] }>(
            `${secondServer.url}/v1/webhook_deliveries?endpoint=${endpoint.id}`,
            'GET',
            key,
          );
          expect(page.data[0]?.status).toBe('succeeded');
          return page.data[0] as WebhookDelivery;
        },
        { timeout: 5_000, interval: 50 },
      );

      expect(delivered.attempts.map((attempt) => attempt.response_status)).toEqual([null, 200]);
      expect(delivered.attempts[0]?.error).toMatch(/No response within 300 ms/);
      const last = receiver.requestsTo('/restart').at(-1);
      const event = await constructWebhookEvent(
        last?.body ?? '',
        last?.headers['duly-signature'] as string,
        endpoint.secret,
      );
      expect(event.type).toBe('customer.created');
      expect(event.data.object.name).toBe('Restarted Buyer');
    } finally {
      await secondServer.close();
    }
  });
});
