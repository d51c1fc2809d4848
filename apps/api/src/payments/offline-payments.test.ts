import type { CreditBalance, Invoice, Payment } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { allLines } from '../documents/document-test-kit.js';
import { readPdf } from '../documents/pdf-reader.js';
import type { ApiFixture } from '../http/api-fixture.js';
import { createImportedLedgerFixture } from '../testing/imported-ledger.js';
import { eventTypes, invoiceState } from '../testing/ledger-reads.js';
import { expectProblem } from '../testing/problem-cases.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

type Problem = { code: string; param?: string; detail: string };

beforeAll(async () => {
  // The reference ledger as it stood at the end of 2013-11-30, and that day as today.
  api = await createImportedLedgerFixture(db, '2013-11-30', {
    now: '2013-11-30T15:00:00Z',
    vendorName: 'Offline Payments Vendor',
  });
});
afterAll(() => db.destroy());

/**
 * Finds an imported customer with at least `count` open invoices and no offline payment
 * yet, so that tests never share one, and returns its open invoices, oldest due first.
 */
async function importedCustomerWithOpenInvoices(count: number) {
  const { rows } = await sql<{ customer_id: string }>`
    SELECT customer_id FROM invoice
    WHERE vendor_id = ${api.vendor.id} AND status = 'open' AND NOT disputed
      AND customer_id NOT IN (SELECT customer_id FROM payment
        WHERE vendor_id = ${api.vendor.id} AND source = 'vendor')
    GROUP BY customer_id HAVING count(*) >= ${count}
    ORDER BY customer_id LIMIT 1
  `.execute(db);
  const customerId = rows[0]?.customer_id;
  if (customerId === undefined) throw new Error(`No imported customer has ${count} open invoices.`);
  const invoices = await db
    .selectFrom('invoice')
    .select(['id', 'number', 'amount_due'])
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .orderBy('due_date')
    .orderBy('number')
    .execute();
  return {
    customerId,
    invoices: invoices.map((row) => ({ ...row, amount_due: Number(row.amount_due) })),
  };
}

function record(body: unknown, key: string | null = crypto.randomUUID()) {
  return api.request<Payment & Problem>('POST', '/v1/payments', {
    auth: api.vendor.secret_key,
    body,
    headers: key === null ? {} : { 'Idempotency-Key': key },
  });
}

function apply(paymentId: string, body: unknown) {
  return api.request<Payment & Problem>('POST', `/v1/payments/${paymentId}/applications`, {
    auth: api.vendor.secret_key,
    body,
  });
}

async function creditBalance(customerId: string) {
  return api.vendorCall<{ object: 'list'; data: CreditBalance[] }>(
    'GET',
    `/v1/customers/${customerId}/credit_balance`,
    undefined,
    200,
  );
}

/** Counts of the vendor's rows that every offline payment request may write. */
async function ledgerCounts() {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM payment WHERE vendor_id = ${api.vendor.id}) AS payments,
      (SELECT count(*) FROM payment_application a JOIN payment p ON p.id = a.payment_id
        WHERE p.vendor_id = ${api.vendor.id}) AS applications,
      (SELECT coalesce(sum(a.amount), 0) FROM payment_application a
        JOIN payment p ON p.id = a.payment_id WHERE p.vendor_id = ${api.vendor.id}) AS applied,
      (SELECT coalesce(sum(amount_due), 0) FROM invoice WHERE vendor_id = ${api.vendor.id})
        AS amount_due,
      (SELECT coalesce(sum(amount_unapplied), 0) FROM payment WHERE vendor_id = ${api.vendor.id})
        AS unapplied,
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events
  `.execute(db);
  return rows[0];
}

describe('POST /v1/payments', () => {
  it('pays two invoices, credit applied later', async () => {
    const { customerId, invoices } = await importedCustomerWithOpenInvoices(3);
    const [first, second, third] = invoices as [
      (typeof invoices)[0],
      (typeof invoices)[0],
      (typeof invoices)[0],
    ];
    const amount = first.amount_due + second.amount_due + 2_500;

    const recorded = await record({
      customer: customerId,
      currency: 'USD',
      amount,
      method: 'check',
      reference: 'Cheque 1042',
      received_on: '2013-11-28',
      invoices: [
        { invoice: first.id, amount: first.amount_due },
        { invoice: second.id, amount: second.amount_due },
      ],
    });

    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      object: 'payment',
      customer: customerId,
      status: 'succeeded',
      amount,
      currency: 'USD',
      source: 'vendor',
      payment_method: null,
      method_details: { type: 'offline', brand: null, last4: null },
      amount_unapplied: 2_500,
      offline: { method: 'check', reference: 'Cheque 1042', received_on: '2013-11-28' },
    });
    expect(recorded.body.applications).toEqual(
      [first, second]
        .map((invoice) => ({
          invoice: invoice.id,
          invoice_number: invoice.number,
          amount: invoice.amount_due,
          amount_reversed: 0,
        }))
        .sort((a, b) => (a.invoice < b.invoice ? -1 : 1)),
    );
    expect(await invoiceState(db, first.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect(await invoiceState(db, second.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect(await eventTypes(db, recorded.body.id)).toEqual(['payment.recorded']);
    expect(await eventTypes(db, first.id)).toContain('invoice.paid');

    const balance = await creditBalance(customerId);
    expect(balance.data).toEqual([
      {
        currency: 'USD',
        amount: 2_500,
        sources: [
          {
            type: 'payment',
            id: recorded.body.id,
            reference: 'Cheque 1042',
            amount: 2_500,
            // The day the cheque arrived, not the day it was recorded.
            date: '2013-11-28',
          },
        ],
      },
    ]);

    const part = Math.min(2_500, third.amount_due);
    const applied = await apply(recorded.body.id, {
      invoices: [{ invoice: third.id, amount: part }],
    });

    expect(applied.status).toBe(200);
    expect(applied.body.amount_unapplied).toBe(2_500 - part);
    expect(applied.body.applications.map((line) => line.invoice)).toContain(third.id);
    expect((await invoiceState(db, third.id)).due).toBe(third.amount_due - part);
    expect(await eventTypes(db, recorded.body.id)).toEqual(['payment.recorded', 'payment.applied']);
    const after = await creditBalance(customerId);
    expect(after.data.find((entry) => entry.currency === 'USD')?.amount ?? 0).toBe(2_500 - part);
  });

  it('raises an application of the same invoice', async () => {
    const { customerId, invoices } = await importedCustomerWithOpenInvoices(1);
    const invoice = invoices[0] as (typeof invoices)[0];
    const recorded = await record({
      customer: customerId,
      currency: 'USD',
      amount: 300,
      method: 'wire',
      received_on: '2013-11-30',
      invoices: [{ invoice: invoice.id, amount: 100 }],
    });
    expect(recorded.status).toBe(201);

    const applied = await apply(recorded.body.id, {
      invoices: [{ invoice: invoice.id, amount: 200 }],
    });

    expect(applied.status).toBe(200);
    expect(applied.body.applications).toEqual([
      { invoice: invoice.id, invoice_number: invoice.number, amount: 300, amount_reversed: 0 },
    ]);
    expect(applied.body.amount_unapplied).toBe(0);
    expect((await invoiceState(db, invoice.id)).due).toBe(invoice.amount_due - 300);
  });

  it('records a payment once per Idempotency-Key', async () => {
    const customerId = (await api.createCustomer()).id;
    const body = {
      customer: customerId,
      currency: 'USD',
      amount: 1_000,
      method: 'cash',
      received_on: '2013-11-30',
    };
    const key = crypto.randomUUID();

    const first = await record(body, key);
    const retry = await record(body, key);
    const other = await record({ ...body, amount: 2_000 }, key);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('source', '=', 'vendor')
      .execute();
    expect(payments).toHaveLength(1);
  });

  it('stores a KWD invoice of 18.600 as 18600 and pays it', async () => {
    const customer = await api.createCustomer({ name: 'Gulf Trading' });
    const invoice = await api.vendorCall<Invoice>(
      'POST',
      '/v1/invoices',
      {
        customer: customer.id,
        number: 'KWD-1',
        currency: 'KWD',
        issue_date: '2013-11-01',
        due_date: '2013-12-01',
        lines: [{ description: 'Pallets', quantity: 1, unit_amount: 18_600 }],
      },
      201,
    );
    const stored = await db
      .selectFrom('invoice')
      .select(['total', 'amount_due', 'currency'])
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ total: '18600', amount_due: '18600', currency: 'KWD' });

    const tooMuch = await record({
      customer: customer.id,
      currency: 'KWD',
      amount: 18_601,
      method: 'wire',
      received_on: '2013-11-30',
      invoices: [{ invoice: invoice.id, amount: 18_601 }],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('amount_exceeds_payable');
    expect(tooMuch.body.detail).toContain('18.601 KWD');
    expect(tooMuch.body.detail).toContain('18.600 KWD');

    const paid = await record({
      customer: customer.id,
      currency: 'KWD',
      amount: 18_600,
      method: 'wire',
      reference: 'SWIFT 4471',
      received_on: '2013-11-30',
      invoices: [{ invoice: invoice.id, amount: 18_600 }],
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ amount: 18_600, currency: 'KWD', amount_unapplied: 0 });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
  });

  it('shows in the payment history with a receipt, not refundable', async () => {
    const customer = await api.createCustomer();
    const invoice = await api.createInvoice(customer.id, { total: 4_000 });
    const recorded = await record({
      customer: customer.id,
      currency: 'USD',
      amount: 4_000,
      method: 'ach_credit',
      received_on: '2013-11-29',
      invoices: [{ invoice: invoice.id, amount: 4_000 }],
    });
    const session = await api.createSession(customer.id);

    const history = await api.request<{ data: Payment[] }>('GET', '/v1/portal/payments', {
      auth: session,
    });
    expect(history.body.data.map((payment) => payment.id)).toEqual([recorded.body.id]);
    expect(history.body.data[0]?.offline).toEqual({
      method: 'ach_credit',
      reference: null,
      received_on: '2013-11-29',
    });

    const receipt = await api.request<{ amount: number }>(
      'GET',
      `/v1/portal/payments/${recorded.body.id}/receipt`,
      { auth: session },
    );
    expect(receipt.status).toBe(200);
    expect(receipt.body.amount).toBe(4_000);
    const pdf = await api.app.request(`/v1/portal/payments/${recorded.body.id}/receipt.pdf`, {
      headers: { Authorization: `Bearer ${session}` },
    });
    const lines = allLines(readPdf(new Uint8Array(await pdf.arrayBuffer())));
    expect(lines.some((line) => line.includes('ACH credit'))).toBe(true);
    expect(lines.some((line) => line.includes('Recorded by the vendor'))).toBe(false);

    const refund = await api.request<Problem>('POST', `/v1/payments/${recorded.body.id}/refunds`, {
      auth: api.vendor.secret_key,
      body: {},
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(refund.status).toBe(409);
    expect(refund.body.code).toBe('payment_not_refundable');
  });
});

describe('bad offline payment requests', () => {
  let customerId: string;
  let open: Invoice;
  let paid: Invoice;
  let euro: Invoice;
  let foreign: Invoice;

  beforeAll(async () => {
    customerId = (await api.createCustomer({ name: 'Careful Buyer' })).id;
    open = await api.createInvoice(customerId, { total: 5_000 });
    euro = await api.createInvoice(customerId, { total: 5_000, currency: 'EUR' });
    paid = await api.createInvoice(customerId, { total: 1_000 });
    await record({
      customer: customerId,
      currency: 'USD',
      amount: 1_000,
      method: 'cash',
      received_on: '2013-11-30',
      invoices: [{ invoice: paid.id, amount: 1_000 }],
    });
    const stranger = await api.createCustomer({ name: 'Someone Else' });
    foreign = await api.createInvoice(stranger.id, { total: 5_000 });
  });

  function body(fields: Record<string, unknown> = {}) {
    return {
      customer: customerId,
      currency: 'USD',
      amount: 5_000,
      method: 'check',
      received_on: '2013-11-30',
      ...fields,
    };
  }

  it('rejects bad records, changing nothing', async () => {
    const cases: Array<[string, unknown, number, string, string]> = [
      ['amount zero', body({ amount: 0 }), 400, 'amount_zero', 'amount'],
      ['method unknown', body({ method: 'bitcoin' }), 400, 'validation_failed', 'method'],
      ['currency lower case', body({ currency: 'usd' }), 400, 'validation_failed', 'currency'],
      [
        'date not real',
        body({ received_on: '2013-02-30' }),
        400,
        'validation_failed',
        'received_on',
      ],
      [
        'date after today',
        body({ received_on: '2013-12-01' }),
        400,
        'validation_failed',
        'received_on',
      ],
      [
        'date over a year ago',
        body({ received_on: '1900-01-01' }),
        400,
        'validation_failed',
        'received_on',
      ],
      ['unknown field', body({ memo: 'x' }), 400, 'validation_failed', 'memo'],
      ['customer unknown', body({ customer: 'cus_nope' }), 404, 'customer_not_found', 'customer'],
      [
        'invoices over amount',
        body({ amount: 4_000, invoices: [{ invoice: open.id, amount: 4_500 }] }),
        409,
        'amount_exceeds_payable',
        'invoices',
      ],
      [
        'invoice over payable',
        body({ amount: 6_000, invoices: [{ invoice: open.id, amount: 5_001 }] }),
        409,
        'amount_exceeds_payable',
        'invoices[0].amount',
      ],
      [
        'invoice listed twice',
        body({
          invoices: [
            { invoice: open.id, amount: 100 },
            { invoice: open.id, amount: 100 },
          ],
        }),
        400,
        'duplicate_invoice',
        'invoices[1].invoice',
      ],
      [
        'invoice paid',
        body({ invoices: [{ invoice: paid.id, amount: 100 }] }),
        409,
        'invoice_not_open',
        'invoices[0].invoice',
      ],
      [
        'invoice in another currency',
        body({ invoices: [{ invoice: euro.id, amount: 100 }] }),
        400,
        'currency_mismatch',
        'invoices[0].invoice',
      ],
      [
        'invoice of another customer',
        body({ invoices: [{ invoice: foreign.id, amount: 100 }] }),
        404,
        'invoice_not_found',
        'invoices[0].invoice',
      ],
    ];
    const before = await ledgerCounts();

    for (const [name, request, status, code, param] of cases) {
      expectProblem(await record(request), { status, code, param }, name);
    }
    const missingKey = await record(body(), null);
    expect(missingKey.status).toBe(400);
    expect(missingKey.body).toMatchObject({
      code: 'idempotency_key_missing',
      param: 'Idempotency-Key',
    });

    expect(await ledgerCounts()).toEqual(before);
  });

  it('rejects bad applications, changing nothing', async () => {
    const recorded = await record(body({ amount: 2_000 }));
    expect(recorded.body.amount_unapplied).toBe(2_000);
    const session = await api.createSession(customerId);
    const declined = await api.createCard(session, '4000 0000 0000 0002');
    const failed = await api.payPartly(session, declined, [{ invoice: open.id, amount: 1_000 }]);
    expect(failed.status).toBe(402);
    const failedPayment = (failed.body as { payment: string }).payment;

    const cases: Array<[string, string, unknown, number, string, string]> = [
      [
        'more than unapplied',
        recorded.body.id,
        { invoices: [{ invoice: open.id, amount: 2_001 }] },
        409,
        'credit_exceeds_balance',
        'invoices',
      ],
      [
        'payment not succeeded',
        failedPayment,
        { invoices: [{ invoice: open.id, amount: 100 }] },
        409,
        'credit_exceeds_balance',
        'invoices',
      ],
      [
        'unknown payment',
        'pay_nope',
        { invoices: [{ invoice: open.id, amount: 100 }] },
        404,
        'payment_not_found',
        'id',
      ],
      [
        'invoice of another customer',
        recorded.body.id,
        { invoices: [{ invoice: foreign.id, amount: 100 }] },
        404,
        'invoice_not_found',
        'invoices[0].invoice',
      ],
      [
        'invoice in another currency',
        recorded.body.id,
        { invoices: [{ invoice: euro.id, amount: 100 }] },
        400,
        'currency_mismatch',
        'invoices[0].invoice',
      ],
      [
        'amount left out',
        recorded.body.id,
        { invoices: [{ invoice: open.id }] },
        400,
        'validation_failed',
        'invoices[0].amount',
      ],
      ['no invoices', recorded.body.id, { invoices: [] }, 400, 'validation_failed', 'invoices'],
    ];
    const before = await ledgerCounts();

    for (const [name, paymentId, request, status, code, param] of cases) {
      expectProblem(await apply(paymentId, request), { status, code, param }, name);
    }

    expect(await ledgerCounts()).toEqual(before);
  });

  it('applies credit once under concurrency', async () => {
    const recorded = await record(body({ amount: 1_000 }));
    const first = await api.createInvoice(customerId, { total: 800 });
    const second = await api.createInvoice(customerId, { total: 800 });

    const responses = await Promise.all(
      [first, second].map((invoice) =>
        apply(recorded.body.id, { invoices: [{ invoice: invoice.id, amount: 800 }] }),
      ),
    );

    expect(responses.map((response) => response.status).sort((a, b) => a - b)).toEqual([200, 409]);
    const payment = await db
      .selectFrom('payment')
      .select('amount_unapplied')
      .where('id', '=', recorded.body.id)
      .executeTakeFirstOrThrow();
    expect(payment.amount_unapplied).toBe('200');
    const dues = [(await invoiceState(db, first.id)).due, (await invoiceState(db, second.id)).due];
    expect(dues.sort((a, b) => a - b)).toEqual([0, 800]);
  });
});
