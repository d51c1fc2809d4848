import {
  type CustomerSessionRevocation,
  CustomerSessionRevocationSchema,
  type RevokedPortalSession,
  RevokedPortalSessionSchema,
} from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { createLogger } from '../http/logger.js';
import { expectProblemCases } from '../testing/problem-cases.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;
let otherVendor: ApiFixture;
const logLines: Array<{ message: string }> = [];

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    now: '2026-06-01T09:00:00Z',
    logger: createLogger({ level: 'info', write: (line) => logLines.push(JSON.parse(line)) }),
  });
  otherVendor = await ApiFixture.create(db, { now: '2026-06-01T09:00:00Z' });
});
afterAll(() => db.destroy());

/** Mints a session for `customer` and returns its id and token. */
async function mintSession(customer: string) {
  return api.vendorCall<{ id: string; token: string }>(
    'POST',
    '/v1/portal_sessions',
    { customer },
    201,
  );
}

async function portalStatus(token: string): Promise<{ status: number; code: unknown }> {
  const response = await api.request<{ code?: unknown }>('GET', '/v1/portal/invoices', {
    auth: token,
  });
  return { status: response.status, code: response.body.code };
}

describe('revoking one session', () => {
  it('rejects the revoked session at once', async () => {
    const customer = await api.createCustomer();
    const session = await mintSession(customer.id);
    const sibling = await mintSession(customer.id);
    // The first portal request starts the revocation listener; once the session cache is
    // on, the next request stores the session in it.
    expect((await portalStatus(session.token)).status).toBe(200);
    await vi.waitFor(() =>
      expect(logLines.some((line) => line.message.startsWith('portal session cache on'))).toBe(
        true,
      ),
    );
    expect((await portalStatus(session.token)).status).toBe(200);

    const revoked = await api.vendorCall<RevokedPortalSession>(
      'POST',
      `/v1/portal_sessions/${session.id}/revoke`,
      undefined,
      200,
    );

    expect(RevokedPortalSessionSchema.strict().parse(revoked)).toEqual(revoked);
    expect(revoked).toEqual({
      object: 'portal_session',
      id: session.id,
      customer: customer.id,
      livemode: false,
      expires_at: '2026-06-01T10:00:00.000Z',
      revoked_at: '2026-06-01T09:00:00.000Z',
    });
    expect(await portalStatus(session.token)).toEqual({ status: 401, code: 'session_invalid' });
    expect((await portalStatus(sibling.token)).status).toBe(200);
    const events = await db
      .selectFrom('event')
      .select('type')
      .where('object_id', '=', session.id)
      .orderBy('seq')
      .execute();
    expect(events.map((event) => event.type)).toEqual([
      'portal_session.created',
      'portal_session.revoked',
    ]);
  });

  it('returns a revoked session unchanged', async () => {
    const customer = await api.createCustomer();
    const session = await mintSession(customer.id);
    const path = `/v1/portal_sessions/${session.id}/revoke`;
    await api.vendorCall('POST', path, undefined, 200);
    api.clock.advance(60_000);

    const again = await api.vendorCall<RevokedPortalSession>('POST', path, undefined, 200);

    expect(again.revoked_at).toBe('2026-06-01T09:00:00.000Z');
    api.clock.set('2026-06-01T09:00:00Z');
  });
});

describe('revoking a customer’s sessions', () => {
  it('revokes every live session of the customer', async () => {
    const customer = await api.createCustomer();
    const neighbour = await api.createCustomer();
    const first = await mintSession(customer.id);
    const second = await mintSession(customer.id);
    const neighbourSession = await mintSession(neighbour.id);
    expect((await portalStatus(first.token)).status).toBe(200);

    const result = await api.vendorCall<CustomerSessionRevocation>(
      'POST',
      `/v1/customers/${customer.id}/portal_sessions/revoke`,
      undefined,
      200,
    );

    expect(CustomerSessionRevocationSchema.strict().parse(result)).toEqual(result);
    expect(result.object).toBe('portal_session_revocation');
    expect(result.customer).toBe(customer.id);
    expect([...result.revoked_sessions].sort()).toEqual([first.id, second.id].sort());
    expect(await portalStatus(first.token)).toEqual({ status: 401, code: 'session_invalid' });
    expect(await portalStatus(second.token)).toEqual({ status: 401, code: 'session_invalid' });
    expect((await portalStatus(neighbourSession.token)).status).toBe(200);
    const revokedEvents = await db
      .selectFrom('event')
      .select('object_id')
      .where('type', '=', 'portal_session.revoked')
      .where('object_id', 'in', [first.id, second.id])
      .execute();
    expect(revokedEvents).toHaveLength(2);

    const again = await api.vendorCall<CustomerSessionRevocation>(
      'POST',
      `/v1/customers/${customer.id}/portal_sessions/revoke`,
      undefined,
      200,
    );
    expect(again.revoked_sessions).toEqual([]);
  });
});

describe('session revocation requests', () => {
  it('rejects unknown and foreign sessions', async () => {
    const foreignCustomer = await otherVendor.createCustomer();
    const foreign = await otherVendor.vendorCall<{ id: string; token: string }>(
      'POST',
      '/v1/portal_sessions',
      { customer: foreignCustomer.id },
      201,
    );
    const auth = api.vendor.secret_key;

    await expectProblemCases(api, [
      {
        method: 'POST',
        path: '/v1/portal_sessions/ps_unknown/revoke',
        auth,
        status: 404,
        code: 'portal_session_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: `/v1/portal_sessions/${foreign.id}/revoke`,
        auth,
        status: 404,
        code: 'portal_session_not_found',
        param: 'id',
      },
      {
        method: 'POST',
        path: `/v1/customers/${foreignCustomer.id}/portal_sessions/revoke`,
        auth,
        status: 404,
        code: 'customer_not_found',
        param: 'id',
      },
    ]);
    const stillLive = await otherVendor.request('GET', '/v1/portal/invoices', {
      auth: foreign.token,
    });
    expect(stillLive.status).toBe(200);
  });
});
