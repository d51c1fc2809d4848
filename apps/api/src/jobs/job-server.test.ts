import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { TEST_BANK_ACCOUNTS } from '../http/api-fixture.js';
import { startServer } from '../server.js';
import type { TestDatabase } from '../testing/index.js';
import { createVendor } from '../vendors/index.js';
import { createIsolatedDatabase } from './job-test-kit.js';

let database: TestDatabase;
let db: PostgresDb;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 2 });
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

/** Sends a JSON request and returns the status and parsed body. */
async function call(url: string, method: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Makes a pending sandbox bank payment through the server's HTTP API; returns its URL. */
async function pendingBankPayment(apiUrl: string): Promise<{ paymentUrl: string; token: string }> {
  const vendor = await createVendor(db, systemClock, { name: 'Server Jobs Vendor' });
  const key = vendor.secret_key;
  const customer = await call(`${apiUrl}/v1/customers`, 'POST', key, { name: 'Bank Payer' });
  const invoice = await call(`${apiUrl}/v1/invoices`, 'POST', key, {
    customer: customer.body.id,
    number: `INV-${crypto.randomUUID().slice(0, 8)}`,
    currency: 'USD',
    issue_date: '2026-01-01',
    due_date: '2026-01-31',
    lines: [{ description: 'Lumber', quantity: 1, unit_amount: 3_300 }],
  });
  const session = await call(`${apiUrl}/v1/portal_sessions`, 'POST', key, {
    customer: customer.body.id,
  });
  const token = session.body.token as string;
  const account = await call(`${apiUrl}/v1/portal/payment_methods/sandbox`, 'POST', token, {
    us_bank_account: {
      routing_number: '110000000',
      account_number: TEST_BANK_ACCOUNTS.settles,
      account_holder_type: 'individual',
    },
  });
  const payment = await call(`${apiUrl}/v1/portal/payments`, 'POST', token, {
    payment_method: account.body.id,
    invoices: [{ invoice: invoice.body.id, amount: 3_300 }],
    mandate: { accepted: true },
  });
  expect(payment.status).toBe(201);
  expect(payment.body.status).toBe('pending');
  return { paymentUrl: `${apiUrl}/v1/portal/payments/${payment.body.id}`, token };
}

function serverConfig(jobs: 'on' | 'off') {
  return loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DULY_JOBS: jobs,
    DULY_JOBS_POLL_MS: '20',
    DULY_SANDBOX_ACH_DELAY_MS: '0',
  });
}

describe('startServer with jobs', () => {
  it('settles a sandbox bank payment through its job runner', async () => {
    const server = await startServer(serverConfig('on'));
    try {
      const { paymentUrl, token } = await pendingBankPayment(server.url);

      await vi.waitFor(
        async () => {
          const payment = await call(paymentUrl, 'GET', token);
          expect(payment.body.status).toBe('succeeded');
        },
        { timeout: 5000, interval: 50 },
      );
    } finally {
      await server.close();
    }
  });

  it('leaves jobs alone with DULY_JOBS off', async () => {
    const server = await startServer(serverConfig('off'));
    try {
      const { paymentUrl, token } = await pendingBankPayment(server.url);

      // Ten poll intervals of a runner that would be running.
      await sleep(200);
      const payment = await call(paymentUrl, 'GET', token);
      expect(payment.body.status).toBe('pending');
    } finally {
      await server.close();
    }
  });
});
