import { afterEach, describe, expect, it } from 'vitest';
import { DulyConflictError, DulyInvalidRequestError, DulyNotFoundError } from '../errors.js';
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
  it('lists payments with filters', async () => {
    server = await startStubServer(() => ({
      status: 200,
      body: { object: 'list', data: [], next_cursor: null },
    }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.payments.list({ customer: 'cus_1', status: 'succeeded', limit: 10, cursor: 'c1' });

    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.url).toBe(
      '/v1/payments?customer=cus_1&status=succeeded&limit=10&cursor=c1',
    );
  });

  it('retrieves a payment by id', async () => {
    const payment = { object: 'payment', id: 'pay_1', status: 'succeeded', amount: 500 };
    server = await startStubServer(() => ({ status: 200, body: payment }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    expect(await duly.payments.retrieve('pay_1')).toEqual(payment);
    expect(server.requests[0]?.url).toBe('/v1/payments/pay_1');
  });

  it('refunds with the idempotency key', async () => {
    const refund = { object: 'refund', id: 're_1', payment: 'pay_1', amount: 500 };
    server = await startStubServer(() => ({ status: 201, body: refund }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const result = await duly.payments.refund(
      'pay_1',
      { amount: 500, reason: 'Returned goods' },
      { idempotencyKey: 'refund-1' },
    );

    expect(result).toEqual(refund);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/payments/pay_1/refunds');
    expect(request?.headers['idempotency-key']).toBe('refund-1');
    expect(request?.headers.authorization).toBe('Bearer sk_test_abc');
    expect(request?.body).toEqual({ amount: 500, reason: 'Returned goods' });
  });

  it('rejects a refund without a key', async () => {
    server = await startStubServer(() => ({ status: 201, body: {} }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await expect(
      duly.payments.refund('pay_1', {}, undefined as unknown as { idempotencyKey: string }),
    ).rejects.toThrow(/options.idempotencyKey is required/);
    expect(server.requests).toHaveLength(0);
  });

  it('throws conflicts from refunds', async () => {
    server = await startStubServer(() =>
      problem(409, 'refund_exceeds_payment', { param: 'amount' }),
    );
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const error = await duly.payments
      .refund('pay_1', { amount: 99_999 }, { idempotencyKey: 'refund-2' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('refund_exceeds_payment');
    expect((error as DulyConflictError).param).toBe('amount');
  });

  it('lists a payment’s refunds', async () => {
    server = await startStubServer(() => ({
      status: 200,
      body: { object: 'list', data: [], next_cursor: null },
    }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.payments.listRefunds('pay_1');

    expect(server.requests[0]?.url).toBe('/v1/payments/pay_1/refunds');
  });

  it('retrieves a receipt', async () => {
    const receipt = { object: 'receipt', number: 'abcd-efgh-ijkl', payment: 'pay_1' };
    server = await startStubServer(() => ({ status: 200, body: receipt }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    expect(await duly.receipts.retrieve('pay_1')).toEqual(receipt);
    expect(server.requests[0]?.url).toBe('/v1/payments/pay_1/receipt');
  });

  it('downloads a receipt PDF as bytes', async () => {
    const file = '%PDF-1.4\n%\u00e2\u00e3\n1 0 obj';
    server = await startStubServer(() => ({
      status: 200,
      rawBody: file,
      headers: { 'Content-Type': 'application/pdf' },
    }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const bytes = await duly.receipts.retrievePdf('pay_1', { locale: 'de-DE' });

    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).toString('utf8')).toBe(file);
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/payments/pay_1/receipt.pdf?locale=de-DE');
    expect(request?.headers.accept).toBe('application/pdf, application/problem+json');
  });

  it('throws when a payment has no receipt', async () => {
    server = await startStubServer(() => problem(409, 'receipt_not_available'));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const error = await duly.receipts.retrievePdf('pay_1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('receipt_not_available');
  });
});

describe('createDulyServer questions, disputes and credit requests', () => {
  const emptyList = { status: 200, body: { object: 'list', data: [], next_cursor: null } };

  it('lists threads with filters', async () => {
    server = await startStubServer(() => emptyList);
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.threads.list({ status: 'open', kind: 'dispute', customer: 'cus_1', limit: 10 });

    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.url).toBe(
      '/v1/threads?status=open&kind=dispute&customer=cus_1&limit=10',
    );
  });

  it('retrieves, answers and resolves a thread', async () => {
    const thread = { object: 'invoice_thread', id: 'thr_1', status: 'answered' };
    server = await startStubServer(() => ({ status: 200, body: thread }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    expect(await duly.threads.retrieve('thr_1')).toEqual(thread);
    await duly.threads.reply('thr_1', 'We are looking into it.');
    await duly.threads.resolve('thr_1', 'Credit note issued.');

    expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ['GET', '/v1/threads/thr_1', undefined],
      ['POST', '/v1/threads/thr_1/messages', { message: 'We are looking into it.' }],
      ['POST', '/v1/threads/thr_1/resolve', { resolution: 'Credit note issued.' }],
    ]);
    expect(server.requests[2]?.headers.authorization).toBe('Bearer sk_test_abc');
  });

  it('lists and retrieves credit requests', async () => {
    server = await startStubServer(() => emptyList);
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.creditRequests.list({ status: 'pending', customer: 'cus_1', cursor: 'c1' });
    await duly.creditRequests.retrieve('crq_1');

    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/credit_requests?status=pending&customer=cus_1&cursor=c1',
      '/v1/credit_requests/crq_1',
    ]);
  });

  it('approves and declines credit requests', async () => {
    server = await startStubServer(() => ({ status: 200, body: { id: 'crq_1' } }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    await duly.creditRequests.approve('crq_1');
    await duly.creditRequests.approve('crq_2', { amount: 800_000, note: 'Up to 8,000.' });
    await duly.creditRequests.decline('crq_3', { note: 'Not this quarter.' });

    expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
      ['POST', '/v1/credit_requests/crq_1/approve', {}],
      ['POST', '/v1/credit_requests/crq_2/approve', { amount: 800_000, note: 'Up to 8,000.' }],
      ['POST', '/v1/credit_requests/crq_3/decline', { note: 'Not this quarter.' }],
    ]);
  });

  it('throws a conflict for a decided credit request', async () => {
    server = await startStubServer(() => problem(409, 'credit_request_not_pending'));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const error = await duly.creditRequests.approve('crq_1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('credit_request_not_pending');
  });

  it('updates a customer with PATCH', async () => {
    const customer = { object: 'customer', id: 'cus_1', name: 'Acme Hardware Inc.' };
    server = await startStubServer(() => ({ status: 200, body: customer }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });
    const update = {
      name: 'Acme Hardware Inc.',
      credit_limit: { amount: 2_500_000, currency: 'USD' },
      billing_details: { phone: '+1 212 555 0100' },
    };

    expect(await duly.customers.update('cus_1', update)).toEqual(customer);
    expect(server.requests[0]?.method).toBe('PATCH');
    expect(server.requests[0]?.url).toBe('/v1/customers/cus_1');
    expect(server.requests[0]?.body).toEqual(update);
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });
});

describe('documents', () => {
  it('downloads an invoice PDF', async () => {
    server = await startStubServer(() => ({
      status: 200,
      rawBody: '%PDF-1.4 invoice',
      headers: { 'Content-Type': 'application/pdf' },
    }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const bytes = await duly.invoices.downloadPdf('inv_1', { locale: 'es-MX' });

    expect(Buffer.from(bytes).toString('utf8')).toBe('%PDF-1.4 invoice');
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/invoices/inv_1/invoice.pdf?locale=es-MX');
    expect(request?.headers.accept).toBe('application/pdf, application/problem+json');
    expect(request?.headers.authorization).toBe('Bearer sk_test_abc');
  });

  it('reads a statement as of a date', async () => {
    const statement = { object: 'statement', as_of: '2013-11-30', sections: [] };
    server = await startStubServer(() => ({ status: 200, body: statement }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    expect(await duly.customers.statement('cus_1', { as_of: '2013-11-30' })).toEqual(statement);
    await duly.customers.statement('cus_1');
    expect(server.requests.map((request) => request.url)).toEqual([
      '/v1/customers/cus_1/statement?as_of=2013-11-30',
      '/v1/customers/cus_1/statement',
    ]);
  });

  it('downloads a statement as PDF and CSV', async () => {
    server = await startStubServer((request) =>
      request.url.includes('.csv')
        ? {
            status: 200,
            rawBody: 'currency,type\r\nJPY,balance\r\n',
            headers: { 'Content-Type': 'text/csv' },
          }
        : { status: 200, rawBody: '%PDF-1.4', headers: { 'Content-Type': 'application/pdf' } },
    );
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const pdf = await duly.customers.statementPdf('cus_1', { as_of: '2026-03-01', locale: 'de' });
    const csv = await duly.customers.statementCsv('cus_1', { as_of: '2026-03-01' });

    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(csv).toBe('currency,type\r\nJPY,balance\r\n');
    const [pdfRequest, csvRequest] = server.requests;
    expect(pdfRequest?.url).toBe('/v1/customers/cus_1/statement.pdf?as_of=2026-03-01&locale=de');
    expect(csvRequest?.url).toBe('/v1/customers/cus_1/statement.csv?as_of=2026-03-01');
    expect(csvRequest?.headers.accept).toBe('text/csv, application/problem+json');
  });

  it('throws a refused statement date', async () => {
    server = await startStubServer(() => problem(400, 'invalid_parameter', { param: 'as_of' }));
    const duly = createDulyServer({ secretKey: 'sk_test_abc', api: server.url });

    const error = await duly.customers
      .statementCsv('cus_1', { as_of: '2999-01-01' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DulyInvalidRequestError);
    expect((error as DulyInvalidRequestError).param).toBe('as_of');
  });
});
