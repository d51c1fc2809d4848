import { addDays, type PlainDate } from '@duly/core';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, Db } from '../db/index.js';
import { toAmount } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type DatedAmount, RECENT_PAYMENT_DAYS, type StatementLedger } from './statement-ledger.js';

/**
 * Reads the rows that a customer's statement as of `asOf` needs. Queries select by UTC
 * bounds a day or two wider than `asOf` in any time zone (offsets run from -12 to +14
 * hours), and the statement builder decides each row by its exact date in the vendor's
 * zone. Rows that cannot matter, such as invoices paid long before `asOf`, are not read,
 * so a customer's long history does not slow its statement down.
 */
export async function readStatementLedger(
  db: Db,
  tenant: Tenant,
  customerId: string,
  asOf: PlainDate,
): Promise<StatementLedger> {
  // Anything before this instant happened before the end of `asOf` in every time zone.
  const before = new Date(`${addDays(asOf, -1)}T00:00:00Z`);
  // Anything after this instant happened after the end of `asOf` in every time zone.
  const after = new Date(`${addDays(asOf, 2)}T00:00:00Z`);
  const recentFrom = new Date(`${addDays(asOf, -RECENT_PAYMENT_DAYS - 1)}T00:00:00Z`);

  const [invoices, creditNotes, creditPayments, receivedPayments] = await Promise.all([
    readInvoices(db, tenant, customerId, asOf, before),
    readCreditNotes(db, tenant, customerId, asOf, before),
    readCreditPayments(db, tenant, customerId, before, after),
    readReceivedPayments(db, tenant, customerId, recentFrom, after),
  ]);
  return { invoices, creditNotes, creditPayments, receivedPayments };
}

/**
 * Reads invoices issued by `asOf` that were not settled well before it: open or
 * uncollectible today, or paid or voided after `before`. An invoice paid earlier had nothing
 * owed by `asOf`, because payments and credits count from when they were applied.
 */
async function readInvoices(
  db: Db,
  tenant: Tenant,
  customerId: string,
  asOf: PlainDate,
  before: Date,
) {
  const rows = await db
    .selectFrom('invoice')
    .select([
      'id',
      'number',
      'currency',
      'total',
      'issue_date',
      'due_date',
      'disputed',
      'voided_at',
    ])
    .where(belongsToCustomer(tenant, customerId))
    .where('issue_date', '<=', asOf)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['open', 'uncollectible']),
        eb.and([eb('status', '=', 'paid'), eb('paid_at', '>=', before)]),
        eb.and([eb('status', '=', 'void'), eb('voided_at', '>=', before)]),
      ]),
    )
    .execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];

  const [payments, credits] = await Promise.all([
    db
      .selectFrom('payment_application')
      .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
      .select([
        'payment_application.invoice_id as owner_id',
        sql<string>`payment_application.amount - payment_application.amount_reversed`.as('amount'),
        sql<Date>`greatest(payment.succeeded_at, payment_application.created_at)`.as('at'),
      ])
      .where('payment_application.invoice_id', 'in', ids)
      .where('payment.succeeded_at', 'is not', null)
      .execute(),
    db
      .selectFrom('credit_note_application')
      .select(['invoice_id as owner_id', 'amount', 'created_at as at'])
      .where('invoice_id', 'in', ids)
      .execute(),
  ]);

  const paymentsOf = groupByOwner(payments);
  const creditsOf = groupByOwner(credits);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    currency: row.currency,
    total: toAmount(row.total),
    issueDate: row.issue_date,
    dueDate: row.due_date,
    disputed: row.disputed,
    voidedAt: row.voided_at,
    payments: paymentsOf.get(row.id) ?? [],
    credits: creditsOf.get(row.id) ?? [],
  }));
}

/**
 * Reads credit notes issued by `asOf` that may have had credit left on it: with credit left
 * today, or applied or voided after `before`.
 */
async function readCreditNotes(
  db: Db,
  tenant: Tenant,
  customerId: string,
  asOf: PlainDate,
  before: Date,
) {
  const recentlyApplied = db
    .selectFrom('credit_note_application')
    .select('credit_note_id')
    .where('created_at', '>=', before);
  const rows = await db
    .selectFrom('credit_note')
    .select(['id', 'number', 'currency', 'issued_on', 'voided_at', 'amount_remaining'])
    .where(belongsToCustomer(tenant, customerId))
    .where('issued_on', '<=', asOf)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'issued'), eb('amount_remaining', '>', '0')]),
        eb.and([eb('status', '=', 'void'), eb('voided_at', '>=', before)]),
        eb('id', 'in', recentlyApplied),
      ]),
    )
    .execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];

  const applications = await db
    .selectFrom('credit_note_application')
    .select(['credit_note_id as owner_id', 'amount', 'created_at as at'])
    .where('credit_note_id', 'in', ids)
    .where('created_at', '>=', before)
    .execute();
  const applicationsOf = groupByOwner(applications);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    currency: row.currency,
    issuedOn: row.issued_on,
    voidedAt: row.voided_at,
    amountRemaining: toAmount(row.amount_remaining),
    recentApplications: applicationsOf.get(row.id) ?? [],
  }));
}

/**
 * Reads payments that succeeded before `after` and may have had an unapplied part then:
 * with an unapplied part today, or applied to an invoice after `before`.
 */
async function readCreditPayments(
  db: Db,
  tenant: Tenant,
  customerId: string,
  before: Date,
  after: Date,
) {
  const recentlyApplied = db
    .selectFrom('payment_application')
    .select('payment_id')
    .where('created_at', '>=', before);
  const rows = await db
    .selectFrom('payment')
    .select(['id', 'currency', 'amount', 'succeeded_at', 'amount_unapplied', 'offline_reference'])
    .where(belongsToCustomer(tenant, customerId))
    .where('status', 'in', ['succeeded', 'refunded'])
    .where('succeeded_at', '<', after)
    .where((eb) => eb.or([eb('amount_unapplied', '>', '0'), eb('id', 'in', recentlyApplied)]))
    .execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];

  const applications = await db
    .selectFrom('payment_application')
    .select([
      'payment_id as owner_id',
      sql<string>`amount - amount_reversed`.as('amount'),
      'created_at as at',
    ])
    .where('payment_id', 'in', ids)
    .where('created_at', '>=', before)
    .execute();
  const applicationsOf = groupByOwner(applications);
  return rows.map((row) => ({
    id: row.id,
    currency: row.currency,
    amount: toAmount(row.amount),
    succeededAt: row.succeeded_at as Date,
    amountUnapplied: toAmount(row.amount_unapplied),
    reference: row.offline_reference,
    recentApplications: applicationsOf.get(row.id) ?? [],
  }));
}

/** Reads payments that succeeded between `from` and `to` and were not returned since. */
async function readReceivedPayments(
  db: Db,
  tenant: Tenant,
  customerId: string,
  from: Date,
  to: Date,
) {
  const rows = await db
    .selectFrom('payment')
    .select(['id', 'currency', 'amount', 'succeeded_at', 'source', 'method_type'])
    .where(belongsToCustomer(tenant, customerId))
    .where('status', 'in', ['succeeded', 'refunded'])
    .where('succeeded_at', '>=', from)
    .where('succeeded_at', '<', to)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    currency: row.currency,
    amount: toAmount(row.amount),
    succeededAt: row.succeeded_at as Date,
    method: row.source === 'import' ? 'import' : (row.method_type ?? 'offline'),
  }));
}

/** Matches the rows of `customerId` in the tenant's vendor and mode. */
function belongsToCustomer(tenant: Tenant, customerId: string) {
  return (eb: ExpressionBuilder<Database, 'invoice' | 'credit_note' | 'payment'>) =>
    eb.and([
      eb('customer_id', '=', customerId),
      eb('vendor_id', '=', tenant.vendorId),
      eb('livemode', '=', tenant.livemode),
    ]);
}

/**
 * Groups dated amounts by `owner_id`, the invoice, credit note or payment they belong to.
 * Each read selects its amount and its date under the names `amount` and `at`.
 */
function groupByOwner(
  rows: ReadonlyArray<{ owner_id: string; amount: string; at: Date }>,
): Map<string, DatedAmount[]> {
  const groups = new Map<string, DatedAmount[]>();
  for (const row of rows) {
    const datedAmount = { amount: toAmount(row.amount), at: row.at };
    const group = groups.get(row.owner_id);
    if (group === undefined) groups.set(row.owner_id, [datedAmount]);
    else group.push(datedAmount);
  }
  return groups;
}
