import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, daysBetween, plainDateIn } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { connectDatabase } from '../db/index.js';
import { readReferenceLedgerCsv } from '../testing/reference-ledger-csv.js';
import { createVendor } from '../vendors/index.js';
import { LedgerFileError, LedgerImportError } from './errors.js';
import { importLedger, type LedgerImportSummary } from './import-ledger.js';
import { referenceLedgerPath } from './reference-ledger.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
const LEDGER = referenceLedgerPath();
const AS_OF = '2013-11-30';
const tempDir = mkdtempSync(path.join(tmpdir(), 'duly-ledger-'));

afterAll(async () => {
  rmSync(tempDir, { recursive: true, force: true });
  await db.destroy();
});

/** Computes the figures as of a date from the CSV, read without the importer's parser. */
function expectedFigures(asOf: string) {
  const records = readReferenceLedgerCsv();
  const sumCents = (list: typeof records) => list.reduce((sum, record) => sum + record.cents, 0);
  const issued = records.filter((record) => record.issued <= asOf);
  const open = issued.filter((record) => record.settled > asOf);
  return {
    invoices: issued.length,
    customers: new Set(issued.map((record) => record.customer)).size,
    open: open.length,
    openCustomers: new Set(open.map((record) => record.customer)).size,
    overdue: open.filter((record) => record.due < asOf).length,
    disputed: issued.filter((record) => record.disputed).length,
    openDisputed: open.filter((record) => record.disputed).length,
    openCents: sumCents(open),
    paidCents: sumCents(issued) - sumCents(open),
  };
}

async function newVendor(clock: ManualClock, timeZone = 'UTC') {
  const vendor = await createVendor(db, clock, { name: 'Ledger Test Vendor', timeZone });
  return vendor.id;
}

/** Row counts of everything an import may write for `vendorId`. */
async function rowCounts(vendorId: string) {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM customer WHERE vendor_id = ${vendorId}) AS customers,
      (SELECT count(*) FROM invoice WHERE vendor_id = ${vendorId}) AS invoices,
      (SELECT count(*) FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
        WHERE i.vendor_id = ${vendorId}) AS lines,
      (SELECT count(*) FROM payment WHERE vendor_id = ${vendorId}) AS payments,
      (SELECT count(*) FROM payment_application a JOIN payment p ON p.id = a.payment_id
        WHERE p.vendor_id = ${vendorId}) AS applications,
      (SELECT count(*) FROM invoice_thread WHERE vendor_id = ${vendorId}) AS threads,
      (SELECT count(*) FROM thread_message m JOIN invoice_thread t ON t.id = m.thread_id
        WHERE t.vendor_id = ${vendorId}) AS messages,
      (SELECT count(*) FROM event WHERE vendor_id = ${vendorId}) AS events,
      (SELECT count(*) FROM ledger_import WHERE vendor_id = ${vendorId}) AS imports
  `.execute(db);
  return Object.fromEntries(
    Object.entries(rows[0] ?? {}).map(([key, value]) => [key, Number(value)]),
  );
}

async function eventCounts(vendorId: string) {
  const rows = await db
    .selectFrom('event')
    .select(['type', (eb) => eb.fn.countAll<string>().as('count')])
    .where('vendor_id', '=', vendorId)
    .groupBy('type')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.type, Number(row.count)]));
}

describe('importLedger as of 2013-11-30', () => {
  const clock = new ManualClock('2013-11-30T12:00:00Z');
  const expected = expectedFigures(AS_OF);
  let vendorId: string;
  let summary: LedgerImportSummary;

  beforeAll(async () => {
    vendorId = await newVendor(clock);
    summary = await importLedger(db, clock, { file: LEDGER, vendorId, asOf: AS_OF });
  });

  it('agrees with the test reading of the CSV', () => {
    expect(expected).toMatchObject({
      invoices: 2457,
      open: 79,
      openCustomers: 52,
      overdue: 8,
      openDisputed: 20,
    });
  });

  it('stores 2,457 invoices, 79 open', async () => {
    const rows = await db
      .selectFrom('invoice')
      .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
      .where('vendor_id', '=', vendorId)
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));

    expect(byStatus).toEqual({ open: 79, paid: 2378 });
  });

  it('leaves 52 customers with open invoices', async () => {
    const row = await db
      .selectFrom('invoice')
      .select((eb) => eb.fn.count<string>('customer_id').distinct().as('count'))
      .where('vendor_id', '=', vendorId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();

    expect(Number(row.count)).toBe(52);
  });

  it('leaves 8 overdue on the clock date', async () => {
    const today = plainDateIn(clock.now(), 'UTC');
    const row = await db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('vendor_id', '=', vendorId)
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .executeTakeFirstOrThrow();

    expect(today).toBe('2013-11-30');
    expect(Number(row.count)).toBe(8);
  });

  it('keeps the money of the CSV to the cent', async () => {
    const row = await db
      .selectFrom('invoice')
      .select([
        sql<string>`sum(amount_due) FILTER (WHERE status = 'open')`.as('open'),
        sql<string>`sum(total) FILTER (WHERE status = 'paid')`.as('paid'),
        sql<string>`sum(amount_due) FILTER (WHERE status = 'paid')`.as('paid_due'),
      ])
      .where('vendor_id', '=', vendorId)
      .executeTakeFirstOrThrow();

    expect(Number(row.open)).toBe(expected.openCents);
    expect(Number(row.paid)).toBe(expected.paidCents);
    expect(Number(row.paid_due)).toBe(0);
  });

  it('creates one customer per customerID', async () => {
    const customer = await db
      .selectFrom('customer')
      .selectAll()
      .where('vendor_id', '=', vendorId)
      .where('external_id', '=', '3993-QUNVJ')
      .executeTakeFirstOrThrow();
    const counts = await rowCounts(vendorId);

    expect(counts.customers).toBe(expected.customers);
    expect(customer).toMatchObject({
      name: 'Customer 3993-QUNVJ',
      livemode: false,
      metadata: { country_code: '770', paperless_date: '2012-12-31' },
    });
  });

  it('pays a settled invoice with one offline payment', async () => {
    const invoice = await db
      .selectFrom('invoice')
      .selectAll()
      .where('vendor_id', '=', vendorId)
      .where('number', '=', '280670965')
      .executeTakeFirstOrThrow();
    const payments = await db
      .selectFrom('payment_application')
      .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
      .selectAll('payment')
      .select('payment_application.amount as applied')
      .where('payment_application.invoice_id', '=', invoice.id)
      .execute();
    const line = await db
      .selectFrom('invoice_line')
      .selectAll()
      .where('invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();

    expect(invoice).toMatchObject({
      status: 'paid',
      currency: 'USD',
      total: '5039',
      amount_due: '0',
      issue_date: '2012-01-03',
      due_date: '2012-02-02',
      disputed: false,
    });
    expect(invoice.paid_at?.toISOString()).toBe('2012-01-23T12:00:00.000Z');
    expect(line).toMatchObject({ quantity: 1, unit_amount: '5039', amount: '5039' });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      status: 'succeeded',
      source: 'import',
      provider: 'import',
      method_type: 'offline',
      amount: '5039',
      applied: '5039',
      currency: 'USD',
    });
    expect(payments[0]?.succeeded_at?.toISOString()).toBe('2012-01-23T12:00:00.000Z');
    expect(payments[0]?.created_at.toISOString()).toBe('2012-01-23T12:00:00.000Z');
  });

  it('keeps an invoice settled later open for its total', async () => {
    // Invoice 9982796720 was issued 2013-10-18, due 2013-11-17 and settled 2013-12-01.
    const invoice = await db
      .selectFrom('invoice')
      .selectAll()
      .where('vendor_id', '=', vendorId)
      .where('number', '=', '9982796720')
      .executeTakeFirstOrThrow();
    const applications = await db
      .selectFrom('payment_application')
      .select('id')
      .where('invoice_id', '=', invoice.id)
      .execute();

    expect(invoice).toMatchObject({
      status: 'open',
      total: '7961',
      amount_due: '7961',
      due_date: '2013-11-17',
      paid_at: null,
    });
    expect(applications).toEqual([]);
  });

  it('keeps the dispute flag', async () => {
    const row = await db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('vendor_id', '=', vendorId)
      .where('disputed', '=', true)
      .executeTakeFirstOrThrow();

    expect(Number(row.count)).toBe(expected.disputed);
  });

  it('writes an event for each created object', async () => {
    expect(await eventCounts(vendorId)).toEqual({
      'vendor.created': 1,
      'api_key.created': 1,
      'customer.created': expected.customers,
      'invoice.created': 2457,
      'payment.succeeded': 2378,
      'invoice.paid': 2378,
      'dispute.created': expected.openDisputed,
      'invoice.disputed': expected.openDisputed,
      'ledger.imported': 1,
    });
  });

  it('writes a paid invoice history in order', async () => {
    const invoice = await db
      .selectFrom('invoice')
      .select('id')
      .where('vendor_id', '=', vendorId)
      .where('number', '=', '280670965')
      .executeTakeFirstOrThrow();
    const payment = await db
      .selectFrom('payment_application')
      .select('payment_id')
      .where('invoice_id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('event')
      .select(['type', 'data', 'created_at'])
      .where('object_id', 'in', [invoice.id, payment.payment_id])
      .orderBy('seq')
      .execute();

    expect(events.map((event) => event.type)).toEqual([
      'invoice.created',
      'payment.succeeded',
      'invoice.paid',
    ]);
    expect(events[0]?.data).toMatchObject({ status: 'open', amount_due: 5039, overdue: false });
    expect(events[0]?.created_at.toISOString()).toBe('2012-01-03T12:00:00.000Z');
    expect(events[1]?.data).toMatchObject({ status: 'succeeded', amount: 5039 });
    expect(events[2]?.data).toEqual({
      invoice: invoice.id,
      payment: payment.payment_id,
      amount: 5039,
      amount_due: 0,
      status: 'paid',
    });
    expect(events[2]?.created_at.toISOString()).toBe('2012-01-23T12:00:00.000Z');
  });

  it('reports what it created', () => {
    expect(summary).toMatchObject({
      vendor: vendorId,
      as_of: AS_OF,
      shift_days: 0,
      shifted_as_of: AS_OF,
      customers: expected.customers,
      invoices: 2457,
      open: 79,
      paid: 2378,
      overdue: 8,
      skipped: 0,
      left_out: 9,
    });
    expect(summary.import).toMatch(/^imp_/);
  });

  it('changes nothing when run again', async () => {
    const before = await rowCounts(vendorId);
    const events = await eventCounts(vendorId);

    const again = await importLedger(db, clock, { file: LEDGER, vendorId, asOf: AS_OF });

    expect(await rowCounts(vendorId)).toEqual(before);
    expect(await eventCounts(vendorId)).toEqual(events);
    expect(again).toMatchObject({ import: null, customers: 0, invoices: 0, skipped: 2457 });
  });

  it('rejects another as-of date', async () => {
    const before = await rowCounts(vendorId);

    const attempt = importLedger(db, clock, { file: LEDGER, vendorId, asOf: '2013-12-31' });

    await expect(attempt).rejects.toBeInstanceOf(LedgerImportError);
    await expect(attempt).rejects.toMatchObject({
      code: 'conflicting_import',
      message: expect.stringContaining('already has a ledger imported as of 2013-11-30'),
    });
    expect(await rowCounts(vendorId)).toEqual(before);
  });

  it('rejects the same date shifted', async () => {
    const later = new ManualClock('2020-01-01T12:00:00Z');

    const attempt = importLedger(db, later, {
      file: LEDGER,
      vendorId,
      asOf: AS_OF,
      shiftToToday: true,
    });

    await expect(attempt).rejects.toMatchObject({ code: 'conflicting_import' });
  });
});

describe('importLedger of a bad file', () => {
  const clock = new ManualClock('2013-11-30T12:00:00Z');
  const [header, ...lines] = readFileSync(LEDGER, 'utf8').split('\r\n');
  const columns = (header as string).split(',');

  /** Writes the header and the file's first `count` rows, with `edit` applied, to a file. */
  function badFile(name: string, count: number, edit: (rows: string[][]) => void): string {
    const rows = lines.slice(0, count).map((line) => line.split(','));
    edit(rows);
    const file = path.join(tempDir, name);
    writeFileSync(file, [header, ...rows.map((row) => row.join(','))].join('\r\n'));
    return file;
  }

  function setField(row: string[] | undefined, column: string, value: string) {
    (row as string[])[columns.indexOf(column)] = value;
  }

  async function importFails(file: string) {
    const vendorId = await newVendor(clock);
    const error = await importLedger(db, clock, { file, vendorId, asOf: AS_OF }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error: error as LedgerFileError, counts: await rowCounts(vendorId) };
  }

  const nothingImported = {
    customers: 0,
    invoices: 0,
    lines: 0,
    payments: 0,
    applications: 0,
    threads: 0,
    messages: 0,
    events: 2,
    imports: 0,
  };

  it('rejects a date that is not real', async () => {
    const file = badFile('bad-date.csv', 6, (rows) =>
      setField(rows[3], 'SettledDate', '31/04/2012'),
    );

    const { error, counts } = await importFails(file);

    expect(error).toBeInstanceOf(LedgerFileError);
    expect(error.problems).toEqual([
      { line: 5, message: 'SettledDate "31/04/2012" is not a real date written dd/mm/yyyy' },
    ]);
    expect(counts).toEqual(nothingImported);
  });

  it('rejects a negative amount', async () => {
    const file = badFile('negative.csv', 6, (rows) => setField(rows[5], 'InvoiceAmount', '-15.99'));

    const { error, counts } = await importFails(file);

    expect(error.problems).toEqual([
      { line: 7, message: 'InvoiceAmount "-15.99" is negative; invoice amounts must be 0 or more' },
    ]);
    expect(counts).toEqual(nothingImported);
  });

  it('rejects a header without a column', async () => {
    const file = path.join(tempDir, 'missing-column.csv');
    const withoutDisputed = [header, ...lines.slice(0, 5)].map((line) =>
      (line as string)
        .split(',')
        .filter((_, index) => index !== columns.indexOf('Disputed'))
        .join(','),
    );
    writeFileSync(file, withoutDisputed.join('\r\n'));

    const { error, counts } = await importFails(file);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.line).toBe(1);
    expect(error.problems[0]?.message).toContain('missing column(s) Disputed');
    expect(counts).toEqual(nothingImported);
  });

  it('rejects a derived column that disagrees', async () => {
    const file = badFile('days-to-settle.csv', 6, (rows) =>
      setField(rows[0], 'DaysToSettle', '21'),
    );

    const { error, counts } = await importFails(file);

    expect(error.problems).toEqual([
      {
        line: 2,
        message:
          'DaysToSettle "21" disagrees with the dates: expected 20 (SettledDate - InvoiceDate)',
      },
    ]);
    expect(counts).toEqual(nothingImported);
  });

  it('reports every bad line of the file at once', async () => {
    const file = badFile('several.csv', 40, (rows) => {
      setField(rows[2], 'InvoiceDate', '32/01/2012');
      setField(rows[10], 'InvoiceAmount', '-1');
      setField(rows[38], 'DaysLate', '-3');
    });

    const { error, counts } = await importFails(file);

    expect(error.problems.map((problem) => problem.line)).toEqual([4, 12, 40]);
    expect(error.message).toMatch(/^The ledger file has 3 bad lines, so nothing was imported:/);
    expect(counts).toEqual(nothingImported);
  });

  it('rejects a vendor that does not exist', async () => {
    const attempt = importLedger(db, clock, { file: LEDGER, vendorId: 'ven_missing', asOf: AS_OF });

    await expect(attempt).rejects.toMatchObject({ code: 'vendor_not_found' });
  });
});

describe('importLedger with shiftToToday', () => {
  // 02:00 UTC on 10 March is still 9 March in New York, the vendor's today.
  const clock = new ManualClock('2024-03-10T02:00:00Z');
  const today = '2024-03-09';
  const shift = daysBetween(AS_OF, today);
  let vendorId: string;
  let summary: LedgerImportSummary;

  beforeAll(async () => {
    vendorId = await newVendor(clock, 'America/New_York');
    summary = await importLedger(db, clock, {
      file: LEDGER,
      vendorId,
      asOf: AS_OF,
      shiftToToday: true,
    });
  });

  it('shifts by the days from the as-of date to today', () => {
    expect(shift).toBe(3752);
    expect(summary).toMatchObject({
      shift_days: shift,
      shifted_as_of: today,
      open: 79,
      overdue: 8,
    });
  });

  it('moves every date of an invoice by the shift', async () => {
    const invoice = await db
      .selectFrom('invoice')
      .selectAll()
      .where('vendor_id', '=', vendorId)
      .where('number', '=', '280670965')
      .executeTakeFirstOrThrow();

    expect(invoice.issue_date).toBe(addDays('2012-01-03', shift));
    expect(invoice.due_date).toBe(addDays('2012-02-02', shift));
    expect(plainDateIn(invoice.paid_at as Date, 'America/New_York')).toBe(
      addDays('2012-01-23', shift),
    );
  });

  it('moves the paperless date of a customer', async () => {
    const customer = await db
      .selectFrom('customer')
      .select('metadata')
      .where('vendor_id', '=', vendorId)
      .where('external_id', '=', '3993-QUNVJ')
      .executeTakeFirstOrThrow();

    expect(customer.metadata.paperless_date).toBe(addDays('2012-12-31', shift));
  });

  it('leaves 8 overdue on the shifted today', async () => {
    const row = await db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('vendor_id', '=', vendorId)
      .where('status', '=', 'open')
      .where('due_date', '<', today)
      .executeTakeFirstOrThrow();

    expect(Number(row.count)).toBe(8);
  });

  it('dates nothing after the clock', async () => {
    const row = await db
      .selectFrom('payment')
      .select((eb) => eb.fn.max('succeeded_at').as('latest'))
      .where('vendor_id', '=', vendorId)
      .executeTakeFirstOrThrow();

    expect((row.latest as Date).getTime()).toBeLessThanOrEqual(clock.now().getTime());
  });
});
