import { afterEach, describe, expect, it } from 'vitest';
import { DulyInvalidRequestError, DulyNotFoundError } from '../errors.js';
import { problem, type StubServer, startStubServer } from '../testing/stub-server.js';
import { createDulyServer } from './duly-server.js';

let server: StubServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createDulyServer', () => {
  it('rejects a portal session token as secret key', () => {
    expect(() => createDulyServer({ secretKey: 'pst_abc', api: 'http://127.0.0.1:1' })).toThrow(
      /must be a Duly secret key starting with sk_test_ or sk_live_; received a value starting with "pst_"/,
    );
  });

  it('rejects a missing secret key', () => {
    expect(() =>
      createDulyServer({ secretKey: undefined as unknown as string, api: 'http://127.0.0.1:1' }),
    ).toThrow(/received undefined/);
  });

  it('accepts test and live keys', () => {
    expect(() =>
      createDulyServer({ secretKey: 'sk_test_abc', api: 'http://127.0.0.1:1' }),
    ).not.toThrow();
    expect(() =>
      createDulyServer({ secretKey: 'sk_live_abc', api: 'http://127.0.0.1:1' }),
    ).not.toThrow();
  });

  it('mints a portal session with the secret key', async () => {
    const created = { object: 'portal_session', id: 'ps_1', token: 'pst_abc' };
    server = await startStubServer(() => ({ status: 201, body: created }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const session = await duly.portalSessions.create(
      { customer: 'cus_1', locale: 'es' },
      { idempotencyKey: 'mint-1' },
    );

    expect(session).toEqual(created);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/portal_sessions');
    expect(request?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(request?.headers['idempotency-key']).toBe('mint-1');
    expect(request?.body).toEqual({ customer: 'cus_1', locale: 'es' });
  });

  it('lists invoices with filters', async () => {
    server = await startStubServer(() => ({
      status: 200,
      body: { object: 'list', data: [], next_cursor: null },
    }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.invoices.list({ customer: 'cus_1', status: 'open', limit: 5 });

    expect(server.requests[0]?.url).toBe('/v1/invoices?customer=cus_1&status=open&limit=5');
  });

  it('voids an invoice by id', async () => {
    server = await startStubServer(() => ({ status: 200, body: { id: 'inv_1', status: 'void' } }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.invoices.void('inv_1');

    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.url).toBe('/v1/invoices/inv_1/void');
  });

  it('throws typed errors from problems', async () => {
    server = await startStubServer((request) =>
      request.url.startsWith('/v1/customers/')
        ? problem(404, 'customer_not_found')
        : problem(400, 'validation_failed', { param: 'name' }),
    );
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await expect(duly.customers.retrieve('cus_x')).rejects.toBeInstanceOf(DulyNotFoundError);
    const error = await duly.customers.create({ name: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DulyInvalidRequestError);
    expect((error as DulyInvalidRequestError).param).toBe('name');
  });
});
