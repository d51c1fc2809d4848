import { describe, expect, it } from 'vitest';
import { DulyConflictError } from '../errors.js';
import { problem } from '../testing/stub-server.js';
import { stubbedServerClients } from '../testing/stubbed-server-clients.js';

const { clientAnswering, clientReplying } = stubbedServerClients();

describe('offline payments', () => {
  it('records a payment with the idempotency key', async () => {
    const payment = { object: 'payment', id: 'pay_1', amount: 5_000, amount_unapplied: 1_000 };
    const { duly, requests } = await clientAnswering(201, payment);
    const request = {
      customer: 'cus_1',
      currency: 'USD',
      amount: 5_000,
      method: 'check' as const,
      reference: '1042',
      received_on: '2026-03-10',
      invoices: [{ invoice: 'inv_1', amount: 4_000 }],
    };

    const result = await duly.payments.record(request, { idempotencyKey: 'cheque-1042' });

    expect(result).toEqual(payment);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/payments');
    expect(requests[0]?.headers['idempotency-key']).toBe('cheque-1042');
    expect(requests[0]?.body).toEqual(request);
  });

  it('rejects a record without a key', async () => {
    const { duly, requests } = await clientAnswering(201);

    await expect(
      duly.payments.record(
        {
          customer: 'cus_1',
          currency: 'USD',
          amount: 100,
          method: 'wire',
          received_on: '2026-03-10',
        },
        undefined as unknown as { idempotencyKey: string },
      ),
    ).rejects.toThrow(/options.idempotencyKey is required/);
    expect(requests).toHaveLength(0);
  });

  it('applies an unapplied payment', async () => {
    const { duly, requests } = await clientAnswering(200, { id: 'pay_1' });

    await duly.payments.apply(
      'pay_1',
      { invoices: [{ invoice: 'inv_2', amount: 700 }] },
      { idempotencyKey: 'apply-1' },
    );

    expect(requests[0]?.url).toBe('/v1/payments/pay_1/applications');
    expect(requests[0]?.headers['idempotency-key']).toBe('apply-1');
    expect(requests[0]?.body).toEqual({ invoices: [{ invoice: 'inv_2', amount: 700 }] });
  });

  it('reads a customer’s credit balance', async () => {
    const list = { object: 'list', data: [{ currency: 'USD', amount: 900, sources: [] }] };
    const { duly, requests } = await clientAnswering(200, list);

    expect(await duly.customers.creditBalance('cus_1')).toEqual(list);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe('/v1/customers/cus_1/credit_balance');
  });
});

describe('credit notes', () => {
  it('creates a credit note', async () => {
    const { duly, requests } = await clientAnswering(201, { id: 'cn_1', number: 'CN-000001' });
    const request = { customer: 'cus_1', currency: 'USD', amount: 10_000, reason: 'Damaged' };

    const note = await duly.creditNotes.create(request);

    expect(note).toEqual({ id: 'cn_1', number: 'CN-000001' });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/credit_notes');
    expect(requests[0]?.body).toEqual(request);
  });

  it('lists, retrieves, applies and voids', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'list', data: [] });

    await duly.creditNotes.list({ customer: 'cus_1', limit: 5, cursor: 'c1' });
    await duly.creditNotes.retrieve('cn_1');
    await duly.creditNotes.apply('cn_1', { invoices: [{ invoice: 'inv_1' }] });
    await duly.creditNotes.void('cn_1');

    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /v1/credit_notes?customer=cus_1&limit=5&cursor=c1',
      'GET /v1/credit_notes/cn_1',
      'POST /v1/credit_notes/cn_1/applications',
      'POST /v1/credit_notes/cn_1/void',
    ]);
    expect(requests[2]?.body).toEqual({ invoices: [{ invoice: 'inv_1' }] });
  });

  it('throws the credit conflict as a typed error', async () => {
    const { duly } = await clientReplying(
      problem(409, 'credit_exceeds_balance', { param: 'invoices[0].amount' }),
    );

    const error = await duly.creditNotes
      .apply('cn_1', { invoices: [{ invoice: 'inv_1', amount: 10_000 }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DulyConflictError);
    expect((error as DulyConflictError).code).toBe('credit_exceeds_balance');
    expect((error as DulyConflictError).param).toBe('invoices[0].amount');
  });
});

describe('payment notices', () => {
  it('lists with filters and retrieves', async () => {
    const { duly, requests } = await clientAnswering(200, { object: 'list', data: [] });

    await duly.paymentNotices.list({ status: 'pending', customer: 'cus_1', limit: 10 });
    await duly.paymentNotices.retrieve('pn_1');

    expect(requests[0]?.url).toBe('/v1/payment_notices?status=pending&customer=cus_1&limit=10');
    expect(requests[1]?.url).toBe('/v1/payment_notices/pn_1');
  });

  it('confirms with an empty body by default', async () => {
    const { duly, requests } = await clientAnswering(200, { id: 'pn_1', status: 'confirmed' });

    await duly.paymentNotices.confirm('pn_1');
    await duly.paymentNotices.confirm('pn_2', { amount: 900 }, { idempotencyKey: 'confirm-2' });

    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('/v1/payment_notices/pn_1/confirm');
    expect(requests[0]?.body).toEqual({});
    expect(requests[1]?.body).toEqual({ amount: 900 });
    expect(requests[1]?.headers['idempotency-key']).toBe('confirm-2');
  });

  it('rejects with the reason', async () => {
    const { duly, requests } = await clientAnswering(200, { id: 'pn_1', status: 'rejected' });

    await duly.paymentNotices.reject('pn_1', { reason: 'No wire arrived' });

    expect(requests[0]?.url).toBe('/v1/payment_notices/pn_1/reject');
    expect(requests[0]?.body).toEqual({ reason: 'No wire arrived' });
  });
});
