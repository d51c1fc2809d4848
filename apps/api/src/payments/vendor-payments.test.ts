import type { Invoice, Payment, Refund } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture, TEST_BANK_ACCOUNTS } from '../http/api-fixture.js';
import { createLogger } from '../http/logger.js';
import type { PaymentProvider, RefundOutcome } from '../providers/index.js';
import { sendRefund, startRefund } from './vendor-payment-service.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;
let other: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Vendor Payments Test' });
  other = await ApiFixture.create(db, { vendorName: 'Another Vendor' });
});
afterAll(() => db.destroy());

/** Pays one new invoice of `total` in full with a 4242 card; returns the payment. */
async function paidInvoice(total = 10_000, fixture = api) {
  const { customer, session, invoice, response } = await fixture.payNewInvoice({ total });
  expect(response.status).toBe(201);
  return { customer, session, invoice, payment: response.body as unknown as Payment };
}

function refund(paymentId: string, body: unknown, key: string = crypto.randomUUID()) {
  return api.request<Refund & { code?: string; param?: string }>(
    'POST',
    `/v1/payments/${paymentId}/refunds`,
    { auth: api.vendor.secret_key, body, headers: { 'Idempotency-Key': key } },
  );
}

async function paymentState(paymentId: string) {
  const row = await db
    .selectFrom('payment')
    .select(['status', 'amount_refunded'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return { status: row.status, amountRefunded: Number(row.amount_refunded) };
}

async function invoiceDue(invoiceId: string) {
  const row = await db
    .selectFrom('invoice')
    .select(['status', 'amount_due'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return { status: row.status, amountDue: Number(row.amount_due) };
}

async function refundCount(paymentId: string) {
  const rows = await db
    .selectFrom('refund')
    .select('id')
    .where('payment_id', '=', paymentId)
    .execute();
  return rows.length;
}

describe('GET /v1/payments', () => {
  it('pages through payments newest first', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const card = await api.createCard(session);
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      api.clock.advance(1_000);
      const invoice = await api.createInvoice(customer.id, { total: 1_000 + index });
      const paid = await api.pay(session, card, [{ invoice: invoice.id, amount: 1_000 + index }]);
      ids.push(paid.body.id as string);
    }

    const first = await api.request<{ data: Payment[]; next_cursor: string | null }>(
      'GET',
      `/v1/payments?customer=${customer.id}&limit=2`,
      { auth: api.vendor.secret_key },
    );
    expect(first.status).toBe(200);
    expect(first.body.data.map((payment) => payment.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.data[0]?.amount).toBe(1_002);
    expect(first.body.next_cursor).not.toBeNull();

    const second = await api.request<{ data: Payment[]; next_cursor: string | null }>(
      'GET',
      `/v1/payments?customer=${customer.id}&limit=2&cursor=${first.body.next_cursor}`,
      { auth: api.vendor.secret_key },
    );
    expect(second.body.data.map((payment) => payment.id)).toEqual([ids[0]]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('filters by status', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id);
    const declined = await api.createCard(session, '4000 0000 0000 0002');
    const invoice = await api.createInvoice(customer.id, { total: 5_000 });
    const failed = await api.pay(session, declined, [{ invoice: invoice.id, amount: 5_000 }]);
    expect(failed.status).toBe(402);

    const list = await api.request<{ data: Payment[] }>(
      'GET',
      `/v1/payments?customer=${customer.id}&status=failed`,
      { auth: api.vendor.secret_key },
    );
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ status: 'failed', failure_code: 'card_declined' });

    const succeeded = await api.request<{ data: Payment[] }>(
      'GET',
      `/v1/payments?customer=${customer.id}&status=succeeded`,
      { auth: api.vendor.secret_key },
    );
    expect(succeeded.body.data).toEqual([]);
  });

  it('leaves out other vendors’ payments', async () => {
    const foreign = await paidInvoice(2_000, other);
    const list = await api.request<{ data: Payment[] }>(
      'GET',
      `/v1/payments?customer=${foreign.customer.id}`,
      { auth: api.vendor.secret_key },
    );
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
  });

  it('rejects a bad cursor and status', async () => {
    const cursor = await api.request('GET', '/v1/payments?cursor=nonsense', {
      auth: api.vendor.secret_key,
    });
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe('invalid_cursor');

    const status = await api.request('GET', '/v1/payments?status=paid', {
      auth: api.vendor.secret_key,
    });
    expect(status.status).toBe(400);
    expect(status.body.param).toBe('status');
  });

  it('rejects a query parameter it does not take', async () => {
    // A client used to another API's `starting_after` must not silently get page one again.
    const response = await api.request('GET', '/v1/payments?starting_after=pay_1', {
      auth: api.vendor.secret_key,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'starting_after' });
  });
});

describe('GET /v1/payments/:id', () => {
  it('returns the payment with its applications', async () => {
    const { invoice, payment } = await paidInvoice(7_500);
    const read = await api.request<Payment>('GET', `/v1/payments/${payment.id}`, {
      auth: api.vendor.secret_key,
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: payment.id, status: 'succeeded', amount: 7_500 });
    expect(read.body.applications).toEqual([
      { invoice: invoice.id, invoice_number: invoice.number, amount: 7_500, amount_reversed: 0 },
    ]);
  });

  it('hides another vendor’s payment', async () => {
    const foreign = await paidInvoice(2_000, other);
    const read = await api.request('GET', `/v1/payments/${foreign.payment.id}`, {
      auth: api.vendor.secret_key,
    });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('payment_not_found');
  });
});

describe('POST /v1/payments/:id/refunds', () => {
  it('refunds part twice, then rejects too much', async () => {
    const { invoice, payment } = await paidInvoice(10_000);

    const first = await refund(payment.id, { amount: 3_000, reason: 'Damaged crate' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      object: 'refund',
      payment: payment.id,
      amount: 3_000,
      currency: 'USD',
      status: 'succeeded',
      reason: 'Damaged crate',
      livemode: false,
    });
    expect(await paymentState(payment.id)).toEqual({ status: 'succeeded', amountRefunded: 3_000 });
    expect(await invoiceDue(invoice.id)).toEqual({ status: 'open', amountDue: 3_000 });

    api.clock.advance(1_000);
    const second = await refund(payment.id, { amount: 2_500 });
    expect(second.status).toBe(201);
    expect(await paymentState(payment.id)).toEqual({ status: 'succeeded', amountRefunded: 5_500 });
    expect(await invoiceDue(invoice.id)).toEqual({ status: 'open', amountDue: 5_500 });

    const third = await refund(payment.id, { amount: 4_501 });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('refund_exceeds_payment');
    expect(third.body.param).toBe('amount');
    expect(await paymentState(payment.id)).toEqual({ status: 'succeeded', amountRefunded: 5_500 });
    expect(await invoiceDue(invoice.id)).toEqual({ status: 'open', amountDue: 5_500 });
    expect(await refundCount(payment.id)).toBe(2);

    const list = await api.request<{ data: Refund[] }>(
      'GET',
      `/v1/payments/${payment.id}/refunds`,
      {
        auth: api.vendor.secret_key,
      },
    );
    expect(list.body.data.map((item) => [item.id, item.amount])).toEqual([
      [first.body.id, 3_000],
      [second.body.id, 2_500],
    ]);

    // Both the payment and the invoice show how much of the payment was taken back.
    const read = await api.vendorCall<Payment>('GET', `/v1/payments/${payment.id}`, undefined, 200);
    expect(read.applications).toEqual([
      {
        invoice: invoice.id,
        invoice_number: invoice.number,
        amount: 10_000,
        amount_reversed: 5_500,
      },
    ]);
    const reopened = await api.vendorCall<Invoice>(
      'GET',
      `/v1/invoices/${invoice.id}`,
      undefined,
      200,
    );
    expect(reopened.payments).toEqual([
      expect.objectContaining({ payment: payment.id, amount: 10_000, amount_reversed: 5_500 }),
    ]);
  });

  it('refunds what is left by default', async () => {
    const { invoice, payment } = await paidInvoice(8_000);
    expect((await refund(payment.id, { amount: 1_000 })).status).toBe(201);

    // No body at all is a full refund too.
    const rest = await api.request<Refund>('POST', `/v1/payments/${payment.id}/refunds`, {
      auth: api.vendor.secret_key,
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(rest.status).toBe(201);
    expect(rest.body.amount).toBe(7_000);
    expect(await paymentState(payment.id)).toEqual({ status: 'refunded', amountRefunded: 8_000 });
    expect(await invoiceDue(invoice.id)).toEqual({ status: 'open', amountDue: 8_000 });

    const again = await refund(payment.id, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('payment_not_refundable');
  });

  it('replays a repeated request', async () => {
    const { payment } = await paidInvoice(6_000);
    const key = crypto.randomUUID();

    const first = await refund(payment.id, { amount: 1_500 }, key);
    const repeat = await refund(payment.id, { amount: 1_500 }, key);
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    expect(repeat.body).toEqual(first.body);
    expect(await refundCount(payment.id)).toBe(1);
    expect(await paymentState(payment.id)).toEqual({ status: 'succeeded', amountRefunded: 1_500 });

    const otherBody = await refund(payment.id, { amount: 1_000 }, key);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.code).toBe('idempotency_key_reused');
    expect(await refundCount(payment.id)).toBe(1);
  });

  it('requires an Idempotency-Key', async () => {
    const { payment } = await paidInvoice(1_000);
    const response = await api.request('POST', `/v1/payments/${payment.id}/refunds`, {
      auth: api.vendor.secret_key,
      body: { amount: 500 },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('idempotency_key_missing');
    expect(await refundCount(payment.id)).toBe(0);
  });

  it('hides another vendor’s payment', async () => {
    const foreign = await paidInvoice(3_000, other);
    const response = await refund(foreign.payment.id, { amount: 1_000 });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('payment_not_found');
    expect(await refundCount(foreign.payment.id)).toBe(0);
    expect(await paymentState(foreign.payment.id)).toEqual({
      status: 'succeeded',
      amountRefunded: 0,
    });
  });

  it('rejects a failed payment', async () => {
    const { response: failed } = await api.payNewInvoice({
      card: '4000 0000 0000 9995',
      total: 2_000,
    });

    const response = await refund(failed.body.payment as string, {});
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('payment_not_refundable');
  });

  it('rejects a pending bank debit', async () => {
    const { response: pending } = await api.payNewInvoice({
      bankAccount: TEST_BANK_ACCOUNTS.settles,
      total: 2_000,
    });
    expect(pending.body.status).toBe('pending');

    const response = await refund(pending.body.id as string, {});
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('payment_not_refundable');
  });

  it('rejects a zero amount and unknown fields', async () => {
    const { payment } = await paidInvoice(1_000);
    const zero = await refund(payment.id, { amount: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.code).toBe('amount_zero');

    const unknown = await refund(payment.id, { amount: 100, currency: 'USD' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.param).toBe('currency');
    expect(await refundCount(payment.id)).toBe(0);
  });
});

describe('refunds the provider has not settled', () => {
  /** Builds a provider whose refunds stay pending, or never reach it when `fails` is set. */
  function slowProvider(fails = false): PaymentProvider {
    return {
      name: 'sandbox',
      charge: () => Promise.reject(new Error('not used')),
      cancel: () => Promise.resolve(),
      refund: (request): Promise<RefundOutcome> =>
        fails
          ? Promise.reject(new Error('connection reset'))
          : Promise.resolve({ status: 'pending', providerRef: `re_slow_${request.refundId}` }),
    };
  }

  function deps(provider: PaymentProvider, logLines: string[] = []) {
    return {
      db,
      clock: api.clock,
      providers: new Map([['sandbox', provider]]),
      logger: createLogger({ level: 'error', write: (line) => logLines.push(line) }),
    };
  }

  const tenant = () => ({ vendorId: api.vendor.id, livemode: false });

  it('counts pending refunds against the rest', async () => {
    const { payment } = await paidInvoice(10_000);
    const slow = deps(slowProvider());

    const pending = await sendRefund(
      slow,
      await startRefund(slow, tenant(), payment.id, { amount: 7_000 }),
    );
    expect(pending.status).toBe('pending');
    expect(await paymentState(payment.id)).toEqual({ status: 'succeeded', amountRefunded: 0 });

    await expect(startRefund(slow, tenant(), payment.id, { amount: 3_001 })).rejects.toMatchObject({
      code: 'refund_exceeds_payment',
    });
    const rest = await startRefund(slow, tenant(), payment.id, {});
    expect(Number(rest.refund.amount)).toBe(3_000);
  });

  it('stays pending when the provider fails', async () => {
    const { payment } = await paidInvoice(4_000);
    const logLines: string[] = [];
    const failing = deps(slowProvider(true), logLines);

    const result = await sendRefund(
      failing,
      await startRefund(failing, tenant(), payment.id, { amount: 1_000 }),
    );
    expect(result.status).toBe('pending');
    expect(await paymentState(payment.id)).toEqual({ status: 'succeeded', amountRefunded: 0 });
    expect(logLines).toHaveLength(1);
    expect(JSON.parse(logLines[0] ?? '{}')).toMatchObject({
      level: 'error',
      refund: result.id,
      payment: payment.id,
    });
  });
});
