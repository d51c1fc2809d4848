import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../app.js';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { createLogger } from '../http/logger.js';
import { hashSecret } from '../secrets.js';
import { revokePortalSession } from './session-service.js';

const INVOICES = '/v1/portal/invoices?status=all';

/**
 * One API process of the test: its own pool and listener on the shared test database, its
 * own app, and its log lines.
 */
interface ApiProcess {
  db: PostgresDb;
  applicationName: string;
  lines: Array<{ level: string; message: string }>;
  get(path: string, token: string): Promise<{ status: number; code: unknown }>;
}

const processes: ApiProcess[] = [];
let vendor: ApiFixture;
let customerId: string;

function startProcess(): ApiProcess {
  const applicationName = `duly-revocation-test-${randomBytes(4).toString('hex')}`;
  const db = connectDatabase(inject('databaseUrl'), { max: 2, applicationName });
  const lines: ApiProcess['lines'] = [];
  const app = createApp({
    db,
    clock: vendor.clock,
    publicUrl: 'http://127.0.0.1:4100',
    logger: createLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line)) }),
  });
  const process: ApiProcess = {
    db,
    applicationName,
    lines,
    async get(path, token) {
      const response = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { code?: unknown };
      return { status: response.status, code: body.code };
    },
  };
  processes.push(process);
  return process;
}

/** Counts the process's log lines reporting that its session cache turned on. */
function cacheOnCount(process: ApiProcess): number {
  return process.lines.filter((line) => line.message.startsWith('portal session cache on')).length;
}

/** Sends a first portal request, which starts the listener, and waits for the cache. */
async function warmUp(process: ApiProcess, token: string): Promise<void> {
  expect((await process.get(INVOICES, token)).status).toBe(200);
  await vi.waitFor(() => expect(cacheOnCount(process)).toBeGreaterThan(0));
}

async function sessionIdOf(token: string): Promise<string> {
  const row = await vendor.db
    .selectFrom('portal_session')
    .select('id')
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes a session the way a SQL console would: no event, no notification. */
async function revokeWithoutNotice(token: string): Promise<void> {
  await vendor.db
    .updateTable('portal_session')
    .set({ revoked_at: vendor.clock.now() })
    .where('token_hash', '=', hashSecret(token))
    .execute();
}

beforeAll(async () => {
  const db = connectDatabase(inject('databaseUrl'), { max: 2 });
  vendor = await ApiFixture.create(db, { vendorName: 'Revocation Test Vendor' });
  customerId = (await vendor.createCustomer()).id;
});
afterAll(async () => {
  await Promise.all(processes.map((process) => process.db.destroy()));
  await vendor.db.destroy();
});

describe('portal session cache across processes', () => {
  it('serves a cached session without a database read', async () => {
    const cached = startProcess();
    const token = await vendor.createSession(customerId);
    await warmUp(cached, token);
    expect((await cached.get(INVOICES, token)).status).toBe(200);

    await revokeWithoutNotice(token);
    const fresh = startProcess();

    expect(await cached.get(INVOICES, token)).toEqual({ status: 200, code: undefined });
    expect(await fresh.get(INVOICES, token)).toEqual({ status: 401, code: 'session_invalid' });
  });

  it('refuses a session revoked through another process', async () => {
    const first = startProcess();
    const second = startProcess();
    const token = await vendor.createSession(customerId);
    await warmUp(first, token);
    await warmUp(second, token);
    expect((await first.get(INVOICES, token)).status).toBe(200);
    expect((await second.get(INVOICES, token)).status).toBe(200);

    const revoked = await revokePortalSession(first.db, vendor.clock, await sessionIdOf(token));
    const committed = performance.now();

    expect(revoked).toBe(true);
    // The notification reaches every process, the revoking one included, milliseconds
    // after the commit; their caches would otherwise serve the session for 30 s.
    for (const process of [second, first]) {
      await vi.waitFor(
        async () =>
          expect(await process.get(INVOICES, token)).toEqual({
            status: 401,
            code: 'session_invalid',
          }),
        { timeout: 2000, interval: 5 },
      );
    }
    expect(performance.now() - committed).toBeLessThan(2000);
  });

  it('records the revocation once', async () => {
    const token = await vendor.createSession(customerId);
    const sessionId = await sessionIdOf(token);

    const first = await revokePortalSession(vendor.db, vendor.clock, sessionId);
    const again = await revokePortalSession(vendor.db, vendor.clock, sessionId);
    const unknown = await revokePortalSession(vendor.db, vendor.clock, 'ps_doesNotExist');
    const events = await vendor.db
      .selectFrom('event')
      .select(['type', 'data'])
      .where('object_id', '=', sessionId)
      .where('type', '=', 'portal_session.revoked')
      .execute();
    const row = await vendor.db
      .selectFrom('portal_session')
      .select('revoked_at')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();

    expect([first, again, unknown]).toEqual([true, false, false]);
    expect(row.revoked_at?.toISOString()).toBe(vendor.clock.now().toISOString());
    expect(events).toEqual([
      {
        type: 'portal_session.revoked',
        data: {
          id: sessionId,
          customer: customerId,
          revoked_at: vendor.clock.now().toISOString(),
        },
      },
    ]);
  });

  it('forgets cached sessions when the listener drops', async () => {
    const process = startProcess();
    const token = await vendor.createSession(customerId);
    await warmUp(process, token);
    expect((await process.get(INVOICES, token)).status).toBe(200);

    const { rows } = await sql<{ terminated: boolean }>`
      SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
      WHERE application_name = ${process.applicationName} AND query ILIKE 'LISTEN%'`.execute(
      vendor.db,
    );
    expect(rows).toEqual([{ terminated: true }]);
    await vi.waitFor(() => expect(process.lines.map((line) => line.level)).toContain('warn'));
    // A notification sent while the listener is away is lost, as this revocation's would be.
    await revokeWithoutNotice(token);

    expect(await process.get(INVOICES, token)).toEqual({ status: 401, code: 'session_invalid' });
    await vi.waitFor(() => expect(cacheOnCount(process)).toBe(2));
    expect(await process.get(INVOICES, token)).toEqual({ status: 401, code: 'session_invalid' });
  });
});
