import { type Statement, StatementSchema } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import type { ApiFixture } from '../http/api-fixture.js';
import { createImportedLedgerFixture } from '../testing/imported-ledger.js';
import {
  type ReferenceLedgerInvoice,
  readReferenceLedgerCsv,
} from '../testing/reference-ledger-csv.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
const AS_OF = '2013-11-30';
/**
 * Customers with open invoices on 2013-11-30 in several buckets, one of them disputed, and
 * with invoices settled in December, after the statement date but before the later import.
 */
const CUSTOMERS = ['6708-DPYTF', '8690-EEBEO', '2125-HJDLA'];

function daysFrom(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function bucketOf(days: number): string {
  if (days <= 0) return 'current';
  if (days <= 30) return '1_30';
  if (days <= 60) return '31_60';
  if (days <= 90) return '61_90';
  return 'over_90';
}

/** Computes the statement of `customer` as of `asOf` from the CSV alone. */
function expectedStatement(records: ReferenceLedgerInvoice[], customer: string, asOf: string) {
  const open = records
    .filter((record) => record.customer === customer)
    .filter((record) => record.issued <= asOf && asOf < record.settled)
    .map((record) => ({
      number: record.number,
      issue_date: record.issued,
      due_date: record.due,
      total: record.cents,
      amount_open: record.cents,
      days_past_due: daysFrom(record.due, asOf),
      bucket: bucketOf(daysFrom(record.due, asOf)),
      disputed: record.disputed,
    }));
  const aging: Record<string, number> = {
    current: 0,
    '1_30': 0,
    '31_60': 0,
    '61_90': 0,
    over_90: 0,
  };
  for (const item of open) aging[item.bucket] = (aging[item.bucket] ?? 0) + item.amount_open;
  const total = open.reduce((sum, item) => sum + item.amount_open, 0);
  const firstRecentDay = new Date(Date.parse(`${asOf}T00:00:00Z`) - 29 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const received = records
    .filter((record) => record.customer === customer && record.cents > 0)
    .filter((record) => record.settled >= firstRecentDay && record.settled <= asOf)
    .map((record) => ({ date: record.settled, amount: record.cents }));
  return { open, aging, total, received };
}

/** Imports the reference ledger into a new vendor as of `asOf`, with the clock at `now`. */
function importedVendor(asOf: string, now: string, timeZone: string) {
  return createImportedLedgerFixture(db, asOf, {
    vendorName: `Ledger as of ${asOf}`,
    now,
    timeZone,
  });
}

async function statementOf(fixture: ApiFixture, externalId: string): Promise<Statement> {
  const list = await fixture.request<{ data: Array<{ id: string }> }>(
    'GET',
    `/v1/customers?external_id=${externalId}`,
    { auth: fixture.vendor.secret_key },
  );
  const id = list.body.data[0]?.id;
  const response = await fixture.request('GET', `/v1/customers/${id}/statement?as_of=${AS_OF}`, {
    auth: fixture.vendor.secret_key,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return StatementSchema.parse(response.body);
}

/** Returns a statement's figures without the ids and times that differ between two imports. */
function figures(statement: Statement) {
  return statement.sections.map((section) => ({
    ...section,
    invoices: section.invoices.map(({ invoice: _, ...invoice }) => invoice),
    recent_payments: section.recent_payments.map(({ date, amount, method }) => ({
      date,
      amount,
      method,
    })),
  }));
}

const records = readReferenceLedgerCsv();
let later: ApiFixture;
let onTheDay: ApiFixture;

beforeAll(async () => {
  // Imported a month later, the ledger has December's settlements: the statement must undo them.
  later = await importedVendor('2013-12-31', '2014-01-15T12:00:00Z', 'America/Chicago');
  onTheDay = await importedVendor(AS_OF, '2013-11-30T20:00:00Z', 'UTC');
}, 120_000);
afterAll(() => db.destroy());

describe('statement of the reference ledger as of 2013-11-30', () => {
  it('agrees with the CSV for three customers', async () => {
    const settledInDecember = records.filter(
      (record) =>
        CUSTOMERS.includes(record.customer) &&
        record.issued <= AS_OF &&
        record.settled > AS_OF &&
        record.settled <= '2013-12-31',
    );
    expect(settledInDecember.length).toBeGreaterThanOrEqual(6);
    const paidSince = await later.db
      .selectFrom('invoice')
      .select(['number', 'status'])
      .where('vendor_id', '=', later.vendor.id)
      .where(
        'number',
        'in',
        settledInDecember.map((record) => record.number),
      )
      .execute();
    expect(paidSince.map((row) => row.status)).toEqual(settledInDecember.map(() => 'paid'));

    for (const externalId of CUSTOMERS) {
      const expected = expectedStatement(records, externalId, AS_OF);
      const statement = await statementOf(later, externalId);

      expect(statement.as_of).toBe(AS_OF);
      expect(statement.customer.external_id).toBe(externalId);
      expect(statement.sections.map((section) => section.currency)).toEqual(['USD']);
      const [section] = statement.sections;
      const byNumber = (a: { number: string }, b: { number: string }) =>
        a.number.localeCompare(b.number);
      const invoices = (section?.invoices ?? []).map(({ invoice: _, ...invoice }) => invoice);
      expect(invoices.sort(byNumber), externalId).toEqual(expected.open.sort(byNumber));
      expect(section?.aging, externalId).toEqual(expected.aging);
      expect(section?.invoices_total, externalId).toBe(expected.total);
      expect(section?.credits, externalId).toEqual([]);
      expect(section?.balance, externalId).toBe(expected.total);
      const received = (section?.recent_payments ?? []).map(({ date, amount }) => ({
        date,
        amount,
      }));
      const byDate = (a: { date: string; amount: number }, b: { date: string; amount: number }) =>
        a.date.localeCompare(b.date) || a.amount - b.amount;
      expect(received.sort(byDate), externalId).toEqual(expected.received.sort(byDate));
    }
  });

  it('lists open invoices oldest due first', async () => {
    const statement = await statementOf(later, '6708-DPYTF');
    const dueDates = statement.sections[0]?.invoices.map((invoice) => invoice.due_date) ?? [];
    expect(dueDates).toEqual([...dueDates].sort());
    expect(statement.sections[0]?.aging).toMatchObject({
      current: 7_618 + 6_692,
      '1_30': 9_324 + 7_961,
    });
    expect(
      statement.sections[0]?.recent_payments.map((payment) => [payment.date, payment.amount]),
    ).toEqual([
      ['2013-11-17', 9_922],
      ['2013-11-03', 10_525],
    ]);
    expect(statement.sections[0]?.recent_payments[0]?.method).toBe('import');
  });

  it('matches a ledger imported as of that day', async () => {
    for (const externalId of CUSTOMERS) {
      const fromLater = await statementOf(later, externalId);
      const fromTheDay = await statementOf(onTheDay, externalId);
      expect(figures(fromLater), externalId).toEqual(figures(fromTheDay));
    }
  });

  it('sums to the ledger’s open balance', async () => {
    const open = records.filter((record) => record.issued <= AS_OF && AS_OF < record.settled);
    const customers = [...new Set(open.map((record) => record.customer))];
    expect(customers).toHaveLength(52);

    let total = 0;
    for (const externalId of customers) {
      const statement = await statementOf(later, externalId);
      total += statement.sections[0]?.invoices_total ?? 0;
    }
    expect(total).toBe(open.reduce((sum, record) => sum + record.cents, 0));
  });
});
