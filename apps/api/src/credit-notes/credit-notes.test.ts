import type { CreditBalance, CreditNote, Invoice } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
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
    vendorName: 'Credit Vendor',
  });
});
afterAll(() => db.destroy());

/** Finds an imported open invoice of at least 10.00, the `skip`-th by id. */
async function importedOpenInvoice(skip: number) {
  const row = await db
    .selectFrom('invoice')
    .select(['id', 'customer_id', 'number', 'amount_due'])
    .where('vendor_id', '=', api.vendor.id)
    .where('status', '=', 'open')
    .where('amount_due', '>=', '1000')
    .orderBy('id')
    .offset(skip)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { ...row, amount_due: Number(row.amount_due) };
}

function createNote(body: unknown, fixture = api) {
  return fixture.request<CreditNote & Problem>('POST', '/v1/credit_notes', {
    auth: fixture.vendor.secret_key,
    body,
  });
}

function applyNote(noteId: string, body: unknown) {
  return api.request<CreditNote & Problem>('POST', `/v1/credit_notes/${noteId}/applications`, {
    auth: api.vendor.secret_key,
    body,
  });
}

function voidNote(noteId: string) {
  return api.request<CreditNote & Problem>('POST', `/v1/credit_notes/${noteId}/void`, {
    auth: api.vendor.secret_key,
  });
}

/** Counts of the vendor's rows that credit note requests may write. */
async function ledgerCounts() {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM credit_note WHERE vendor_id = ${api.vendor.id}) AS notes,
      (SELECT coalesce(sum(amount_remaining), 0) FROM credit_note
        WHERE vendor_id = ${api.vendor.id}) AS remaining,
      (SELECT count(*) FROM credit_note WHERE vendor_id = ${api.vendor.id} AND status = 'void')
        AS void,
      (SELECT count(*) FROM credit_note_application a JOIN credit_note n
        ON n.id = a.credit_note_id WHERE n.vendor_id = ${api.vendor.id}) AS applications,
      (SELECT coalesce(sum(amount_due), 0) FROM invoice WHERE vendor_id = ${api.vendor.id})
        AS amount_due,
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events
  `.execute(db);
  return rows[0];
}

describe('credit note of 100.00 with 10.00 used', () => {
  it('applies only the 90.00 left to an invoice of 100.00', async () => {
    const imported = await importedOpenInvoice(0);
    const created = await createNote({
      customer: imported.customer_id,
      currency: 'USD',
      amount: 10_000,
      reason: 'Damaged pallets returned',
      invoices: [{ invoice: imported.id, amount: 1_000 }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'credit_note',
      customer: imported.customer_id,
      status: 'issued',
      currency: 'USD',
      amount: 10_000,
      amount_remaining: 9_000,
      reason: 'Damaged pallets returned',
      issued_on: '2013-11-30',
    });
    expect(created.body.applications).toMatchObject([
      { invoice: imported.id, invoice_number: imported.number, amount: 1_000 },
    ]);
    expect((await invoiceState(db, imported.id)).due).toBe(imported.amount_due - 1_000);
    const invoice = await api.createInvoice(imported.customer_id, { total: 10_000 });
    const noteId = created.body.id;

    const before = await ledgerCounts();
    const tooMuch = await applyNote(noteId, {
      invoices: [{ invoice: invoice.id, amount: 10_000 }],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({
      code: 'credit_exceeds_balance',
      param: 'invoices[0].amount',
    });
    expect(tooMuch.body.detail).toContain('90.00 USD');
    expect(await ledgerCounts()).toEqual(before);

    const applied = await applyNote(noteId, { invoices: [{ invoice: invoice.id }] });
    expect(applied.status).toBe(200);
    expect(applied.body.amount_remaining).toBe(0);
    expect(applied.body.applications.map((line) => [line.invoice, line.amount])).toEqual([
      [imported.id, 1_000],
      [invoice.id, 9_000],
    ]);
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 1_000, pending: 0 });
    expect(await eventTypes(db, noteId)).toEqual([
      'credit_note.created',
      'credit_note.applied',
      'credit_note.applied',
    ]);

    const read = await api.vendorCall<Invoice>('GET', `/v1/invoices/${invoice.id}`, undefined, 200);
    expect(read.amount_due).toBe(1_000);
    expect(read.credits).toEqual([
      {
        credit_note: noteId,
        number: created.body.number,
        amount: 9_000,
        created_at: '2013-11-30T15:00:00.000Z',
      },
    ]);

    const voided = await voidNote(noteId);
    expect(voided.status).toBe(409);
    expect(voided.body.code).toBe('credit_note_applied');
    expect(
      (await api.vendorCall<CreditNote>('GET', `/v1/credit_notes/${noteId}`, undefined, 200))
        .status,
    ).toBe('issued');
  });

  it('pays an invoice in full and records invoice.paid', async () => {
    const imported = await importedOpenInvoice(1);
    const created = await createNote({
      customer: imported.customer_id,
      currency: 'USD',
      amount: imported.amount_due + 700,
      reason: 'Price adjustment',
      invoices: [{ invoice: imported.id }],
    });

    expect(created.status).toBe(201);
    expect(created.body.amount_remaining).toBe(700);
    expect(await invoiceState(db, imported.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
    expect(await eventTypes(db, imported.id)).toContain('invoice.paid');
    const balance = await api.vendorCall<{ data: CreditBalance[] }>(
      'GET',
      `/v1/customers/${imported.customer_id}/credit_balance`,
      undefined,
      200,
    );
    expect(balance.data).toEqual([
      {
        currency: 'USD',
        amount: 700,
        sources: [
          {
            type: 'credit_note',
            id: created.body.id,
            reference: created.body.number,
            amount: 700,
            date: '2013-11-30',
          },
        ],
      },
    ]);
  });
});

describe('credit note numbers', () => {
  it('count up from CN-000001 per vendor and mode', async () => {
    const fixture = await ApiFixture.create(db, { now: '2013-11-30T15:00:00Z' });
    const other = await ApiFixture.create(db, { now: '2013-11-30T15:00:00Z' });
    const customer = await fixture.createCustomer();
    const otherCustomer = await other.createCustomer();
    const note = (fields: Record<string, unknown> = {}) => ({
      customer: customer.id,
      currency: 'USD',
      amount: 500,
      reason: 'Goodwill',
      ...fields,
    });

    const numbers: string[] = [];
    for (const fields of [{}, {}, { number: 'CN-000010' }, {}, { number: 'RMA-7' }, {}]) {
      const response = await createNote(note(fields), fixture);
      expect(response.status).toBe(201);
      numbers.push(response.body.number);
    }
    const taken = await createNote(note({ number: 'RMA-7' }), fixture);
    const otherFirst = await createNote(note({ customer: otherCustomer.id }), other);

    expect(numbers).toEqual([
      'CN-000001',
      'CN-000002',
      'CN-000010',
      'CN-000011',
      'RMA-7',
      'CN-000012',
    ]);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'credit_note_number_exists', param: 'number' });
    expect(otherFirst.body.number).toBe('CN-000001');
  });

  it('stay unique when notes are created at once', async () => {
    const fixture = await ApiFixture.create(db, { now: '2013-11-30T15:00:00Z' });
    const customer = await fixture.createCustomer();

    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        createNote(
          { customer: customer.id, currency: 'USD', amount: 100, reason: 'Rebate' },
          fixture,
        ),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect(responses.map((response) => response.body.number).sort()).toEqual([
      'CN-000001',
      'CN-000002',
      'CN-000003',
      'CN-000004',
      'CN-000005',
      'CN-000006',
    ]);
  });
});

describe('GET /v1/customers/:id/credit_balance', () => {
  it('lists each currency apart, sources oldest first', async () => {
    const customer = await api.createCustomer();
    const note = async (currency: string, amount: number, issuedOn: string) => {
      const response = await createNote({
        customer: customer.id,
        currency,
        amount,
        reason: 'Rebate',
        issued_on: issuedOn,
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    const later = await note('USD', 200, '2013-11-25');
    const earlier = await note('USD', 500, '2013-11-20');
    const euro = await note('EUR', 1_000, '2013-11-29');
    const voided = await note('USD', 900, '2013-11-01');
    await voidNote(voided.id);
    const recorded = await api.request<{ id: string }>('POST', '/v1/payments', {
      auth: api.vendor.secret_key,
      body: {
        customer: customer.id,
        currency: 'USD',
        amount: 300,
        method: 'wire',
        reference: 'WIRE-7',
        received_on: '2013-11-30',
      },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(recorded.status).toBe(201);
    const payment = recorded.body;

    const balance = await api.vendorCall<{ object: string; data: CreditBalance[] }>(
      'GET',
      `/v1/customers/${customer.id}/credit_balance`,
      undefined,
      200,
    );

    expect(balance.object).toBe('list');
    expect(balance.data.map((entry) => [entry.currency, entry.amount])).toEqual([
      ['EUR', 1_000],
      ['USD', 1_000],
    ]);
    expect(balance.data[0]?.sources.map((source) => source.id)).toEqual([euro.id]);
    expect(balance.data[1]?.sources).toEqual([
      {
        type: 'credit_note',
        id: earlier.id,
        reference: earlier.number,
        amount: 500,
        date: '2013-11-20',
      },
      {
        type: 'credit_note',
        id: later.id,
        reference: later.number,
        amount: 200,
        date: '2013-11-25',
      },
      { type: 'payment', id: payment.id, reference: 'WIRE-7', amount: 300, date: '2013-11-30' },
    ]);
  });

  it('returns customer_not_found for an unknown customer', async () => {
    const response = await api.request<Problem>('GET', '/v1/customers/cus_nope/credit_balance', {
      auth: api.vendor.secret_key,
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'customer_not_found', param: 'id' });
  });
});

describe('credit note idempotency', () => {
  it('creates once per Idempotency-Key', async () => {
    const customer = await api.createCustomer();
    const body = { customer: customer.id, currency: 'USD', amount: 2_500, reason: 'Rebate' };
    const send = (key: string) =>
      api.request<CreditNote>('POST', '/v1/credit_notes', {
        auth: api.vendor.secret_key,
        body,
        headers: { 'Idempotency-Key': key },
      });

    const first = await send('rebate-2013-11');
    const retry = await send('rebate-2013-11');
    const withoutKey = await createNote(body);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(withoutKey.body.id).not.toBe(first.body.id);
    const notes = await db
      .selectFrom('credit_note')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(notes).toHaveLength(2);
  });
});

describe('credit note lists and void', () => {
  it('voids a note never applied', async () => {
    const customer = await api.createCustomer();
    const invoice = await api.createInvoice(customer.id, { total: 2_000 });
    const created = await createNote({
      customer: customer.id,
      currency: 'USD',
      amount: 1_500,
      reason: 'Issued in error',
    });

    const voided = await voidNote(created.body.id);
    const again = await voidNote(created.body.id);
    const applied = await applyNote(created.body.id, { invoices: [{ invoice: invoice.id }] });

    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: 'void', amount_remaining: 1_500 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('credit_note_void');
    expect(applied.status).toBe(409);
    expect(applied.body.code).toBe('credit_note_void');
    expect(await eventTypes(db, created.body.id)).toEqual([
      'credit_note.created',
      'credit_note.voided',
    ]);
    const balance = await api.vendorCall<{ data: CreditBalance[] }>(
      'GET',
      `/v1/customers/${customer.id}/credit_balance`,
      undefined,
      200,
    );
    expect(balance.data).toEqual([]);
    expect((await invoiceState(db, invoice.id)).due).toBe(2_000);
  });

  it('lists notes newest first', async () => {
    const customer = await api.createCustomer();
    const ids: string[] = [];
    for (const amount of [100, 200, 300]) {
      api.clock.advance(1_000);
      const created = await createNote({
        customer: customer.id,
        currency: 'EUR',
        amount,
        reason: 'Rebate',
      });
      ids.push(created.body.id);
    }
    const session = await api.createSession(customer.id);

    const portalFirst = await api.request<{ data: CreditNote[]; next_cursor: string }>(
      'GET',
      '/v1/portal/credit_notes?limit=2',
      { auth: session },
    );
    const portalSecond = await api.request<{ data: CreditNote[]; next_cursor: string | null }>(
      'GET',
      `/v1/portal/credit_notes?limit=2&cursor=${portalFirst.body.next_cursor}`,
      { auth: session },
    );
    const vendorList = await api.vendorCall<{ data: CreditNote[] }>(
      'GET',
      `/v1/credit_notes?customer=${customer.id}`,
      undefined,
      200,
    );
    const badCursor = await api.request<Problem>('GET', '/v1/credit_notes?cursor=nonsense', {
      auth: api.vendor.secret_key,
    });

    expect(portalFirst.body.data.map((note) => note.id)).toEqual([ids[2], ids[1]]);
    expect(portalSecond.body.data.map((note) => note.id)).toEqual([ids[0]]);
    expect(portalSecond.body.next_cursor).toBeNull();
    expect(vendorList.data.map((note) => note.amount)).toEqual([300, 200, 100]);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ code: 'invalid_cursor', param: 'cursor' });
  });

  it('keeps another customer’s notes out of the portal', async () => {
    const customer = await api.createCustomer();
    const stranger = await api.createCustomer();
    await createNote({ customer: stranger.id, currency: 'USD', amount: 100, reason: 'Rebate' });
    const session = await api.createSession(customer.id);

    const list = await api.request<{ data: CreditNote[] }>('GET', '/v1/portal/credit_notes', {
      auth: session,
    });

    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
  });
});

describe('bad credit note requests', () => {
  let customerId: string;
  let open: Invoice;
  let small: Invoice;
  let paid: Invoice;
  let euro: Invoice;
  let foreign: Invoice;
  let noteId: string;

  beforeAll(async () => {
    customerId = (await api.createCustomer({ name: 'Careful Buyer' })).id;
    open = await api.createInvoice(customerId, { total: 5_000 });
    small = await api.createInvoice(customerId, { total: 300 });
    euro = await api.createInvoice(customerId, { total: 5_000, currency: 'EUR' });
    paid = await api.createInvoice(customerId, { total: 1_000 });
    await createNote({
      customer: customerId,
      currency: 'USD',
      amount: 1_000,
      reason: 'Settles it',
      invoices: [{ invoice: paid.id }],
    });
    const stranger = await api.createCustomer({ name: 'Someone Else' });
    foreign = await api.createInvoice(stranger.id, { total: 5_000 });
    const note = await createNote({
      customer: customerId,
      currency: 'USD',
      amount: 1_000,
      reason: 'For the bad applications',
    });
    noteId = note.body.id;
  });

  function body(fields: Record<string, unknown> = {}) {
    return { customer: customerId, currency: 'USD', amount: 1_000, reason: 'Rebate', ...fields };
  }

  it('rejects bad creates, changing nothing', async () => {
    const cases: Array<[string, unknown, number, string, string]> = [
      ['reason missing', body({ reason: undefined }), 400, 'validation_failed', 'reason'],
      ['amount zero', body({ amount: 0 }), 400, 'amount_zero', 'amount'],
      ['amount negative', body({ amount: -5 }), 400, 'amount_negative', 'amount'],
      ['currency unknown', body({ currency: 'XYZ' }), 400, 'validation_failed', 'currency'],
      ['issued tomorrow', body({ issued_on: '2013-12-01' }), 400, 'validation_failed', 'issued_on'],
      ['customer unknown', body({ customer: 'cus_nope' }), 404, 'customer_not_found', 'customer'],
      [
        'invoice of another customer',
        body({ invoices: [{ invoice: foreign.id }] }),
        404,
        'invoice_not_found',
        'invoices[0].invoice',
      ],
      [
        'invoice paid',
        body({ invoices: [{ invoice: paid.id }] }),
        409,
        'invoice_not_open',
        'invoices[0].invoice',
      ],
      [
        'invoice in another currency',
        body({ invoices: [{ invoice: euro.id }] }),
        400,
        'currency_mismatch',
        'invoices[0].invoice',
      ],
      [
        'invoice listed twice',
        body({ invoices: [{ invoice: open.id }, { invoice: open.id }] }),
        400,
        'duplicate_invoice',
        'invoices[1].invoice',
      ],
      [
        'more than the invoice takes',
        body({ invoices: [{ invoice: small.id, amount: 301 }] }),
        409,
        'amount_exceeds_payable',
        'invoices[0].amount',
      ],
      [
        'more than the note',
        body({ invoices: [{ invoice: open.id, amount: 1_001 }] }),
        409,
        'credit_exceeds_balance',
        'invoices[0].amount',
      ],
      [
        'nothing left for the second invoice',
        body({ invoices: [{ invoice: open.id }, { invoice: small.id }] }),
        409,
        'credit_exceeds_balance',
        'invoices[1].invoice',
      ],
    ];
    const before = await ledgerCounts();

    for (const [name, request, status, code, param] of cases) {
      expectProblem(await createNote(request), { status, code, param }, name);
    }

    expect(await ledgerCounts()).toEqual(before);
  });

  it('rejects bad applications, changing nothing', async () => {
    const cases: Array<[string, string, unknown, number, string, string]> = [
      [
        'unknown note',
        'cn_nope',
        { invoices: [{ invoice: open.id }] },
        404,
        'credit_note_not_found',
        'id',
      ],
      ['no invoices', noteId, { invoices: [] }, 400, 'validation_failed', 'invoices'],
      [
        'amount zero',
        noteId,
        { invoices: [{ invoice: open.id, amount: 0 }] },
        400,
        'amount_zero',
        'invoices[0].amount',
      ],
      [
        'more than remains',
        noteId,
        { invoices: [{ invoice: open.id, amount: 1_001 }] },
        409,
        'credit_exceeds_balance',
        'invoices[0].amount',
      ],
      [
        'invoice of another customer',
        noteId,
        { invoices: [{ invoice: foreign.id }] },
        404,
        'invoice_not_found',
        'invoices[0].invoice',
      ],
      [
        'invoice in another currency',
        noteId,
        { invoices: [{ invoice: euro.id }] },
        400,
        'currency_mismatch',
        'invoices[0].invoice',
      ],
    ];
    const before = await ledgerCounts();

    for (const [name, id, request, status, code, param] of cases) {
      expectProblem(await applyNote(id, request), { status, code, param }, name);
    }
    const unknownVoid = await voidNote('cn_nope');
    expect(unknownVoid.status).toBe(404);
    expect(unknownVoid.body).toMatchObject({ code: 'credit_note_not_found', param: 'id' });

    expect(await ledgerCounts()).toEqual(before);
  });

  it('applies a note once under concurrent requests', async () => {
    const created = await createNote(body({ amount: 1_000 }));
    const first = await api.createInvoice(customerId, { total: 600 });
    const second = await api.createInvoice(customerId, { total: 600 });

    const responses = await Promise.all(
      [first, second].map((invoice) =>
        applyNote(created.body.id, { invoices: [{ invoice: invoice.id, amount: 600 }] }),
      ),
    );

    expect(responses.map((response) => response.status).sort((a, b) => a - b)).toEqual([200, 409]);
    const note = await db
      .selectFrom('credit_note')
      .select('amount_remaining')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(note.amount_remaining).toBe('400');
  });
});
