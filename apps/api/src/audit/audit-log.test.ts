import { type AuditEntry, AuditEntrySchema, type Customer, type RolledApiKey } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { hashSecret } from '../secrets.js';
import { expectProblemCases } from '../testing/problem-cases.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;
let keyId: string;

type AuditPage = { object: 'list'; data: AuditEntry[]; next_cursor: string | null };

beforeAll(async () => {
  api = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z' });
  const key = await db
    .selectFrom('api_key')
    .select('id')
    .where('secret_hash', '=', hashSecret(api.vendor.secret_key))
    .executeTakeFirstOrThrow();
  keyId = key.id;
});
afterAll(() => db.destroy());

/** Reads a page of the audit log with `auth`, the fixture vendor's first key by default. */
async function auditLog(query = '', auth = api.vendor.secret_key): Promise<AuditPage> {
  const response = await api.request<AuditPage>('GET', `/v1/audit_log${query}`, { auth });
  expect(response.status).toBe(200);
  return response.body;
}

/** Lists the entries of calls to `path`, newest first. */
async function entriesOf(path: string): Promise<AuditEntry[]> {
  const page = await api.vendorCall<AuditPage>(
    'GET',
    `/v1/audit_log?path=${encodeURIComponent(path)}&limit=100`,
    undefined,
    200,
  );
  return page.data.filter((entry) => entry.path === path);
}

async function eventIdsOf(objectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('event')
    .select('id')
    .where('object_id', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.id);
}

describe('audit entries', () => {
  it('records a create with what changed', async () => {
    api.clock.set('2026-06-01T09:05:00Z');
    const body = { name: 'Audit Hardware', email: 'ap@audit-hardware.example' };
    const created = await api.request<Customer>('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body,
    });
    expect(created.status).toBe(201);

    const page = await api.vendorCall<AuditPage>(
      'GET',
      `/v1/audit_log?object=${created.body.id}`,
      undefined,
      200,
    );

    expect(page.data).toEqual([
      {
        object: 'audit_entry',
        id: expect.stringMatching(/^aud_/),
        livemode: false,
        api_key: keyId,
        request_id: created.headers.get('Request-Id'),
        method: 'POST',
        path: '/v1/customers',
        status: 201,
        object_id: created.body.id,
        request_body: body,
        events: await eventIdsOf(created.body.id),
        created_at: '2026-06-01T09:05:00.000Z',
      },
    ]);
    expect(page.data[0]?.events).toHaveLength(1);
    expect(AuditEntrySchema.strict().parse(page.data[0])).toEqual(page.data[0]);
  });

  it('records an update with what changed', async () => {
    const customer = await api.createCustomer({ name: 'Before Rename' });
    api.clock.set('2026-06-01T09:10:00Z');

    const updated = await api.request('PATCH', `/v1/customers/${customer.id}`, {
      auth: api.vendor.secret_key,
      body: { name: 'After Rename' },
    });
    expect(updated.status).toBe(200);

    const [entry] = await entriesOf(`/v1/customers/${customer.id}`);
    expect(entry?.method).toBe('PATCH');
    expect(entry?.status).toBe(200);
    expect(entry?.api_key).toBe(keyId);
    expect(entry?.created_at).toBe('2026-06-01T09:10:00.000Z');
    expect(entry?.object_id).toBe(customer.id);
    expect(entry?.request_body).toEqual({ name: 'After Rename' });
    const updateEvents = await db
      .selectFrom('event')
      .select(['id', 'type', 'request_id'])
      .where('id', 'in', entry?.events ?? [])
      .execute();
    expect(updateEvents.map((event) => event.type)).toEqual(['customer.updated']);
    expect(updateEvents[0]?.request_id).toBe(updated.headers.get('Request-Id'));
  });

  it('records a rejected request with its status', async () => {
    const rejected = await api.request('POST', '/v1/customers', {
      auth: api.vendor.secret_key,
      body: { name: '' },
    });
    expect(rejected.status).toBe(400);

    const page = await auditLog('?path=/v1/customers&limit=1');
    expect(page.data[0]).toMatchObject({
      request_id: rejected.headers.get('Request-Id'),
      method: 'POST',
      path: '/v1/customers',
      status: 400,
      object_id: null,
      request_body: { name: '' },
      events: [],
    });
  });

  it('leaves reads out of the log', async () => {
    const read = await api.request('GET', '/v1/customers', { auth: api.vendor.secret_key });

    const rows = await db
      .selectFrom('audit_entry')
      .select('id')
      .where('request_id', '=', read.headers.get('Request-Id') as string)
      .execute();
    expect(rows).toEqual([]);
  });

  it('keeps secrets out of the log', async () => {
    const customer = await api.createCustomer();
    const session = await api.vendorCall<{ id: string; token: string }>(
      'POST',
      '/v1/portal_sessions',
      { customer: customer.id },
      201,
    );
    const leakyNote = `rotate ${api.vendor.secret_key} and ${session.token} soon`;
    const withSecrets = await api.createCustomer({
      metadata: { smtp_password: 'hunter2-password', note: leakyNote },
    });
    const rolled = await api.vendorCall<RolledApiKey>(
      'POST',
      '/v1/api_keys/roll',
      { expires_in_seconds: 3600 },
      201,
    );

    const dump = await sql<{
      rows: string;
    }>`SELECT coalesce(json_agg(audit_entry), '[]')::text AS rows FROM audit_entry`.execute(db);
    const everything = dump.rows[0]?.rows ?? '';
    const listed = JSON.stringify((await auditLog('?limit=100', rolled.secret_key)).data);
    for (const text of [everything, listed]) {
      expect(text).toContain('/v1/api_keys/roll');
      expect(text).not.toContain(api.vendor.secret_key);
      expect(text).not.toContain(rolled.secret_key);
      expect(text).not.toContain(session.token);
      expect(text).not.toContain('hunter2-password');
    }
    const created = await api.vendorCall<AuditPage>(
      'GET',
      `/v1/audit_log?object=${withSecrets.id}`,
      undefined,
      200,
    );
    expect(created.data[0]?.request_body).toEqual({
      name: 'Acme Hardware',
      metadata: {
        smtp_password: '[redacted]',
        note: 'rotate sk_test_[redacted] and pst_[redacted] soon',
      },
    });
  });
});

describe('audit log list', () => {
  let other: ApiFixture;

  beforeAll(async () => {
    other = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z' });
    await other.createCustomer({ name: 'Other Vendor Customer' });
  });

  it('pages newest first', async () => {
    const first = await other.vendorCall<AuditPage>('GET', '/v1/audit_log?limit=1', undefined, 200);
    await other.createCustomer({ name: 'Second Customer' });
    const newest = await other.vendorCall<AuditPage>(
      'GET',
      '/v1/audit_log?limit=1',
      undefined,
      200,
    );
    const next = await other.vendorCall<AuditPage>(
      'GET',
      `/v1/audit_log?limit=1&cursor=${newest.next_cursor}`,
      undefined,
      200,
    );

    expect(newest.data[0]?.request_body).toEqual({ name: 'Second Customer' });
    expect(next.data.map((entry) => entry.id)).toEqual(first.data.map((entry) => entry.id));
    expect(next.next_cursor).toBeNull();
  });

  it('shows each vendor only its own', async () => {
    const page = await other.vendorCall<AuditPage>(
      'GET',
      '/v1/audit_log?limit=100',
      undefined,
      200,
    );

    expect(page.data.map((entry) => entry.request_body)).toEqual([
      { name: 'Second Customer' },
      { name: 'Other Vendor Customer' },
    ]);
  });

  it('filters by key, path and time', async () => {
    const byOtherKey = await api.vendorCall<AuditPage>(
      'GET',
      `/v1/audit_log?api_key=${keyId.replace(/.$/, 'x')}`,
      undefined,
      200,
    );
    expect(byOtherKey.data).toEqual([]);

    const byKey = await api.vendorCall<AuditPage>(
      'GET',
      `/v1/audit_log?api_key=${keyId}&limit=100`,
      undefined,
      200,
    );
    expect(byKey.data.length).toBeGreaterThan(0);
    expect(byKey.data.every((entry) => entry.api_key === keyId)).toBe(true);

    const byPath = await api.vendorCall<AuditPage>(
      'GET',
      '/v1/audit_log?path=/v1/portal_sessions&limit=100',
      undefined,
      200,
    );
    expect(byPath.data.length).toBeGreaterThan(0);
    expect(byPath.data.every((entry) => entry.path.startsWith('/v1/portal_sessions'))).toBe(true);

    const since = await api.vendorCall<AuditPage>(
      'GET',
      '/v1/audit_log?since=2026-06-01T09:10:00Z&limit=100',
      undefined,
      200,
    );
    expect(since.data.length).toBeGreaterThan(0);
    expect(since.data.every((entry) => entry.created_at >= '2026-06-01T09:10:00.000Z')).toBe(true);
    const createdAtNineFive = (entry: AuditEntry) =>
      entry.created_at === '2026-06-01T09:05:00.000Z';
    expect(byKey.data.some(createdAtNineFive)).toBe(true);
    expect(since.data.some(createdAtNineFive)).toBe(false);
  });

  it('rejects bad list queries', async () => {
    const auth = api.vendor.secret_key;
    await expectProblemCases(api, [
      {
        method: 'GET',
        path: '/v1/audit_log?since=yesterday',
        auth,
        status: 400,
        code: 'validation_failed',
        param: 'since',
      },
      {
        method: 'GET',
        path: '/v1/audit_log?api_key=cus_1',
        auth,
        status: 400,
        code: 'validation_failed',
        param: 'api_key',
      },
      {
        method: 'GET',
        path: '/v1/audit_log?path=customers',
        auth,
        status: 400,
        code: 'validation_failed',
        param: 'path',
      },
      {
        method: 'GET',
        path: '/v1/audit_log?cursor=abc',
        auth,
        status: 400,
        code: 'invalid_cursor',
        param: 'cursor',
      },
      {
        method: 'GET',
        path: '/v1/audit_log?limit=101',
        auth,
        status: 400,
        code: 'validation_failed',
        param: 'limit',
      },
      {
        method: 'GET',
        path: '/v1/audit_log?actor=me',
        auth,
        status: 400,
        code: 'validation_failed',
        param: 'actor',
      },
    ]);
  });
});

describe('audit storage', () => {
  it('rejects changes to entries', async () => {
    const [entry] = (await auditLog('?limit=1')).data;
    expect(entry).toBeDefined();

    await expect(
      db
        .updateTable('audit_entry')
        .set({ status: 200 })
        .where('id', '=', entry?.id as string)
        .execute(),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(
      db
        .deleteFrom('audit_entry')
        .where('id', '=', entry?.id as string)
        .execute(),
    ).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`TRUNCATE audit_entry`.execute(db)).rejects.toThrow(/append-only: TRUNCATE/);
  });
});
