import type { PlainDate } from '@duly/core';
import type { Insertable } from 'kysely';
import type { CustomerRow } from '../customers/customer-repository.js';
import { toCustomer } from '../customers/customer-service.js';
import type { Database, Trx } from '../db/index.js';
import type { EventType } from '../events.js';
import { newId } from '../ids.js';
import { toInvoice } from '../invoices/invoice-object.js';
import type { InvoiceRow } from '../invoices/invoice-repository.js';
import { toThread } from '../threads/thread-object.js';
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
 * Writes the plan's customers, invoices with their single line, for paid invoices one
 * offline payment with its application, and for open disputed invoices an open dispute
 * thread, plus an event for each of them. Customers and
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

  const createdRows = created.map(({ row }) => row);
  await writePayments(trx, context, createdRows, event);
  await writeOpenDisputes(trx, createdRows, event);
  return created.map(({ planned }) => planned);
}

/**
 * The first message of a dispute thread the import opens. The mark comes from the vendor's
 * ledger, not from the customer, so the vendor is its author.
 */
const IMPORTED_DISPUTE_MESSAGE =
  'This invoice was marked as disputed in our records before the portal.';

/**
 * Opens a dispute thread for each open invoice the ledger marks disputed, so that the
 * vendor resolves it like a dispute raised in the portal and resolving it clears the
 * mark. The thread and its customer message date from the invoice's issue. Paid invoices
 * keep the mark as history and get no thread: there is nothing left to settle.
 */
async function writeOpenDisputes(
  trx: Trx,
  invoices: InvoiceRow[],
  event: EventSink,
): Promise<void> {
  const threads = invoices
    .filter((invoice) => invoice.status === 'open' && invoice.disputed)
    .map((invoice) => ({
      invoice,
      thread: {
        id: newId('thr'),
        vendor_id: invoice.vendor_id,
        livemode: invoice.livemode,
        customer_id: invoice.customer_id,
        invoice_id: invoice.id,
        kind: 'dispute' as const,
        status: 'open' as const,
        reason: 'other',
        amount_disputed: null,
        resolution: null,
        created_at: invoice.created_at,
        updated_at: invoice.created_at,
        resolved_at: null,
      },
      message: {
        id: newId('msg'),
        author: 'vendor' as const,
        body: IMPORTED_DISPUTE_MESSAGE,
        created_at: invoice.created_at,
      },
    }));

  for (const batch of batches(threads)) {
    await trx
      .insertInto('invoice_thread')
      .values(batch.map(({ thread }) => thread))
      .execute();
    await trx
      .insertInto('thread_message')
      .values(batch.map(({ thread, message }) => ({ ...message, thread_id: thread.id })))
      .execute();
  }

  // The same facts as the events of a dispute opened in the portal.
  for (const { invoice, thread, message } of threads) {
    const object = toThread(
      { ...thread, invoice_number: invoice.number, currency: invoice.currency },
      [{ ...message, thread_id: thread.id, seq: '0' }],
    );
    event('dispute.created', thread.id, thread.created_at, object);
    event('invoice.disputed', invoice.id, thread.created_at, {
      invoice: invoice.id,
      thread: thread.id,
      reason: thread.reason,
      amount_disputed: null,
      currency: invoice.currency,
    });
  }
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
 * ledger's history: by time, and on the same instant customer before invoice before its
 * dispute, and payment before the invoice becoming paid.
 */
async function writeEvents(trx: Trx, events: EventRow[]): Promise<void> {
  const rank: Partial<Record<string, number>> = {
    'customer.created': 0,
    'invoice.created': 1,
    'dispute.created': 2,
    'invoice.disputed': 3,
    'payment.succeeded': 4,
    'invoice.paid': 5,
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
