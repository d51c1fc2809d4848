import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 25 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Payments Test Vendor' });
});
afterAll(() => db.destroy());

/** A customer with a session and a 4242 card. */
async function payer() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const card = await api.createCard(session);
  return { customer, session, card };
}

async function invoiceState(invoiceId: string) {
  return db
    .selectFrom('invoice')
    .select(['status', 'amount_due', 'amount_pending', 'paid_at'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
}

async function eventTypes(objectId: string) {
  const rows = await db
    .selectFrom('event')
    .select('type')
    .where('object_id', '=', objectId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.type);
}

describe('POST /v1/portal/payments', () => {
  it('pays an invoice in two parts', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const first = await api.pay(session, card, [{ invoice: invoice.id, amount: 4_000 }]);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('succeeded');
    expect(first.body.amount).toBe(4_000);
    expect(first.body.method_details).toEqual({ type: 'card', brand: 'visa', last4: '4242' });
    expect(await invoiceState(invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '6000',
      amount_pending: '0',
      paid_at: null,
    });

    const second = await api.pay(session, card, [{ invoice: invoice.id, amount: 6_000 }]);
    expect(second.status).toBe(201);
    const after = await invoiceState(invoice.id);
    expect(after).toMatchObject({ status: 'paid', amount_due: '0', amount_pending: '0' });
    expect(after.paid_at).toEqual(api.clock.now());

    const read = await api.request('GET', `/v1/portal/invoices/${invoice.id}`, { auth: session });
    expect(read.body.status).toBe('paid');
    expect(read.body.payments).toEqual([
      expect.objectContaining({ payment: first.body.id, amount: 4_000, status: 'succeeded' }),
      expect.objectContaining({ payment: second.body.id, amount: 6_000, status: 'succeeded' }),
    ]);
    expect(await eventTypes(invoice.id)).toEqual([
      'invoice.created',
      'invoice.payment_pending',
      'invoice.payment_applied',
      'invoice.payment_pending',
      'invoice.paid',
    ]);
    expect(await eventTypes(second.body.id as string)).toEqual([
      'payment.created',
      'payment.succeeded',
    ]);
  });

  it('pays two invoices at once', async () => {
    const { customer, session, card } = await payer();
    const a = await api.createInvoice(customer.id, { total: 2_500 });
    const b = await api.createInvoice(customer.id, { total: 7_000 });

    const response = await api.pay(session, card, [
      { invoice: a.id, amount: 2_500 },
      { invoice: b.id, amount: 3_000 },
    ]);

    expect(response.status).toBe(201);
    expect(response.body.amount).toBe(5_500);
    expect(response.body.currency).toBe('USD');
    expect(response.body.applications).toEqual(
      expect.arrayContaining([
        { invoice: a.id, invoice_number: a.number, amount: 2_500 },
        { invoice: b.id, invoice_number: b.number, amount: 3_000 },
      ]),
    );
    expect(await invoiceState(a.id)).toMatchObject({ status: 'paid', amount_due: '0' });
    expect(await invoiceState(b.id)).toMatchObject({ status: 'open', amount_due: '4000' });
  });

  it('never applies more than the total under 20 concurrent payments', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 10_000 });

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.pay(session, card, [{ invoice: invoice.id, amount: 3_000 }]),
      ),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(
      Array(17).fill('amount_exceeds_payable'),
    );
    const { rows } = await sql<{
      applied: string;
      total: string;
      amount_due: string;
      amount_pending: string;
    }>`
      SELECT coalesce(sum(a.amount) FILTER (WHERE p.status = 'succeeded'), 0) AS applied,
             i.total, i.amount_due, i.amount_pending
      FROM invoice i
      LEFT JOIN payment_application a ON a.invoice_id = i.id
      LEFT JOIN payment p ON p.id = a.payment_id
      WHERE i.id = ${invoice.id}
      GROUP BY i.id`.execute(db);
    expect(rows[0]).toEqual({
      applied: '9000',
      total: '10000',
      amount_due: '1000',
      amount_pending: '0',
    });
  });

  it('charges once for an Idempotency-Key sent twice', async () => {
    const { customer, session, card } = await payer();
    const invoice = await api.createInvoice(customer.id, { total: 5_000 });
    const key = crypto.randomUUID();

    const first = await api.pay(session, card, [{ invoice: invoice.id, amount: 1_000 }], key);
    const second = await api.pay(session, card, [{ invoice: invoice.id, amount: 1_000 }], key);

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(payments).toEqual([{ id: first.body.id }]);
    expect(await invoiceState(invoice.id)).toMatchObject({ amount_due: '4000' });
  });
});
