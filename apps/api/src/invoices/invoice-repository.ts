import type { Insertable, Selectable } from 'kysely';
import type { Db, InvoiceLineTable, InvoiceTable, InvoiceTaxTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type InvoiceRow = Selectable<InvoiceTable>;
export type InvoiceLineRow = Selectable<InvoiceLineTable>;
export type InvoiceTaxRow = Selectable<InvoiceTaxTable>;

export async function insertInvoice(
  trx: Trx,
  invoice: Insertable<InvoiceTable>,
  lines: Array<Omit<Insertable<InvoiceLineTable>, 'invoice_id'>>,
  taxes: Array<Omit<Insertable<InvoiceTaxTable>, 'invoice_id'>> = [],
): Promise<void> {
  await trx.insertInto('invoice').values(invoice).execute();
  await trx
    .insertInto('invoice_line')
    .values(lines.map((line) => ({ ...line, invoice_id: invoice.id })))
    .execute();
  if (taxes.length > 0) {
    await trx
      .insertInto('invoice_tax')
      .values(taxes.map((tax) => ({ ...tax, invoice_id: invoice.id })))
      .execute();
  }
}

/** Checks whether the tenant already has an invoice numbered `number`. */
export async function invoiceNumberExists(db: Db | Trx, tenant: Tenant, number: string) {
  const row = await db
    .selectFrom('invoice')
    .select('id')
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .where('number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

/** The columns of an invoice's pending payment notice that the invoice reads join in. */
export interface InvoiceNoticeColumns {
  /** The part of the notice for this invoice. */
  notice_amount: string | null;
  notice_method: string | null;
  notice_reference: string | null;
  notice_sent_on: string | null;
}

/** An invoice as the API reads it: its row and its pending payment notice, if any. */
export type InvoiceReadRow = InvoiceRow & InvoiceNoticeColumns;

/**
 * Selects invoices with their pending payment notice. Both joins are LEFT JOINs on a
 * primary key, so a page of a list costs one index probe per row and keeps the invoice
 * index's order. The notice has columns of the same names as the invoice's (`status`,
 * `customer_id`, ...), so conditions on this query name the table: `invoice.status`.
 */
export function selectInvoiceReads(db: Db | Trx) {
  return db
    .selectFrom('invoice')
    .leftJoin('payment_notice', 'payment_notice.id', 'invoice.payment_notice_id')
    .leftJoin('payment_notice_invoice', (join) =>
      join
        .onRef('payment_notice_invoice.payment_notice_id', '=', 'invoice.payment_notice_id')
        .onRef('payment_notice_invoice.invoice_id', '=', 'invoice.id'),
    )
    .selectAll('invoice')
    .select([
      'payment_notice_invoice.amount as notice_amount',
      'payment_notice.method as notice_method',
      'payment_notice.reference as notice_reference',
      'payment_notice.sent_on as notice_sent_on',
    ]);
}

/**
 * Finds an invoice of the tenant with its pending payment notice, and of `customerId` when
 * given: another customer's invoice is not found, exactly like an unknown id.
 */
export async function findInvoice(
  db: Db | Trx,
  tenant: Tenant,
  invoiceId: string,
  customerId?: string,
): Promise<InvoiceReadRow | undefined> {
  let query = selectInvoiceReads(db)
    .where('invoice.id', '=', invoiceId)
    .where('invoice.vendor_id', '=', tenant.vendorId)
    .where('invoice.livemode', '=', tenant.livemode);
  if (customerId !== undefined) query = query.where('invoice.customer_id', '=', customerId);
  return query.executeTakeFirst();
}

/** Locks one invoice of the tenant for a change of status. */
export async function lockInvoice(
  trx: Trx,
  tenant: Tenant,
  invoiceId: string,
): Promise<InvoiceRow | undefined> {
  return trx
    .selectFrom('invoice')
    .selectAll()
    .where('id', '=', invoiceId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Locks the customer's invoices among `invoiceIds` in id order: every transaction that
 * locks several invoices takes them in the same order, so two payments never deadlock.
 */
export async function lockCustomerInvoices(
  trx: Trx,
  tenant: Tenant,
  customerId: string,
  invoiceIds: string[],
): Promise<InvoiceRow[]> {
  return trx
    .selectFrom('invoice')
    .selectAll()
    .where('id', 'in', invoiceIds)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function listInvoiceLines(db: Db | Trx, invoiceId: string): Promise<InvoiceLineRow[]> {
  return db
    .selectFrom('invoice_line')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

/** Lists an invoice's taxes in the order the vendor gave them. */
export async function listInvoiceTaxes(db: Db | Trx, invoiceId: string): Promise<InvoiceTaxRow[]> {
  return db
    .selectFrom('invoice_tax')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

/** Lists the payments applied to an invoice, oldest first, with their status. */
export async function listInvoicePayments(db: Db | Trx, invoiceId: string) {
  return db
    .selectFrom('payment_application')
    .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
    .select([
      'payment.id as payment_id',
      'payment.status',
      'payment.created_at',
      'payment_application.amount',
      'payment_application.amount_reversed',
    ])
    .where('payment_application.invoice_id', '=', invoiceId)
    .orderBy('payment.created_at')
    .orderBy('payment_application.id')
    .execute();
}

/** Lists the credit notes applied to an invoice, oldest first. */
export async function listInvoiceCredits(db: Db | Trx, invoiceId: string) {
  return db
    .selectFrom('credit_note_application')
    .innerJoin('credit_note', 'credit_note.id', 'credit_note_application.credit_note_id')
    .select([
      'credit_note.id as credit_note_id',
      'credit_note.number',
      'credit_note_application.amount',
      'credit_note_application.created_at',
    ])
    .where('credit_note_application.invoice_id', '=', invoiceId)
    .orderBy('credit_note_application.created_at')
    .orderBy('credit_note_application.id')
    .execute();
}

/** Checks whether a pending or succeeded payment is applied to the invoice. */
export async function hasLivePayments(trx: Trx, invoiceId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('payment_application')
    .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
    .select('payment.id')
    .where('payment_application.invoice_id', '=', invoiceId)
    .where('payment.status', 'in', ['requires_action', 'pending', 'succeeded'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Finds the subscription that issued an invoice; undefined for an invoice made otherwise. */
export async function findIssuingSubscription(
  db: Db | Trx,
  invoiceId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('subscription_invoice')
    .select('subscription_id')
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  return row?.subscription_id;
}
