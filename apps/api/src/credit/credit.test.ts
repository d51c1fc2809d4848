import type { CreditApplication, Payment, PortalSession } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture, TEST_BANK_ACCOUNTS } from '../http/api-fixture.js';
import { settlePayment } from '../payments/settle-payment.js';
import { invoiceState } from '../testing/ledger-reads.js';
import { readCreditBalances } from './credit-balance.js';

// The credit balance: credit notes and unapplied payments, used oldest first by payments
// with apply_credit and by POST /v1/portal/credit_applications, and given back first when
// an overpayment is refunded or returned.

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, {
    vendorName: 'Credit Balance Vendor',
    now: '2026-03-20T12:00:00Z',
  });
});
afterAll(() => db.destroy());

/** Returns the vendor and test mode that the fixture's secret key grants. */
function tenant() {
  return { vendorId: api.vendor.id, livemode: false };
}

type Problem = { code?: string; param?: string; detail?: string };

async function payer() {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const card = await api.createCard(session);
  return { customerId: customer.id, session, card };
}

/** Inserts an issued credit note with `remaining` of its `amount` left, as the vendor API would. */
async function creditNote(
  customerId: string,
  fields: { amount: number; remaining?: number; currency?: string; issuedOn: string },
) {
  // The credit note's id prefix is the vendor API's; a random suffix keeps rows apart.
  const id = `cn_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await db
    .insertInto('credit_note')
    .values({
      id,
      vendor_id: api.vendor.id,
      livemode: false,
      customer_id: customerId,
      number: `CN-${id.slice(-8)}`,
      currency: fields.currency ?? 'USD',
      amount: fields.amount,
      amount_remaining: fields.remaining ?? fields.amount,
      reason: 'Returned goods',
      status: 'issued',
      issued_on: fields.issuedOn,
      created_at: api.clock.now(),
    })
    .execute();
  return id;
}

function postPayment(session: string, body: Record<string, unknown>, key?: string) {
  return api.postPayment<Payment & Problem>(session, body, key);
}

function applyCredit(session: string, body: Record<string, unknown>, key = crypto.randomUUID()) {
  return api.request<CreditApplication & Problem>('POST', '/v1/portal/credit_applications', {
    auth: session,
    body,
    headers: { 'Idempotency-Key': key },
  });
}

async function creditNoteRemaining(id: string) {
  const row = await db
    .selectFrom('credit_note')
    .select('amount_remaining')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.amount_remaining);
}

async function unappliedOf(paymentId: string) {
  const row = await db
    .selectFrom('payment')
    .select('amount_unapplied')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return Number(row.amount_unapplied);
}

async function sessionBalances(session: string) {
  const response = await api.request<PortalSession>('GET', '/v1/portal/session', {
    auth: session,
  });
  return response.body.balances;
}

/** Pays `amount` against one invoice of `total`, so that the rest becomes credit. */
async function overpay(
  session: string,
  card: string,
  customerId: string,
  total: number,
  amount: number,
) {
  const invoice = await api.createInvoice(customerId, { total });
  const response = await postPayment(session, { payment_method: card, amount, currency: 'USD' });
  expect(response.status).toBe(201);
  return { invoice, payment: response.body };
}

describe('credit balance', () => {
  it('lists sources oldest first per currency', async () => {
    const { customerId, session, card } = await payer();
    const { payment } = await overpay(session, card, customerId, 6_000, 10_000);
    const older = await creditNote(customerId, {
      amount: 10_000,
      remaining: 9_000,
      issuedOn: '2026-02-01',
    });
    const euro = await creditNote(customerId, {
      amount: 2_500,
      currency: 'EUR',
      issuedOn: '2026-03-01',
    });

    const balances = await readCreditBalances(db, tenant(), customerId);

    expect(balances).toEqual([
      {
        currency: 'EUR',
        amount: 2_500,
        sources: [
          {
            type: 'credit_note',
            id: euro,
            reference: expect.stringMatching(/^CN-/),
            amount: 2_500,
            date: '2026-03-01',
          },
        ],
      },
      {
        currency: 'USD',
        amount: 13_000,
        sources: [
          {
            type: 'credit_note',
            id: older,
            reference: expect.stringMatching(/^CN-/),
            amount: 9_000,
            date: '2026-02-01',
          },
          { type: 'payment', id: payment.id, reference: null, amount: 4_000, date: '2026-03-20' },
        ],
      },
    ]);
    const balancesShown = await sessionBalances(session);
    expect(balancesShown).toEqual([
      {
        currency: 'EUR',
        amount_due: 0,
        amount_pending: 0,
        open_count: 0,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 2_500,
      },
      {
        currency: 'USD',
        amount_due: 0,
        amount_pending: 0,
        open_count: 0,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 13_000,
      },
    ]);
  });

  it('leaves out void notes and unsettled payments', async () => {
    const { customerId, session } = await payer();
    const voided = await creditNote(customerId, { amount: 3_000, issuedOn: '2026-03-01' });
    await db.updateTable('credit_note').set({ status: 'void' }).where('id', '=', voided).execute();
    const bank = await api.createBankAccount(session, TEST_BANK_ACCOUNTS.settles);
    await api.createInvoice(customerId, { total: 1_000 });

    const pending = await postPayment(session, {
      payment_method: bank,
      amount: 4_000,
      currency: 'USD',
      mandate: { accepted: true },
    });

    expect(pending.body).toMatchObject({ status: 'pending', amount_unapplied: 3_000 });
    expect(await readCreditBalances(db, tenant(), customerId)).toEqual([]);
    expect((await sessionBalances(session))[0]?.credit).toBe(0);

    const row = await db
      .selectFrom('payment')
      .select('provider_ref')
      .where('id', '=', pending.body.id)
      .executeTakeFirstOrThrow();
    await settlePayment(db, api.clock, pending.body.id, {
      status: 'succeeded',
      providerRef: row.provider_ref as string,
    });
    expect((await sessionBalances(session))[0]?.credit).toBe(3_000);
  });
});

describe('POST /v1/portal/payments with apply_credit', () => {
  it('uses credit notes before later payments', async () => {
    const { customerId, session, card } = await payer();
    const { payment: earlier } = await overpay(session, card, customerId, 1_000, 3_000);
    const note = await creditNote(customerId, { amount: 1_500, issuedOn: '2026-03-01' });
    const invoice = await api.createInvoice(customerId, { total: 10_000 });

    const response = await postPayment(session, {
      payment_method: card,
      invoices: [{ invoice: invoice.id, amount: 10_000 }],
      apply_credit: true,
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ amount: 6_500, credit_applied: 3_500 });
    expect(await creditNoteRemaining(note)).toBe(0);
    expect(await unappliedOf(earlier.id)).toBe(0);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    const event = await db
      .selectFrom('event')
      .select('data')
      .where('type', '=', 'credit.applied')
      .where('object_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(event.data).toEqual({
      customer: customerId,
      currency: 'USD',
      amount: 3_500,
      payment: response.body.id,
      applications: [
        { invoice: invoice.id, amount: 1_500, source_type: 'credit_note', source: note },
        { invoice: invoice.id, amount: 2_000, source_type: 'payment', source: earlier.id },
      ],
    });
  });

  it('keeps credit applied when the card is declined', async () => {
    const { customerId, session } = await payer();
    const declined = await api.createCard(session, '4000 0000 0000 0002');
    const note = await creditNote(customerId, { amount: 2_000, issuedOn: '2026-03-01' });
    const invoice = await api.createInvoice(customerId, { total: 5_000 });

    const response = await postPayment(session, {
      payment_method: declined,
      pay_all: true,
      currency: 'USD',
      apply_credit: true,
    });

    expect(response.status).toBe(402);
    expect(response.body.code).toBe('card_declined');
    const payment = await db
      .selectFrom('payment')
      .select(['status', 'amount', 'credit_applied'])
      .where('id', '=', (response.body as unknown as { payment: string }).payment)
      .executeTakeFirstOrThrow();
    expect(payment).toEqual({ status: 'failed', amount: '3000', credit_applied: '2000' });
    expect(await creditNoteRemaining(note)).toBe(0);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 3_000, pending: 0 });
  });

  it('answers nothing_to_charge when credit covers all', async () => {
    const { customerId, session, card } = await payer();
    const note = await creditNote(customerId, { amount: 8_000, issuedOn: '2026-03-01' });
    const invoice = await api.createInvoice(customerId, { total: 5_000 });

    const response = await postPayment(session, {
      payment_method: card,
      pay_all: true,
      currency: 'USD',
      apply_credit: true,
    });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'nothing_to_charge', param: 'apply_credit' });
    expect(await creditNoteRemaining(note)).toBe(8_000);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 5_000, pending: 0 });
  });

  it('checks the minimum on what is left to charge', async () => {
    const { customerId, session, card } = await payer();
    const note = await creditNote(customerId, { amount: 4_980, issuedOn: '2026-03-01' });
    const invoice = await api.createInvoice(customerId, { total: 5_000 });

    const response = await postPayment(session, {
      payment_method: card,
      pay_all: true,
      currency: 'USD',
      apply_credit: true,
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'amount_below_minimum', param: 'pay_all' });
    expect(response.body.detail).toContain('$0.20');
    expect(await creditNoteRemaining(note)).toBe(4_980);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 5_000, pending: 0 });
  });
});

describe('POST /v1/portal/credit_applications', () => {
  it('pays from credit alone and replays by key', async () => {
    const { customerId, session } = await payer();
    const note = await creditNote(customerId, { amount: 6_000, issuedOn: '2026-03-01' });
    const older = await api.createInvoice(customerId, { total: 2_500, due_date: '2026-03-20' });
    const newer = await api.createInvoice(customerId, { total: 5_000, due_date: '2026-04-20' });
    const key = crypto.randomUUID();

    const first = await applyCredit(session, { amount: 4_000, currency: 'USD' }, key);
    const replay = await applyCredit(session, { amount: 4_000, currency: 'USD' }, key);

    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      object: 'credit_application',
      customer: customerId,
      currency: 'USD',
      amount: 4_000,
      applications: [
        { invoice: older.id, invoice_number: older.number, amount: 2_500 },
        { invoice: newer.id, invoice_number: newer.number, amount: 1_500 },
      ],
      credit_remaining: 2_000,
      created_at: api.clock.now().toISOString(),
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await creditNoteRemaining(note)).toBe(2_000);
    expect(await invoiceState(db, older.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect(await invoiceState(db, newer.id)).toEqual({ status: 'open', due: 3_500, pending: 0 });
    const applications = await db
      .selectFrom('credit_note_application')
      .select(['invoice_id', 'amount'])
      .where('credit_note_id', '=', note)
      .orderBy('id')
      .execute();
    expect(applications).toEqual([
      { invoice_id: older.id, amount: '2500' },
      { invoice_id: newer.id, amount: '1500' },
    ]);

    const reused = await applyCredit(session, { amount: 1_000, currency: 'USD' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  // Each customer has 20.00 of credit and one open invoice of 50.00; null lists 25.00 of it.
  it.each<[string, string, string, number, Record<string, unknown> | null]>([
    [
      'amount above the credit',
      'credit_exceeds_balance',
      'amount',
      409,
      { amount: 3_000, currency: 'USD' },
    ],
    ['invoices above the credit', 'credit_exceeds_balance', 'invoices', 409, null],
    [
      'pay_all above the credit',
      'credit_exceeds_balance',
      'pay_all',
      409,
      { pay_all: true, currency: 'USD' },
    ],
    [
      'amount above the open balance',
      'amount_exceeds_payable',
      'amount',
      409,
      { amount: 6_000, currency: 'USD' },
    ],
    ['nothing open in EUR', 'nothing_to_pay', 'currency', 409, { pay_all: true, currency: 'EUR' }],
    [
      'apply_credit field',
      'validation_failed',
      'apply_credit',
      400,
      { amount: 100, currency: 'USD', apply_credit: true },
    ],
  ])('%s answers %s on %s', async (_case, code, param, status, fields) => {
    const { customerId, session } = await payer();
    const note = await creditNote(customerId, { amount: 2_000, issuedOn: '2026-03-01' });
    const invoice = await api.createInvoice(customerId, { total: 5_000 });
    const body = fields ?? { invoices: [{ invoice: invoice.id, amount: 2_500 }] };

    const response = await applyCredit(session, body);

    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code, param });
    expect(await creditNoteRemaining(note)).toBe(2_000);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 5_000, pending: 0 });
  });

  it('requires an Idempotency-Key', async () => {
    const { session } = await payer();

    const response = await api.request<Problem>('POST', '/v1/portal/credit_applications', {
      auth: session,
      body: { pay_all: true, currency: 'USD' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'idempotency_key_missing',
      param: 'Idempotency-Key',
    });
  });
});

describe('giving back an overpayment', () => {
  it('refunds the unapplied part before reopening invoices', async () => {
    const { customerId, session, card } = await payer();
    const { invoice, payment } = await overpay(session, card, customerId, 10_000, 15_000);

    const refund = (amount: number) =>
      api.request('POST', `/v1/payments/${payment.id}/refunds`, {
        auth: api.vendor.secret_key,
        body: { amount },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });

    expect((await refund(3_000)).status).toBe(201);
    expect(await unappliedOf(payment.id)).toBe(2_000);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });

    expect((await refund(4_000)).status).toBe(201);
    expect(await unappliedOf(payment.id)).toBe(0);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 2_000, pending: 0 });
  });

  it('takes all of it back on a bank return', async () => {
    const { customerId, session } = await payer();
    const bank = await api.createBankAccount(session, TEST_BANK_ACCOUNTS.R01);
    const invoice = await api.createInvoice(customerId, { total: 10_000 });
    const response = await postPayment(session, {
      payment_method: bank,
      amount: 12_500,
      currency: 'USD',
      mandate: { accepted: true },
    });
    expect(response.body).toMatchObject({ status: 'pending', amount_unapplied: 2_500 });
    const row = await db
      .selectFrom('payment')
      .select('provider_ref')
      .where('id', '=', response.body.id)
      .executeTakeFirstOrThrow();
    const providerRef = row.provider_ref as string;
    await settlePayment(db, api.clock, response.body.id, { status: 'succeeded', providerRef });
    expect((await sessionBalances(session))[0]?.credit).toBe(2_500);

    await settlePayment(db, api.clock, response.body.id, {
      status: 'failed',
      providerRef,
      failureCode: 'R01',
      failureMessage: 'The bank returned the debit: insufficient funds (R01).',
    });

    expect(await unappliedOf(response.body.id)).toBe(0);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
    expect((await sessionBalances(session))[0]?.credit).toBe(0);
  });
});
