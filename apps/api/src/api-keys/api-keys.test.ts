import type { AddressInfo } from 'node:net';
import { type ApiKey, ApiKeySchema, type RolledApiKey, RolledApiKeySchema } from '@duly/core';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app.js';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { silentLogger } from '../http/logger.js';
import { newId } from '../ids.js';
import { hashSecret, newSecretKey } from '../secrets.js';
import { expectProblem, expectProblemCases } from '../testing/problem-cases.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
afterAll(() => db.destroy());

type Problem = { code: string; param?: string; detail: string };

/** A fixture of its own per test, so that keys rolled or revoked in one do not leak. */
function newFixture() {
  return ApiFixture.create(db, { now: '2026-06-01T09:00:00Z' });
}

async function roll(api: ApiFixture, auth: string, body: unknown = {}) {
  return api.request<RolledApiKey & Problem>('POST', '/v1/api_keys/roll', { auth, body });
}

async function statusWith(api: ApiFixture, key: string): Promise<number> {
  return (await api.request('GET', '/v1/customers', { auth: key })).status;
}

async function keyIdOf(secretKey: string): Promise<string> {
  const row = await db
    .selectFrom('api_key')
    .select('id')
    .where('secret_hash', '=', hashSecret(secretKey))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Starts `app` on a 127.0.0.1 port of this test file's range and returns its address. */
async function listen(app: ReturnType<typeof createApp>, port: number) {
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('revoking a key', () => {
  it('rejects the revoked key at once', async () => {
    const api = await newFixture();
    const oldKey = api.vendor.secret_key;
    const oldKeyId = await keyIdOf(oldKey);
    const rolled = await roll(api, oldKey, { expires_in_seconds: 3600 });
    expect(rolled.status).toBe(201);
    const newKey = rolled.body.secret_key;

    // Two API processes on one database: the revocation goes through one, the next
    // request through the other, over real HTTP, with no wait in between.
    const first = await listen(api.app, 4600);
    const second = await listen(
      createApp({ db, clock: api.clock, publicUrl: 'http://127.0.0.1:4601', logger: silentLogger }),
      4601,
    );
    try {
      const before = await fetch(`${second.url}/v1/customers`, {
        headers: { Authorization: `Bearer ${oldKey}` },
      });
      expect(before.status).toBe(200);

      const revoke = await fetch(`${first.url}/v1/api_keys/${oldKeyId}/revoke`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${newKey}` },
      });
      expect(revoke.status).toBe(200);
      const revoked = (await revoke.json()) as ApiKey;
      expect(revoked.status).toBe('revoked');
      expect(revoked.revoked_at).toBe('2026-06-01T09:00:00.000Z');

      const after = await fetch(`${second.url}/v1/customers`, {
        headers: { Authorization: `Bearer ${oldKey}` },
      });
      expect(after.status).toBe(401);
      const problem = (await after.json()) as Problem;
      expect(problem.code).toBe('api_key_invalid');
      expect(problem.detail).toContain('revoked at 2026-06-01T09:00:00.000Z');

      const withNewKey = await fetch(`${second.url}/v1/customers`, {
        headers: { Authorization: `Bearer ${newKey}` },
      });
      expect(withNewKey.status).toBe(200);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('ends a rolled key grace period', async () => {
    const api = await newFixture();
    const oldKey = api.vendor.secret_key;
    const oldKeyId = await keyIdOf(oldKey);
    const newKey = (await roll(api, oldKey, { expires_in_seconds: 86_400 })).body.secret_key;

    const revoked = await api.request<ApiKey>('POST', `/v1/api_keys/${oldKeyId}/revoke`, {
      auth: newKey,
    });

    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect(await statusWith(api, oldKey)).toBe(401);
    expect(await statusWith(api, newKey)).toBe(200);
  });

  it('keeps the last key unless forced', async () => {
    const api = await newFixture();
    const key = api.vendor.secret_key;
    const keyId = await keyIdOf(key);

    const rejected = await api.request<Problem>('POST', `/v1/api_keys/${keyId}/revoke`, {
      auth: key,
    });
    expectProblem(rejected, { status: 409, code: 'api_key_last_active', param: 'force' }, 'last');
    expect(await statusWith(api, key)).toBe(200);

    const forced = await api.request<ApiKey>('POST', `/v1/api_keys/${keyId}/revoke`, {
      auth: key,
      body: { force: true },
    });
    expect(forced.status).toBe(200);
    expect(forced.body.status).toBe('revoked');
    expect(await statusWith(api, key)).toBe(401);
  });

  it('keeps one of two keys revoked together', async () => {
    const api = await newFixture();
    const firstKeyId = await keyIdOf(api.vendor.secret_key);
    const rolled = await roll(api, api.vendor.secret_key, { expires_in_seconds: 3600 });
    const secondKeyId = rolled.body.id;

    // Each revocation alone would leave the other key working. Run together, the row locks
    // make the later one see the earlier and keep its key (409). When the earlier commits
    // before the later authenticates, the later is rejected earlier still (401).
    const results = await Promise.all(
      [
        [firstKeyId, rolled.body.secret_key],
        [secondKeyId, api.vendor.secret_key],
      ].map(([keyId, auth]) =>
        api.request<Problem>('POST', `/v1/api_keys/${keyId}/revoke`, { auth }),
      ),
    );

    const codes = results.map((result) => (result.status === 200 ? 'revoked' : result.body.code));
    expect(codes.filter((code) => code === 'revoked')).toHaveLength(1);
    expect(['api_key_last_active', 'api_key_invalid']).toContain(
      codes.find((code) => code !== 'revoked'),
    );
    const working = await db
      .selectFrom('api_key')
      .select('id')
      .where('vendor_id', '=', api.vendor.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(working).toHaveLength(1);
  });

  it('returns a revoked key unchanged', async () => {
    const api = await newFixture();
    const oldKeyId = await keyIdOf(api.vendor.secret_key);
    const newKey = (await roll(api, api.vendor.secret_key, { expires_in_seconds: 60 })).body
      .secret_key;
    await api.request('POST', `/v1/api_keys/${oldKeyId}/revoke`, { auth: newKey });
    api.clock.advance(30_000);

    const again = await api.request<ApiKey>('POST', `/v1/api_keys/${oldKeyId}/revoke`, {
      auth: newKey,
    });

    expect(again.status).toBe(200);
    expect(again.body.revoked_at).toBe('2026-06-01T09:00:00.000Z');
    const events = await db
      .selectFrom('event')
      .select('type')
      .where('object_id', '=', oldKeyId)
      .where('type', '=', 'api_key.revoked')
      .execute();
    expect(events).toHaveLength(1);
  });
});

describe('rolling a key', () => {
  it('keeps the old key working during grace', async () => {
    const api = await newFixture();
    const oldKey = api.vendor.secret_key;
    const oldKeyId = await keyIdOf(oldKey);

    const rolled = await roll(api, oldKey, { expires_in_seconds: 600 });

    expect(rolled.status).toBe(201);
    expect(RolledApiKeySchema.strict().parse(rolled.body)).toEqual(rolled.body);
    expect(rolled.body.secret_key).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
    expect(rolled.body.last4).toBe(rolled.body.secret_key.slice(-4));
    expect(rolled.body.status).toBe('active');
    expect(rolled.body.rolled_from).toMatchObject({
      id: oldKeyId,
      status: 'active',
      expires_at: '2026-06-01T09:10:00.000Z',
      rolled_to: rolled.body.id,
    });
    const newKey = rolled.body.secret_key;
    expect(await statusWith(api, oldKey)).toBe(200);
    expect(await statusWith(api, newKey)).toBe(200);

    api.clock.advance(599_000);
    expect(await statusWith(api, oldKey)).toBe(200);

    api.clock.advance(1_000);
    const rejected = await api.request<Problem>('GET', '/v1/customers', { auth: oldKey });
    expect(rejected.status).toBe(401);
    expect(rejected.body.code).toBe('api_key_invalid');
    expect(rejected.body.detail).toContain('stopped working at 2026-06-01T09:10:00.000Z');
    expect(await statusWith(api, newKey)).toBe(200);

    const listed = await api.request<{ data: ApiKey[] }>('GET', '/v1/api_keys', { auth: newKey });
    const old = listed.body.data.find((key) => key.id === oldKeyId);
    expect(old?.status).toBe('expired');
  });

  it('stops the old key at once by default', async () => {
    const api = await newFixture();
    const oldKey = api.vendor.secret_key;

    const rolled = await api.request<RolledApiKey>('POST', '/v1/api_keys/roll', { auth: oldKey });

    expect(rolled.status).toBe(201);
    expect(rolled.body.rolled_from.status).toBe('expired');
    expect(await statusWith(api, oldKey)).toBe(401);
    expect(await statusWith(api, rolled.body.secret_key)).toBe(200);
  });

  it('rolls another key named by id', async () => {
    const api = await newFixture();
    const first = await roll(api, api.vendor.secret_key, { expires_in_seconds: 3600 });
    const secondKey = first.body.secret_key;
    const oldKeyId = first.body.rolled_from.id;

    // The old key, still in its grace period, rolls the key that replaced it.
    const second = await roll(api, api.vendor.secret_key, { key: first.body.id });

    expect(second.status).toBe(201);
    expect(second.body.rolled_from.id).toBe(first.body.id);
    expect(await statusWith(api, secondKey)).toBe(401);
    expect(await statusWith(api, second.body.secret_key)).toBe(200);
    const again = await roll(api, second.body.secret_key, { key: oldKeyId });
    expectProblem(again, { status: 409, code: 'api_key_already_rolled', param: 'key' }, 'twice');
  });

  it('records the roll as events', async () => {
    const api = await newFixture();
    const rolled = await roll(api, api.vendor.secret_key, { expires_in_seconds: 60 });

    const events = await db
      .selectFrom('event')
      .select(['type', 'object_id', 'data'])
      .where('vendor_id', '=', api.vendor.id)
      .where('type', 'in', ['api_key.created', 'api_key.rolled'])
      .orderBy('seq')
      .execute();

    expect(events.map((event) => [event.type, event.object_id])).toEqual([
      ['api_key.created', expect.any(String)],
      ['api_key.created', rolled.body.id],
      ['api_key.rolled', rolled.body.rolled_from.id],
    ]);
    expect(events[2]?.data).toMatchObject({ expires_at: '2026-06-01T09:01:00.000Z' });
    expect(JSON.stringify(events)).not.toContain(rolled.body.secret_key);
  });
});

describe('listing keys', () => {
  it('lists keys without their secrets', async () => {
    const api = await newFixture();
    const rolled = await roll(api, api.vendor.secret_key, { expires_in_seconds: 60 });

    const listed = await api.request<{ data: ApiKey[]; next_cursor: string | null }>(
      'GET',
      '/v1/api_keys',
      { auth: rolled.body.secret_key },
    );

    expect(listed.status).toBe(200);
    for (const key of listed.body.data) expect(ApiKeySchema.strict().parse(key)).toEqual(key);
    expect(listed.body.data.map((key) => key.id).sort()).toEqual(
      [rolled.body.id, rolled.body.rolled_from.id].sort(),
    );
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(rolled.body.secret_key);
    expect(text).not.toContain(api.vendor.secret_key);
    expect(text).not.toContain('secret');
    const retrieved = await api.request<ApiKey>('GET', `/v1/api_keys/${rolled.body.id}`, {
      auth: rolled.body.secret_key,
    });
    expect(retrieved.body).toEqual(listed.body.data.find((key) => key.id === rolled.body.id));
    expect(retrieved.body.last4).toBe(rolled.body.secret_key.slice(-4));
  });

  it('pages through keys', async () => {
    const api = await newFixture();
    let key = api.vendor.secret_key;
    for (let step = 0; step < 2; step += 1) {
      api.clock.advance(1_000);
      key = (await roll(api, key, { expires_in_seconds: 3600 })).body.secret_key;
    }

    const first = await api.request<{ data: ApiKey[]; next_cursor: string }>(
      'GET',
      '/v1/api_keys?limit=2',
      { auth: key },
    );
    const second = await api.request<{ data: ApiKey[]; next_cursor: string | null }>(
      'GET',
      `/v1/api_keys?limit=2&cursor=${first.body.next_cursor}`,
      { auth: key },
    );

    expect(first.body.data.map((row) => row.created_at)).toEqual([
      '2026-06-01T09:00:02.000Z',
      '2026-06-01T09:00:01.000Z',
    ]);
    expect(second.body.data.map((row) => row.created_at)).toEqual(['2026-06-01T09:00:00.000Z']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('hides keys of the other mode', async () => {
    const api = await newFixture();
    const liveKeyId = newId('key');
    const liveSecret = newSecretKey(true);
    await db
      .insertInto('api_key')
      .values({
        id: liveKeyId,
        vendor_id: api.vendor.id,
        livemode: true,
        secret_hash: hashSecret(liveSecret),
        secret_last4: liveSecret.slice(-4),
        created_at: api.clock.now(),
      })
      .execute();

    const listed = await api.request<{ data: ApiKey[] }>('GET', '/v1/api_keys', {
      auth: api.vendor.secret_key,
    });
    expect(listed.body.data.map((key) => key.livemode)).toEqual([false]);
    const revoke = await api.request<Problem>('POST', `/v1/api_keys/${liveKeyId}/revoke`, {
      auth: api.vendor.secret_key,
    });
    expectProblem(revoke, { status: 404, code: 'api_key_not_found', param: 'id' }, 'live key');
    const liveList = await api.request<{ data: ApiKey[] }>('GET', '/v1/api_keys', {
      auth: liveSecret,
    });
    expect(liveList.body.data.map((key) => key.id)).toEqual([liveKeyId]);
  });
});

describe('key requests', () => {
  let api: ApiFixture;
  let otherVendorKeyId: string;

  beforeAll(async () => {
    api = await newFixture();
    const other = await newFixture();
    otherVendorKeyId = await keyIdOf(other.vendor.secret_key);
  });

  it('rejects bad key requests', async () => {
    const auth = api.vendor.secret_key;
    await expectProblemCases(api, [
      {
        method: 'POST',
        path: '/v1/api_keys/roll',
        auth,
        body: { expires_in_seconds: 604_801 },
        status: 400,
        code: 'validation_failed',
        param: 'expires_in_seconds',
      },
      {
        method: 'POST',
        path: '/v1/api_keys/roll',
        auth,
        body: { expires_in_seconds: -1 },
        status: 400,
        code: 'validation_failed',
        param: 'expires_in_seconds',
      },
      {
        method: 'POST',
        path: '/v1/api_keys/roll',
        auth,
        body: { expires_in_seconds: 1.5 },
        status: 400,
        code: 'validation_failed',
        param: 'expires_in_seconds',
      },
      {
        method: 'POST',
        path: '/v1/api_keys/roll',
        auth,
        body: { key: 'cus_123' },
        status: 400,
        code: 'validation_failed',
        param: 'key',
      },
      {
        method: 'POST',
        path: '/v1/api_keys/roll',
        auth,
        body: { key: otherVendorKeyId },
        status: 404,
        code: 'api_key_not_found',
        param: 'key',
      },
      {
        method: 'POST',
        path: '/v1/api_keys/roll',
        auth,
        body: { grace: 60 },
        status: 400,
        code: 'validation_failed',
        param: 'grace',
      },
      {
        method: 'POST',
        path: `/v1/api_keys/${otherVendorKeyId}/revoke`,
        auth,
        status: 404,
        code: 'api_key_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: '/v1/api_keys/key_unknown/revoke',
        auth,
        body: { force: 'yes' },
        status: 400,
        code: 'validation_failed',
        param: 'force',
      },
      {
        method: 'GET',
        path: '/v1/api_keys/key_unknown',
        auth,
        status: 404,
        code: 'api_key_not_found',
        param: 'id',
      },
      {
        method: 'GET',
        path: '/v1/api_keys?cursor=nonsense',
        auth,
        status: 400,
        code: 'invalid_cursor',
        param: 'cursor',
      },
    ]);
    // None of them changed a key.
    expect(await statusWith(api, auth)).toBe(200);
    const keys = await db
      .selectFrom('api_key')
      .select(['id', 'expires_at', 'revoked_at'])
      .where('vendor_id', '=', api.vendor.id)
      .execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]?.expires_at).toBeNull();
  });

  it('rejects rolling an expired key', async () => {
    const rolled = await roll(api, api.vendor.secret_key, { expires_in_seconds: 0 });
    const again = await roll(api, rolled.body.secret_key, { key: rolled.body.rolled_from.id });

    expectProblem(again, { status: 409, code: 'api_key_not_active', param: 'key' }, 'expired');
  });
});
