import { afterEach, describe, expect, it } from 'vitest';
import {
  DulyApiError,
  DulyAuthenticationError,
  DulyCardError,
  DulyConflictError,
  DulyConnectionError,
  DulyError,
  DulyInvalidRequestError,
  DulyNotFoundError,
  DulyPermissionError,
  DulyRateLimitError,
} from './errors.js';
import { createIdempotencyKey } from './idempotency.js';
import { createPortalClient } from './portal-client.js';
import { problem, type StubServer, startStubServer } from './testing/stub-server.js';

const emptyList = { object: 'list', data: [], next_cursor: null };

let server: StubServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('portal client requests', () => {
  it('sends the session as a bearer token', async () => {
    server = await startStubServer(() => ({ status: 200, body: emptyList }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    await client.listInvoices({ status: 'overdue', limit: 10, cursor: 'cur_2' });

    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/v1/portal/invoices?status=overdue&limit=10&cursor=cur_2');
    expect(request?.headers.authorization).toBe('Bearer pst_first');
  });

  it('returns the parsed JSON body', async () => {
    const invoice = { object: 'invoice', id: 'inv_1', number: 'INV-1', amount_due: 5039 };
    server = await startStubServer(() => ({ status: 200, body: invoice }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const received = await client.getInvoice('inv_1');

    expect(received).toEqual(invoice);
    expect(server.requests[0]?.url).toBe('/v1/portal/invoices/inv_1');
  });

  it('escapes ids as one path segment', async () => {
    server = await startStubServer(() => ({ status: 200, body: {} }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    await client.getPayment('../session');

    expect(server.requests[0]?.url).toBe('/v1/portal/payments/..%2Fsession');
  });

  it('keeps a path prefix of the api address', async () => {
    server = await startStubServer(() => ({ status: 200, body: {} }));
    const client = createPortalClient({ api: `${server.url}/duly`, session: 'pst_first' });

    await client.getSession();

    expect(server.requests[0]?.url).toBe('/duly/v1/portal/session');
  });

  it('posts the card as JSON', async () => {
    server = await startStubServer(() => ({ status: 201, body: { id: 'pm_1' } }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });
    const card = { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2030, cvc: '123' };

    await client.createSandboxPaymentMethod({ card, save: true });

    const [request] = server.requests;
    expect(request?.url).toBe('/v1/portal/payment_methods/sandbox');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({ card, save: true });
  });

  it('rejects an api address without scheme', () => {
    expect(() => createPortalClient({ api: 'localhost:3000', session: 'pst_1' })).toThrow(
      /absolute address of the Duly API/,
    );
  });

  it('rejects an empty session token', () => {
    expect(() => createPortalClient({ api: 'http://127.0.0.1:1', session: '' })).toThrow(
      /portal session token/,
    );
  });
});

describe('portal client payment routes', () => {
  type Call = (client: ReturnType<typeof createPortalClient>) => Promise<unknown>;
  const bank = {
    routing_number: '110000000',
    account_number: '000123456789',
    account_holder_type: 'individual',
  } as const;
  const cases: Array<{ name: string; call: Call; method: string; url: string; body?: unknown }> = [
    {
      name: 'getPaymentSetup',
      call: (client) => client.getPaymentSetup(),
      method: 'GET',
      url: '/v1/portal/payment_setup',
    },
    {
      name: 'listPaymentMethods',
      call: (client) => client.listPaymentMethods(),
      method: 'GET',
      url: '/v1/portal/payment_methods',
    },
    {
      name: 'removePaymentMethod',
      call: (client) => client.removePaymentMethod('pm_1'),
      method: 'DELETE',
      url: '/v1/portal/payment_methods/pm_1',
    },
    {
      name: 'setDefaultPaymentMethod',
      call: (client) => client.setDefaultPaymentMethod('pm_1'),
      method: 'POST',
      url: '/v1/portal/payment_methods/pm_1/default',
      body: {},
    },
    {
      name: 'createSandboxPaymentMethod with a bank account',
      call: (client) => client.createSandboxPaymentMethod({ us_bank_account: bank }),
      method: 'POST',
      url: '/v1/portal/payment_methods/sandbox',
      body: { us_bank_account: bank },
    },
    {
      name: 'createStripePaymentMethod',
      call: (client) => client.createStripePaymentMethod({ payment_method: 'pm_card', save: true }),
      method: 'POST',
      url: '/v1/portal/payment_methods/stripe',
      body: { payment_method: 'pm_card', save: true },
    },
    {
      name: 'createStripePaymentMethod from a SetupIntent',
      call: (client) => client.createStripePaymentMethod({ setup_intent: 'seti_1' }),
      method: 'POST',
      url: '/v1/portal/payment_methods/stripe',
      body: { setup_intent: 'seti_1' },
    },
    {
      name: 'createSetupIntent',
      call: (client) => client.createSetupIntent(),
      method: 'POST',
      url: '/v1/portal/setup_intents',
      body: {},
    },
    {
      name: 'createPlaidLinkToken',
      call: (client) => client.createPlaidLinkToken(),
      method: 'POST',
      url: '/v1/portal/plaid/link_token',
      body: {},
    },
    {
      name: 'createPlaidPaymentMethod',
      call: (client) =>
        client.createPlaidPaymentMethod({ public_token: 'public-1', account_id: 'acc_1' }),
      method: 'POST',
      url: '/v1/portal/payment_methods/plaid',
      body: { public_token: 'public-1', account_id: 'acc_1' },
    },
    {
      name: 'refreshPayment',
      call: (client) => client.refreshPayment('pay_1'),
      method: 'POST',
      url: '/v1/portal/payments/pay_1/refresh',
      body: {},
    },
    {
      name: 'completeSandboxChallenge',
      call: (client) => client.completeSandboxChallenge('pay_1', 'failed'),
      method: 'POST',
      url: '/v1/portal/payments/pay_1/sandbox_challenge',
      body: { result: 'failed' },
    },
    {
      name: 'getAutopay',
      call: (client) => client.getAutopay(),
      method: 'GET',
      url: '/v1/portal/autopay',
    },
    {
      name: 'updateAutopay',
      call: (client) =>
        client.updateAutopay({
          enabled: true,
          payment_method: 'pm_1',
          mandate: { accepted: true },
        }),
      method: 'PUT',
      url: '/v1/portal/autopay',
      body: { enabled: true, payment_method: 'pm_1', mandate: { accepted: true } },
    },
    {
      name: 'getReceipt',
      call: (client) => client.getReceipt('pay_1'),
      method: 'GET',
      url: '/v1/portal/payments/pay_1/receipt',
    },
  ];

  for (const { name, call, method, url, body } of cases) {
    it(`sends ${name} as ${method} ${url}`, async () => {
      server = await startStubServer(() => ({ status: 200, body: { object: 'stub' } }));
      const client = createPortalClient({ api: server.url, session: 'pst_first' });

      await call(client);

      const [request] = server.requests;
      expect(request?.method).toBe(method);
      expect(request?.url).toBe(url);
      expect(request?.headers.authorization).toBe('Bearer pst_first');
      expect(request?.body).toEqual(body);
      expect(request?.headers['content-type']).toBe(
        body === undefined ? undefined : 'application/json',
      );
    });
  }

  it('sends the mandate of a bank payment', async () => {
    server = await startStubServer(() => ({ status: 201, body: { status: 'pending' } }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });
    const request = {
      payment_method: 'pm_bank',
      invoices: [{ invoice: 'inv_1', amount: 5039 }],
      mandate: { accepted: true as const },
    };

    const payment = await client.createPayment(request, { idempotencyKey: 'attempt-1' });

    expect(payment).toEqual({ status: 'pending' });
    expect(server.requests[0]?.body).toEqual(request);
  });

  it('resolves a removal without body', async () => {
    server = await startStubServer(() => ({ status: 204, rawBody: '' }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    await expect(client.removePaymentMethod('pm_1')).resolves.toBeUndefined();
  });

  it('maps a method used by autopay to a conflict', async () => {
    server = await startStubServer(() => problem(409, 'payment_method_in_use'));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const error = await client.removePaymentMethod('pm_1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('payment_method_in_use');
  });

  it('downloads the receipt PDF as a blob', async () => {
    const pdf = '%PDF-1.4 receipt';
    server = await startStubServer(() => ({
      status: 200,
      rawBody: pdf,
      headers: { 'Content-Type': 'application/pdf' },
    }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const blob = await client.downloadReceiptPdf('pay_1');

    expect(blob.type).toBe('application/pdf');
    expect(await blob.text()).toBe(pdf);
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/portal/payments/pay_1/receipt.pdf');
    expect(request?.headers.accept).toBe('application/pdf, application/problem+json');
    expect(request?.headers.authorization).toBe('Bearer pst_first');
    expect(request?.headers.cookie).toBeUndefined();
  });

  it('maps a missing receipt to its problem', async () => {
    server = await startStubServer(() => problem(409, 'receipt_not_available'));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const error = await client.downloadReceiptPdf('pay_1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('receipt_not_available');
  });

  it('renews an expired session for a PDF download', async () => {
    server = await startStubServer((request) =>
      request.headers.authorization === 'Bearer pst_second'
        ? { status: 200, rawBody: '%PDF', headers: { 'Content-Type': 'application/pdf' } }
        : problem(401, 'session_expired'),
    );
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: async () => 'pst_second',
    });

    const blob = await client.downloadReceiptPdf('pay_1');

    expect(await blob.text()).toBe('%PDF');
    expect(server.requests).toHaveLength(2);
  });
});

describe('portal client errors', () => {
  const cases = [
    { status: 400, code: 'validation_failed', errorClass: DulyInvalidRequestError },
    { status: 422, code: 'idempotency_key_reused', errorClass: DulyInvalidRequestError },
    { status: 401, code: 'session_invalid', errorClass: DulyAuthenticationError },
    { status: 403, code: 'origin_not_allowed', errorClass: DulyPermissionError },
    { status: 404, code: 'invoice_not_found', errorClass: DulyNotFoundError },
    { status: 409, code: 'amount_exceeds_payable', errorClass: DulyConflictError },
    { status: 429, code: 'rate_limited', errorClass: DulyRateLimitError },
    { status: 500, code: 'internal_error', errorClass: DulyApiError },
  ] as const;

  for (const { status, code, errorClass } of cases) {
    it(`maps ${status} ${code} to ${errorClass.name}`, async () => {
      server = await startStubServer(() => problem(status, code, { param: 'invoices[0].amount' }));
      const client = createPortalClient({ api: server.url, session: 'pst_first' });

      const error = await client.getInvoice('inv_1').catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(errorClass);
      expect(error).toBeInstanceOf(DulyError);
      const dulyError = error as DulyError;
      expect(dulyError.code).toBe(code);
      expect(dulyError.status).toBe(status);
      expect(dulyError.detail).toBe(`Detail of ${code}.`);
      expect(dulyError.message).toBe(`Detail of ${code}.`);
      expect(dulyError.param).toBe('invoices[0].amount');
      expect(dulyError.requestId).toBe(`req_${code}`);
      expect(dulyError.problem?.code).toBe(code);
    });
  }

  it('maps a decline to a card error with its payment', async () => {
    server = await startStubServer(() =>
      problem(402, 'insufficient_funds', { payment: 'pay_9', decline_code: 'insufficient_funds' }),
    );
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const error = await client
      .createPayment(
        { payment_method: 'pm_1', invoices: [{ invoice: 'inv_1', amount: 100 }] },
        { idempotencyKey: 'key-1' },
      )
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyCardError);
    const cardError = error as DulyCardError;
    expect(cardError.code).toBe('insufficient_funds');
    expect(cardError.payment).toBe('pay_9');
    expect(cardError.declineCode).toBe('insufficient_funds');
  });

  it('maps a body that is not a problem to an API error', async () => {
    server = await startStubServer(() => ({
      status: 502,
      rawBody: '<html>Bad gateway</html>',
      headers: { 'Content-Type': 'text/html', 'Request-Id': 'req_proxy' },
    }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const error = await client.getSession().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyApiError);
    expect((error as DulyApiError).status).toBe(502);
    expect((error as DulyApiError).code).toBe('unexpected_response');
    expect((error as DulyApiError).requestId).toBe('req_proxy');
  });

  it('maps a refused connection to a connection error', async () => {
    server = await startStubServer(() => ({ status: 200, body: {} }));
    const url = server.url;
    await server.close();
    server = undefined;
    const client = createPortalClient({ api: url, session: 'pst_first' });

    const error = await client.getSession().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConnectionError);
    expect((error as DulyConnectionError).status).toBeUndefined();
    expect((error as DulyConnectionError).code).toBe('connection_failed');
  });
});

describe('portal client idempotency', () => {
  it('sends the idempotency key of a payment', async () => {
    server = await startStubServer(() => ({ status: 201, body: { id: 'pay_1' } }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });
    const request = { payment_method: 'pm_1', invoices: [{ invoice: 'inv_1', amount: 5039 }] };

    await client.createPayment(request, { idempotencyKey: 'attempt-7' });

    const [received] = server.requests;
    expect(received?.headers['idempotency-key']).toBe('attempt-7');
    expect(received?.body).toEqual(request);
  });

  it('rejects a payment without idempotency key', async () => {
    server = await startStubServer(() => ({ status: 201, body: {} }));
    const client = createPortalClient({ api: server.url, session: 'pst_first' });
    const request = { payment_method: 'pm_1', invoices: [{ invoice: 'inv_1', amount: 1 }] };

    await expect(client.createPayment(request, { idempotencyKey: '' })).rejects.toThrow(
      /idempotencyKey is required/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('creates distinct UUID keys', () => {
    const first = createIdempotencyKey();
    const second = createIdempotencyKey();

    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });
});

describe('portal client session renewal', () => {
  /** Starts a server that rejects every token but `valid` as `session_expired`. */
  function serverAccepting(valid: string) {
    return startStubServer((request) =>
      request.headers.authorization === `Bearer ${valid}`
        ? { status: 200, body: emptyList }
        : problem(401, 'session_expired'),
    );
  }

  it('renews an expired session and retries', async () => {
    server = await serverAccepting('pst_second');
    const tokens = ['pst_second'];
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: async () => tokens.shift() ?? 'pst_none',
    });

    const list = await client.listInvoices();

    expect(list).toEqual(emptyList);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer pst_first',
      'Bearer pst_second',
    ]);
  });

  it('shares one renewal between concurrent requests', async () => {
    server = await serverAccepting('pst_second');
    let renewals = 0;
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: async () => {
        renewals += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return 'pst_second';
      },
    });

    const results = await Promise.all([
      client.listInvoices({ status: 'open' }),
      client.listInvoices({ status: 'paid' }),
      client.listPayments(),
    ]);

    expect(results).toEqual([emptyList, emptyList, emptyList]);
    expect(renewals).toBe(1);
  });

  it('renews at most once per request', async () => {
    server = await serverAccepting('pst_never');
    let renewals = 0;
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: async () => {
        renewals += 1;
        return `pst_renewed_${renewals}`;
      },
    });

    const error = await client.listInvoices().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyAuthenticationError);
    expect((error as DulyAuthenticationError).code).toBe('session_expired');
    expect(renewals).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('throws session_expired without fetchSession', async () => {
    server = await serverAccepting('pst_second');
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    const error = await client.listInvoices().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyAuthenticationError);
    expect((error as DulyAuthenticationError).code).toBe('session_expired');
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the renewal failure as cause', async () => {
    server = await serverAccepting('pst_second');
    const failure = new Error('vendor backend down');
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: () => Promise.reject(failure),
    });

    const error = await client.getSession().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyAuthenticationError);
    expect((error as Error).cause).toBe(failure);
  });

  it('does not renew for an invalid session', async () => {
    server = await startStubServer(() => problem(401, 'session_invalid'));
    let renewals = 0;
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: async () => {
        renewals += 1;
        return 'pst_second';
      },
    });

    await expect(client.getSession()).rejects.toBeInstanceOf(DulyAuthenticationError);
    expect(renewals).toBe(0);
  });

  it('retries a payment with the same idempotency key', async () => {
    server = await startStubServer((request) =>
      request.headers.authorization === 'Bearer pst_second'
        ? { status: 201, body: { id: 'pay_1' } }
        : problem(401, 'session_expired'),
    );
    const client = createPortalClient({
      api: server.url,
      session: 'pst_first',
      fetchSession: async () => 'pst_second',
    });

    await client.createPayment(
      { payment_method: 'pm_1', invoices: [{ invoice: 'inv_1', amount: 100 }] },
      { idempotencyKey: 'attempt-1' },
    );

    expect(server.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'attempt-1',
      'attempt-1',
    ]);
  });

  it('uses a token set by setSession', async () => {
    server = await serverAccepting('pst_new');
    const client = createPortalClient({ api: server.url, session: 'pst_first' });

    client.setSession('pst_new');
    await client.listInvoices();

    expect(server.requests[0]?.headers.authorization).toBe('Bearer pst_new');
  });
});

describe('portal client timeout', () => {
  it('fails a slow request as timed_out', async () => {
    server = await startStubServer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { status: 200, body: {} };
    });
    const client = createPortalClient({ api: server.url, session: 'pst_first', timeoutMs: 50 });

    const error = await client.getSession().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConnectionError);
    expect((error as DulyConnectionError).code).toBe('timed_out');
  });
});
