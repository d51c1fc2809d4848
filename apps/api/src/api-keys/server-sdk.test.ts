import type { AddressInfo } from 'node:net';
import { createDulyServer, DulyAuthenticationError, DulyConflictError } from '@duly/sdk/server';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 5 });
let api: ApiFixture;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  api = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z' });
  const server = serve({ fetch: api.app.fetch, hostname: '127.0.0.1', port: 4603 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close();
  await db.destroy();
});

describe('server SDK against the API', () => {
  it('rolls, revokes and audits with the SDK', async () => {
    const oldClient = createDulyServer({ secretKey: api.vendor.secret_key, api: url });

    const rolled = await oldClient.apiKeys.roll({ expires_in_seconds: 600 });
    const newClient = createDulyServer({ secretKey: rolled.secret_key, api: url });
    const revoked = await newClient.apiKeys.revoke(rolled.rolled_from.id);
    const lastKey = await newClient.apiKeys.revoke(rolled.id).catch((error: unknown) => error);
    const oldKeyError = await oldClient.apiKeys.list().catch((error: unknown) => error);

    expect(lastKey).toBeInstanceOf(DulyConflictError);
    expect((lastKey as DulyConflictError).code).toBe('api_key_last_active');
    expect(revoked.status).toBe('revoked');
    expect(oldKeyError).toBeInstanceOf(DulyAuthenticationError);
    expect((oldKeyError as DulyAuthenticationError).code).toBe('api_key_invalid');
    expect((await newClient.apiKeys.retrieve(rolled.id)).status).toBe('active');

    const customer = await newClient.customers.create({ name: 'SDK Customer' });
    const session = await newClient.portalSessions.create({ customer: customer.id });
    const single = await newClient.portalSessions.revoke(session.id);
    const second = await newClient.portalSessions.create({ customer: customer.id });
    const all = await newClient.portalSessions.revokeAllForCustomer(customer.id);

    expect(single.revoked_at).toBe('2026-06-01T09:00:00.000Z');
    expect(all.revoked_sessions).toEqual([second.id]);

    const page = await newClient.auditLog.list({ object: customer.id });
    expect(page.data.map((entry) => [entry.method, entry.path])).toEqual([
      ['POST', `/v1/customers/${customer.id}/portal_sessions/revoke`],
      ['POST', '/v1/customers'],
    ]);
    const byKey = await newClient.auditLog.list({ api_key: rolled.rolled_from.id });
    expect(byKey.data.map((entry) => entry.path)).toEqual(['/v1/api_keys/roll']);
  });
});
