import type { Payment, PaymentPreview, PortalSession } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import type { ApiFixture } from '../http/api-fixture.js';
import { createImportedLedgerFixture, importedCustomerId } from '../testing/imported-ledger.js';
import { eventTypes } from '../testing/ledger-reads.js';

// Paying by amount and paying all, on the reference ledger imported as of 2013-11-30. The
// figures below are the CSV's own rows of each customer's invoices still open that day.

const db = connectDatabase(inject('databaseUrl'), { max: 25 });
let api: ApiFixture;

beforeAll(async () => {
  api = await createImportedLedgerFixture(db, '2013-11-30', {
    vendorName: 'Imported Ledger Payments',
  });
}, 120_000);
afterAll(() => db.destroy());

/** Opens a portal session with a 4242 card for the imported customer `externalId`. */
async function importedPayer(externalId: string) {
  const customerId = await importedCustomerId(db, api.vendor.id, externalId);
  const session = await api.createSession(customerId);
  const card = await api.createCard(session);
  return { customerId, session, card };
}

/** Reads invoices by number: id, status and amounts as numbers. */
async function invoicesByNumber(numbers: string[]) {
  const rows = await db
    .selectFrom('invoice')
    .select(['id', 'number', 'status', 'total', 'amount_due', 'amount_pending', 'disputed'])
    .where('vendor_id', '=', api.vendor.id)
    .where('number', 'in', numbers)
    .execute();
  return new Map(
    rows.map((row) => [
      row.number,
      {
        id: row.id,
        status: row.status,
        total: Number(row.total),
        due: Number(row.amount_due),
        pending: Number(row.amount_pending),
        disputed: row.disputed,
      },
    ]),
  );
}

function postPayment(session: string, body: Record<string, unknown>, key?: string) {
  return api.postPayment<Payment & { code?: string; param?: string; detail?: string }>(
    session,
    body,
    key,
  );
}

function preview(session: string, body: Record<string, unknown>) {
  return api.request<PaymentPreview>('POST', '/v1/portal/payments/preview', {
    auth: session,
    body,
  });
}

describe('paying an amount on the imported ledger', () => {
  it('fills the oldest invoices and pays the last partly', async () => {
    // 6708-DPYTF: 79.61 due 11-17, 93.24 due 11-23, 66.92 due 12-07, 76.18 due 12-25.
    const { session, card } = await importedPayer('6708-DPYTF');
    const numbers = ['9982796720', '8111779828', '1474447710', '839756390'];

    const response = await postPayment(session, {
      payment_method: card,
      amount: 20_000,
      currency: 'USD',
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'succeeded',
      amount: 20_000,
      amount_unapplied: 0,
      credit_applied: 0,
      short_pay: null,
    });
    const invoices = await invoicesByNumber(numbers);
    expect(response.body.applications.map((line) => [line.invoice_number, line.amount])).toEqual(
      expect.arrayContaining([
        ['9982796720', 7_961],
        ['8111779828', 9_324],
        ['1474447710', 2_715],
      ]),
    );
    expect(response.body.applications).toHaveLength(3);
    expect(invoices.get('9982796720')).toMatchObject({ status: 'paid', due: 0, pending: 0 });
    expect(invoices.get('8111779828')).toMatchObject({ status: 'paid', due: 0, pending: 0 });
    expect(invoices.get('1474447710')).toMatchObject({ status: 'open', due: 3_977, pending: 0 });
    expect(invoices.get('839756390')).toMatchObject({ status: 'open', due: 7_618, pending: 0 });
  });

  it('keeps an overpayment as credit and uses it next time', async () => {
    // 8690-EEBEO owes 43.31 + 57.16 + 54.43 + 56.21 = 211.11.
    const { customerId, session, card } = await importedPayer('8690-EEBEO');

    const over = await postPayment(session, {
      payment_method: card,
      amount: 25_000,
      currency: 'USD',
    });

    expect(over.status).toBe(201);
    expect(over.body).toMatchObject({ amount: 25_000, amount_unapplied: 3_889 });
    const paid = await invoicesByNumber(['4033537104', '9188939939', '2634865247', '2238411112']);
    expect([...paid.values()].map((invoice) => invoice.status)).toEqual([
      'paid',
      'paid',
      'paid',
      'paid',
    ]);
    const withCredit = await api.request<PortalSession>('GET', '/v1/portal/session', {
      auth: session,
    });
    expect(withCredit.body.balances).toEqual([
      {
        currency: 'USD',
        amount_due: 0,
        amount_pending: 0,
        open_count: 0,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 3_889,
      },
    ]);

    const next = await api.createInvoice(customerId, { total: 10_000, number: 'EEBEO-NEXT' });
    const planned = await preview(session, { pay_all: true, currency: 'USD', apply_credit: true });
    expect(planned.body).toMatchObject({
      credit_available: 3_889,
      credit_applied: 3_889,
      amount_to_charge: 6_111,
      amount_to_credit: 0,
    });
    const second = await postPayment(session, {
      payment_method: card,
      pay_all: true,
      currency: 'USD',
      apply_credit: true,
    });

    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      amount: 6_111,
      credit_applied: 3_889,
      amount_unapplied: 0,
    });
    expect((await invoicesByNumber([next.number])).get(next.number)).toMatchObject({
      status: 'paid',
      due: 0,
    });
    const overpayment = await db
      .selectFrom('payment')
      .select('amount_unapplied')
      .where('id', '=', over.body.id)
      .executeTakeFirstOrThrow();
    expect(overpayment.amount_unapplied).toBe('0');
    const fromCredit = await db
      .selectFrom('payment_application')
      .select(['amount'])
      .where('payment_id', '=', over.body.id)
      .where('invoice_id', '=', next.id)
      .executeTakeFirstOrThrow();
    expect(fromCredit.amount).toBe('3889');
    const after = await api.request<PortalSession>('GET', '/v1/portal/session', { auth: session });
    expect(after.body.balances).toEqual([]);
  });

  it('pays all but the disputed invoices', async () => {
    // 5592-UQXSS: 44.87 and 21.94 disputed, 44.04 not.
    const { session, card } = await importedPayer('5592-UQXSS');
    const numbers = ['5949242829', '3861006083', '1653708883'];
    const before = await invoicesByNumber(numbers);
    expect(before.get('5949242829')?.disputed).toBe(true);
    expect(before.get('3861006083')?.disputed).toBe(true);

    const response = await postPayment(session, {
      payment_method: card,
      pay_all: true,
      currency: 'USD',
    });

    expect(response.status).toBe(201);
    expect(response.body.amount).toBe(4_404);
    expect(response.body.applications).toEqual([
      {
        invoice: before.get('1653708883')?.id,
        invoice_number: '1653708883',
        amount: 4_404,
        amount_reversed: 0,
      },
    ]);
    const after = await invoicesByNumber(numbers);
    expect(after.get('5949242829')).toMatchObject({ status: 'open', due: 4_487, pending: 0 });
    expect(after.get('3861006083')).toMatchObject({ status: 'open', due: 2_194, pending: 0 });
    expect(after.get('1653708883')).toMatchObject({ status: 'paid', due: 0 });

    const again = await postPayment(session, {
      payment_method: card,
      pay_all: true,
      currency: 'USD',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'nothing_to_pay', param: 'currency' });
  });

  it('skips an invoice with a payment notice pending', async () => {
    // 2125-HJDLA: 62.04 open and 82.68 disputed; a notice is pending on the 62.04.
    const { customerId, session, card } = await importedPayer('2125-HJDLA');
    const invoices = await invoicesByNumber(['6732317450']);
    const noticed = invoices.get('6732317450')?.id as string;
    await db
      .insertInto('payment_notice')
      .values({
        id: 'pn_pendingForHjdla00000',
        vendor_id: api.vendor.id,
        livemode: false,
        customer_id: customerId,
        status: 'pending',
        currency: 'USD',
        amount: 6_204,
        method: 'check',
        reference: '1042',
        sent_on: '2013-11-28',
        created_at: api.clock.now(),
      })
      .execute();
    await db
      .updateTable('invoice')
      .set({ payment_notice_id: 'pn_pendingForHjdla00000' })
      .where('id', '=', noticed)
      .execute();

    const response = await postPayment(session, {
      payment_method: card,
      amount: 1_000,
      currency: 'USD',
    });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'nothing_to_pay', param: 'currency' });
    expect((await invoicesByNumber(['6732317450'])).get('6732317450')).toMatchObject({
      due: 6_204,
      pending: 0,
    });
  });

  it('preview matches what the payment then does', async () => {
    // 9323-NDIOV: 68.28, 44.56, 40.71 and 84.38, due in that order.
    const { session, card } = await importedPayer('9323-NDIOV');
    const numbers = ['4381512590', '1839830620', '9766114576', '4025313129'];
    const before = await invoicesByNumber(numbers);
    const eventsBefore = await eventTypes(db, before.get('4381512590')?.id as string);

    const planned = await preview(session, { amount: 15_000, currency: 'USD' });

    expect(planned.status).toBe(200);
    expect(planned.body).toEqual({
      object: 'payment_preview',
      currency: 'USD',
      applications: [
        {
          invoice: before.get('4381512590')?.id,
          invoice_number: '4381512590',
          due_date: '2013-12-02',
          amount_payable: 6_828,
          amount: 6_828,
          credit: 0,
        },
        {
          invoice: before.get('1839830620')?.id,
          invoice_number: '1839830620',
          due_date: '2013-12-13',
          amount_payable: 4_456,
          amount: 4_456,
          credit: 0,
        },
        {
          invoice: before.get('9766114576')?.id,
          invoice_number: '9766114576',
          due_date: '2013-12-26',
          amount_payable: 4_071,
          amount: 3_716,
          credit: 0,
        },
      ],
      credit_available: 0,
      credit_applied: 0,
      amount_to_charge: 15_000,
      amount_to_credit: 0,
      short_pay_required: false,
    });
    expect(await invoicesByNumber(numbers)).toEqual(before);
    expect(await eventTypes(db, before.get('4381512590')?.id as string)).toEqual(eventsBefore);

    const paid = await postPayment(session, {
      payment_method: card,
      amount: 15_000,
      currency: 'USD',
    });

    expect(paid.status).toBe(201);
    expect(paid.body.amount).toBe(planned.body.amount_to_charge);
    expect(paid.body.amount_unapplied).toBe(planned.body.amount_to_credit);
    const applied = new Map(paid.body.applications.map((line) => [line.invoice, line.amount]));
    expect(applied).toEqual(
      new Map(planned.body.applications.map((line) => [line.invoice, line.amount])),
    );
  });

  it('never over-applies under concurrent amount payments', async () => {
    // 9149-MATVB owes 46.06 + 51.42 + 42.57 + 48.59 = 188.64, and six payments of 50.00 race.
    const { customerId, session, card } = await importedPayer('9149-MATVB');
    const numbers = ['1867249429', '8553422918', '3250840107', '6381931555'];

    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        postPayment(session, { payment_method: card, amount: 5_000, currency: 'USD' }),
      ),
    );

    // Four payments cover the 188.64, the fourth with 11.36 over; the last two find nothing.
    const accepted = responses.filter((response) => response.status === 201);
    const rejected = responses.filter((response) => response.status !== 201);
    expect(accepted).toHaveLength(4);
    expect(rejected.map((response) => response.body.code)).toEqual([
      'nothing_to_pay',
      'nothing_to_pay',
    ]);
    const invoices = await invoicesByNumber(numbers);
    for (const invoice of invoices.values()) {
      expect(invoice).toMatchObject({ status: 'paid', due: 0, pending: 0 });
    }
    const applied = await db
      .selectFrom('payment_application')
      .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
      .select(['payment_application.invoice_id', 'payment_application.amount'])
      .where('payment.customer_id', '=', customerId)
      .where('payment.source', '=', 'portal')
      .execute();
    for (const invoice of invoices.values()) {
      const onInvoice = applied
        .filter((row) => row.invoice_id === invoice.id)
        .reduce((sum, row) => sum + Number(row.amount), 0);
      expect(onInvoice).toBe(invoice.total);
    }
    const payments = accepted.map((response) => response.body);
    const unapplied = payments.reduce((sum, payment) => sum + payment.amount_unapplied, 0);
    expect(unapplied).toBe(20_000 - 18_864);
    for (const payment of payments) {
      const onInvoices = payment.applications.reduce((sum, line) => sum + line.amount, 0);
      expect(onInvoices + payment.amount_unapplied).toBe(5_000);
    }
  });
});
