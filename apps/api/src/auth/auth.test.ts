import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { hashSecret } from '../secrets.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
const ALLOWED = 'https://billing.auth-test.example';
const SECOND = 'https://shop.auth-test.example';
const FOREIGN = 'https://evil.example.net';
let api: ApiFixture;
let customerId: string;
let session: string;

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    vendorName: 'Auth Test Vendor',
    allowedOrigins: [ALLOWED, SECOND],
  });
  customerId = (await api.createCustomer()).id;
  session = await api.createSession(customerId);
});
afterAll(() => db.destroy());

describe('secret keys', () => {
  it('reject a request without a key with authentication_required', async () => {
    const response = await api.request('GET', `/v1/customers/${customerId}`);

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('authentication_required');
  });

  it('reject an unknown key with api_key_invalid', async () => {
    const response = await api.request('GET', `/v1/customers/${customerId}`, {
      auth: 'sk_test_00000000000000000000000000000000',
    });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('api_key_invalid');
  });

  it('reject a portal session token with api_key_invalid', async () => {
    const response = await api.request('GET', `/v1/customers/${customerId}`, { auth: session });

    expect(response.body.code).toBe('api_key_invalid');
  });

  it("never show another vendor's customer", async () => {
    const other = await ApiFixture.create(db, { vendorName: 'Other Auth Vendor' });

    const response = await other.request('GET', `/v1/customers/${customerId}`, {
      auth: other.vendor.secret_key,
    });

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('customer_not_found');
  });

  it('keep test and live data apart', async () => {
    // A live key of the same vendor, stored as createVendor stores keys.
    const liveKey = 'sk_live_LiveKeyForTheAuthTest000000000';
    await db
      .insertInto('api_key')
      .values({
        id: 'key_authTestLive000000000',
        vendor_id: api.vendor.id,
        livemode: true,
        secret_hash: hashSecret(liveKey),
        secret_last4: liveKey.slice(-4),
        created_at: api.clock.now(),
        revoked_at: null,
      })
      .execute();

    const response = await api.request('GET', `/v1/customers/${customerId}`, { auth: liveKey });

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('customer_not_found');
  });
});

describe('portal sessions', () => {
  it('reject an unknown token with session_invalid', async () => {
    const response = await api.request('GET', '/v1/portal/session', {
      auth: 'pst_0000000000000000000000000000000000000000000',
    });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('session_invalid');
  });

  it('name a secret key sent in place of a session token', async () => {
    const response = await api.request('GET', '/v1/portal/session', {
      auth: api.vendor.secret_key,
    });

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('session_invalid');
    expect(response.body.detail).toMatch(
      /^This is a secret key, which belongs on your backend only/,
    );
  });

  it('reject a revoked session with session_invalid', async () => {
    const revoked = await api.createSession(customerId);
    await db
      .updateTable('portal_session')
      .set({ revoked_at: api.clock.now() })
      .where('token_hash', '=', hashSecret(revoked))
      .execute();

    const response = await api.request('GET', '/v1/portal/session', { auth: revoked });

    expect(response.body.code).toBe('session_invalid');
  });

  it('expire by the clock with session_expired', async () => {
    const customer = await api.createCustomer();
    const shortLived = await api.createSession(customer.id, { expires_in: 60 });

    const fresh = await api.request('GET', '/v1/portal/session', { auth: shortLived });
    api.clock.advance(60_000);
    const expired = await api.request('GET', '/v1/portal/session', { auth: shortLived });
    api.clock.advance(-60_000);

    expect(fresh.status).toBe(200);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('session_expired');
  });
});

describe('portal CORS', () => {
  it('echoes an allowed origin exactly with Vary: Origin', async () => {
    const response = await api.request('GET', '/v1/portal/session', {
      auth: session,
      headers: { Origin: SECOND },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(SECOND);
    expect(response.headers.get('Vary')).toBe('Origin');
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Request-Id');
  });

  it('refuses another origin with origin_not_allowed and no CORS headers', async () => {
    const response = await api.request('GET', '/v1/portal/session', {
      auth: session,
      headers: { Origin: FOREIGN },
    });

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('origin_not_allowed');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('does not judge a request without Origin', async () => {
    const response = await api.request('GET', '/v1/portal/session', { auth: session });

    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it("narrows to the session's own origin", async () => {
    const narrowed = await api.createSession(customerId, { allowed_origin: ALLOWED });

    const own = await api.request('GET', '/v1/portal/session', {
      auth: narrowed,
      headers: { Origin: ALLOWED },
    });
    const sibling = await api.request('GET', '/v1/portal/session', {
      auth: narrowed,
      headers: { Origin: SECOND },
    });

    expect(own.status).toBe(200);
    expect(sibling.status).toBe(403);
    expect(sibling.body.code).toBe('origin_not_allowed');
  });

  it("refuses a session origin outside the vendor's list", async () => {
    const response = await api.request('POST', '/v1/portal_sessions', {
      auth: api.vendor.secret_key,
      body: { customer: customerId, allowed_origin: FOREIGN },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'allowed_origin' });
  });

  it('lets an allowed origin read session_expired', async () => {
    const customer = await api.createCustomer();
    const shortLived = await api.createSession(customer.id, { expires_in: 60 });
    api.clock.advance(120_000);
    const response = await api.request('GET', '/v1/portal/session', {
      auth: shortLived,
      headers: { Origin: ALLOWED },
    });
    api.clock.advance(-120_000);

    expect(response.body.code).toBe('session_expired');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
  });

  it('answers a preflight from an allowed origin', async () => {
    const response = await api.app.request('/v1/portal/payments', {
      method: 'OPTIONS',
      headers: {
        Origin: ALLOWED,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET, POST, PUT, DELETE');
    expect(response.headers.get('Access-Control-Allow-Headers')).toBe(
      'Authorization, Content-Type, Idempotency-Key',
    );
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Request-Id');
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('refuses a preflight from another origin', async () => {
    const response = await api.app.request('/v1/portal/payments', {
      method: 'OPTIONS',
      headers: { Origin: FOREIGN, 'Access-Control-Request-Method': 'POST' },
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(((await response.json()) as { code: string }).code).toBe('origin_not_allowed');
  });
});
