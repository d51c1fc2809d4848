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

/**
 * Finds an invoice of the tenant, and of `customerId` when given: another customer's
 * invoice is not found, exactly like an unknown id.
 */
export async function findInvoice(
  db: Db | Trx,
  tenant: Tenant,
  invoiceId: string,
  customerId?: string,
): Promise<InvoiceRow | undefined> {
  let query = db
    .selectFrom('invoice')
    .selectAll()
    .where('id', '=', invoiceId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
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
