import { describe, expect, it } from 'vitest';
import { DulyConflictError } from '../errors.js';
import { problem } from '../testing/stub-server.js';
import { stubbedServerClients } from '../testing/stubbed-server-clients.js';

const { clientAnswering, clientReplying } = stubbedServerClients();

describe('apiKeys', () => {
  it('rolls a key with a grace period', async () => {
    const rolled = { object: 'api_key', id: 'key_2', secret_key: 'sk_test_new' };
    const { duly, requests } = await clientAnswering(201, rolled);

    const result = await duly.apiKeys.roll({ key: 'key_1', expires_in_seconds: 3600 });

    expect(result).toEqual(rolled);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/api_keys/roll');
    expect(requests[0]?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(requests[0]?.body).toEqual({ key: 'key_1', expires_in_seconds: 3600 });
  });

  it('rolls the calling key by default', async () => {
    const { duly, requests } = await clientAnswering(201, { id: 'key_2' });

    await duly.apiKeys.roll();

    expect(requests[0]?.body).toEqual({});
  });

  it('revokes a key with force', async () => {
    const { duly, requests } = await clientAnswering(200, { id: 'key_1', status: 'revoked' });

    await duly.apiKeys.revoke('key_1', { force: true });

    expect(requests[0]?.url).toBe('/v1/api_keys/key_1/revoke');
    expect(requests[0]?.body).toEqual({ force: true });
  });

  it('lists and retrieves keys', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'list', data: [] });

    await duly.apiKeys.list({ limit: 10, cursor: 'abc' });
    await duly.apiKeys.retrieve('key_1');

    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/v1/api_keys?limit=10&cursor=abc'],
      ['GET', '/v1/api_keys/key_1'],
    ]);
  });

  it('throws the last-key conflict as a typed error', async () => {
    const { duly } = await clientReplying(
      problem(409, 'api_key_last_active', {
        detail: 'Key key_1 is the last working test-mode key.',
        param: 'force',
      }),
    );

    const error = await duly.apiKeys.revoke('key_1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('api_key_last_active');
    expect((error as DulyConflictError).param).toBe('force');
  });
});

describe('portalSessions revocation', () => {
  it('revokes one session', async () => {
    const { duly, requests } = await clientAnswering(200, { id: 'ps_1' });

    await duly.portalSessions.revoke('ps_1');

    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/portal_sessions/ps_1/revoke');
  });

  it('revokes every session of a customer', async () => {
    const revocation = { object: 'portal_session_revocation', revoked_sessions: ['ps_1'] };
    const { duly, requests } = await clientAnswering(200, revocation);

    const result = await duly.portalSessions.revokeAllForCustomer('cus_1');

    expect(result).toEqual(revocation);
    expect(requests[0]?.url).toBe('/v1/customers/cus_1/portal_sessions/revoke');
  });
});

describe('auditLog', () => {
  it('lists entries with filters', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'list', data: [] });

    await duly.auditLog.list({
      api_key: 'key_1',
      object: 'cus_1',
      path: '/v1/customers',
      since: '2026-06-01T00:00:00Z',
      limit: 5,
    });

    const url = new URL(requests[0]?.url ?? '', 'http://stub');
    expect(url.pathname).toBe('/v1/audit_log');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      api_key: 'key_1',
      object: 'cus_1',
      path: '/v1/customers',
      since: '2026-06-01T00:00:00Z',
      limit: '5',
    });
  });
});
