import type { PlainDate } from '@duly/core';
import type { Insertable } from 'kysely';
import type { CustomerRow } from '../customers/customer-repository.js';
import { toCustomer } from '../customers/customer-service.js';
import type { Database, Trx } from '../db/index.js';
import type { EventType } from '../events.js';
import { newId } from '../ids.js';
import { toInvoice } from '../invoices/invoice-object.js';
import type { InvoiceRow } from '../invoices/invoice-repository.js';
import type { LedgerPlan, PlannedInvoice } from './ledger-plan.js';
import { NoonInTimeZone } from './local-time.js';

/** The imported ledger's currency: the file's amounts carry none, and are taken as USD. */
export const LEDGER_CURRENCY = 'USD';

/**
 * Rows per INSERT statement. PostgreSQL allows 65,535 bind parameters per statement and
 * an invoice row has 18 columns, so 1,000 rows stay well inside that.
 */
const BATCH_SIZE = 1000;

/** Vendor, mode and time of the rows an import writes. */
export interface WriteContext {
  vendorId: string;
  livemode: boolean;
  importId: string;
  timeZone: string;
  /** The clock's now; no imported timestamp is later than this. */
  now: Date;
}

/** The invoices this write created, as the import summary counts them. */
export interface WrittenLedger {
  customersCreated: number;
  invoicesCreated: PlannedInvoice[];
  invoicesSkipped: number;
}

type EventRow = Insertable<Database['event']>;

/**
 * Writes the plan's customers, invoices with their single line, and for paid invoices one
 * offline payment with its application, plus an event for each of them. Customers and
 * invoices already there (same `external_id`, same `number`) are left as they are.
 * Timestamps of imported facts are noon of their date in the vendor's time zone.
 */
export async function writeLedger(
  trx: Trx,
  context: WriteContext,
  plan: LedgerPlan,
): Promise<WrittenLedger> {
  const noon = new NoonInTimeZone(context.timeZone);
  const instantOf = (date: PlainDate) => {
    return new Date(Math.min(noon.at(date).getTime(), context.now.getTime()));
  };
  const events: EventRow[] = [];
  const event = (type: EventType, objectId: string, createdAt: Date, data: object) => {
    events.push({
      id: newId('evt'),
      vendor_id: context.vendorId,
      livemode: context.livemode,
      type,
      object_id: objectId,
      data: data as Record<string, unknown>,
      created_at: createdAt,
    });
  };

  const customers = await writeCustomers(trx, context, plan, instantOf, event);
  const created = await writeInvoices(trx, context, plan, customers.ids, instantOf, event);
  await writeEvents(trx, events);

  return {
    customersCreated: customers.created,
    invoicesCreated: created,
    invoicesSkipped: plan.invoices.length - created.length,
  };
}

type EventSink = (type: EventType, objectId: string, createdAt: Date, data: object) => void;

async function writeCustomers(
  trx: Trx,
  context: WriteContext,
  plan: LedgerPlan,
  instantOf: (date: PlainDate) => Date,
  event: EventSink,
): Promise<{ ids: Map<string, string>; created: number }> {
  const rows = plan.customers.map(
    (customer): CustomerRow => ({
      id: newId('cus'),
      vendor_id: context.vendorId,
      livemode: context.livemode,
      external_id: customer.externalId,
      name: `Customer ${customer.externalId}`,
      email: null,
      locale: null,
      metadata: { country_code: customer.countryCode, paperless_date: customer.paperlessDate },
      default_payment_method_id: null,
      provider_refs: {},
      credit_limit: null,
      credit_limit_currency: null,
      billing_details: {},
      created_at: instantOf(customer.since),
    }),
  );

  const inserted = new Set<string>();
  for (const batch of batches(rows)) {
    const returned = await trx
      .insertInto('customer')
      .values(batch)
      .onConflict((conflict) =>
        conflict.columns(['vendor_id', 'livemode', 'external_id']).doNothing(),
      )
      .returning('id')
      .execute();
    for (const { id } of returned) inserted.add(id);
  }

  for (const row of rows) {
    if (!inserted.has(row.id)) continue;
    event('customer.created', row.id, row.created_at, toCustomer(row));
  }

  // Customers that were already there keep their own id, so look every one up.
  const ids = new Map<string, string>();
  const externalIds = rows.map((row) => row.external_id);
  if (externalIds.length > 0) {
    const found = await trx
      .selectFrom('customer')
      .select(['id', 'external_id'])
      .where('vendor_id', '=', context.vendorId)
      .where('livemode', '=', context.livemode)
      .where('external_id', 'in', externalIds)
      .execute();
    for (const row of found) ids.set(row.external_id as string, row.id);
  }
  return { ids, created: inserted.size };
}

async function writeInvoices(
  trx: Trx,
  context: WriteContext,
  plan: LedgerPlan,
  customerIds: Map<string, string>,
  instantOf: (date: PlainDate) => Date,
  event: EventSink,
): Promise<PlannedInvoice[]> {
  const rows = plan.invoices.map((invoice) => {
    const createdAt = instantOf(invoice.issueDate);
    const paidAt = invoice.settledDate === undefined ? null : instantOf(invoice.settledDate);
    const row: InvoiceRow = {
      id: newId('inv'),
      vendor_id: context.vendorId,
      livemode: context.livemode,
      customer_id: customerIds.get(invoice.customerExternalId) as string,
      number: invoice.number,
      status: invoice.status,
      currency: LEDGER_CURRENCY,
      total: String(invoice.total),
      amount_due: invoice.status === 'paid' ? '0' : String(invoice.total),
      amount_pending: '0',
      issue_date: invoice.issueDate,
      due_date: invoice.dueDate,
      disputed: invoice.disputed,
      payment_notice_id: null,
      metadata: { paperless_bill: invoice.paperlessBill, ledger_import: context.importId },
      paid_at: paidAt,
      voided_at: null,
      created_at: createdAt,
      updated_at: paidAt ?? createdAt,
    };
    return { planned: invoice, row };
  });

  const inserted = new Set<string>();
  for (const batch of batches(rows)) {
    const returned = await trx
      .insertInto('invoice')
      .values(batch.map(({ row }) => row))
      .onConflict((conflict) => conflict.columns(['vendor_id', 'livemode', 'number']).doNothing())
      .returning('id')
      .execute();
    for (const { id } of returned) inserted.add(id);
  }
  const created = rows.filter(({ row }) => inserted.has(row.id));

  for (const batch of batches(created)) {
    await trx
      .insertInto('invoice_line')
      .values(
        batch.map(({ row }) => ({
          invoice_id: row.id,
          position: 0,
          description: lineDescription(row),
          quantity: 1,
          unit_amount: row.total,
          amount: row.total,
        })),
      )
      .execute();
  }

  // The invoice as it was on its issue date: open for its total, not yet overdue.
  for (const { row } of created) {
    const issued = { ...row, status: 'open' as const, amount_due: row.total, paid_at: null };
    const invoice = toInvoice(issued, row.issue_date);
    const amount = Number(row.total);
    const line = { description: lineDescription(row), quantity: 1, unit_amount: amount, amount };
    event('invoice.created', row.id, row.created_at, { ...invoice, lines: [line] });
  }

  await writePayments(
    trx,
    context,
    created.map(({ row }) => row),
    event,
  );
  return created.map(({ planned }) => planned);
}

function lineDescription(row: InvoiceRow): string {
  return `Invoice ${row.number}`;
}

/**
 * Writes one succeeded offline payment for each paid invoice, applied in full to it.
 * An invoice with a total of 0 is paid without a payment: payments are never for 0.
 */
async function writePayments(
  trx: Trx,
  context: WriteContext,
  invoices: InvoiceRow[],
  event: EventSink,
): Promise<void> {
  const payments = invoices
    .filter((invoice) => invoice.status === 'paid' && invoice.total !== '0')
    .map((invoice) => ({
      invoice,
      row: {
        id: newId('pay'),
        vendor_id: context.vendorId,
        livemode: context.livemode,
        customer_id: invoice.customer_id,
        status: 'succeeded' as const,
        amount: invoice.total,
        currency: invoice.currency,
        failure_code: null,
        failure_message: null,
        payment_method_id: null,
        method_type: 'offline' as const,
        method_brand: null,
        method_last4: null,
        provider: 'import',
        provider_ref: null,
        source: 'import' as const,
        created_at: invoice.paid_at as Date,
        updated_at: invoice.paid_at as Date,
        succeeded_at: invoice.paid_at as Date,
      },
    }));

  for (const batch of batches(payments)) {
    await trx
      .insertInto('payment')
      .values(batch.map(({ row }) => row))
      .execute();
    await trx
      .insertInto('payment_application')
      .values(
        batch.map(({ invoice, row }) => ({
          payment_id: row.id,
          invoice_id: invoice.id,
          amount: row.amount,
          created_at: row.created_at,
        })),
      )
      .execute();
  }

  // The same facts as the events of a payment settled through the API.
  const paymentOf = new Map(payments.map(({ invoice, row }) => [invoice.id, row]));
  for (const { row } of payments) {
    event('payment.succeeded', row.id, row.created_at, {
      id: row.id,
      status: row.status,
      amount: Number(row.amount),
      currency: row.currency,
      failure_code: null,
    });
  }
  for (const invoice of invoices) {
    if (invoice.status !== 'paid') continue;
    event('invoice.paid', invoice.id, invoice.paid_at as Date, {
      invoice: invoice.id,
      payment: paymentOf.get(invoice.id)?.id ?? null,
      amount: Number(invoice.total),
      amount_due: 0,
      status: 'paid',
    });
  }
}

/**
 * Inserts the events in the order the facts happened, so that the log reads like the
 * ledger's history: by time, and on the same instant customer before invoice before
 * payment before the invoice becoming paid.
 */
async function writeEvents(trx: Trx, events: EventRow[]): Promise<void> {
  const rank: Partial<Record<string, number>> = {
    'customer.created': 0,
    'invoice.created': 1,
    'payment.succeeded': 2,
    'invoice.paid': 3,
  };
  events.sort(
    (a, b) =>
      (a.created_at as Date).getTime() - (b.created_at as Date).getTime() ||
      (rank[a.type] ?? 9) - (rank[b.type] ?? 9),
  );
  for (const batch of batches(events)) {
    await trx.insertInto('event').values(batch).execute();
  }
}

function* batches<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    yield items.slice(start, start + BATCH_SIZE);
  }
}
