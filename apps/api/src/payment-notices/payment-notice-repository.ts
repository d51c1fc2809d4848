import type { PaymentNotice } from '@duly/core';
import type { Selectable } from 'kysely';
import type { Db, PaymentNoticeTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';

export type PaymentNoticeRow = Selectable<PaymentNoticeTable>;

/** One invoice of a notice with the amount the customer gave for it. */
export interface PaymentNoticeInvoiceRow {
  payment_notice_id: string;
  invoice_id: string;
  invoice_number: string;
  amount: string;
}

/** Selects the tenant's notices, and only `customerId`'s when given. */
function selectPaymentNotices(db: Db | Trx, tenant: Tenant, customerId: string | undefined) {
  let select = db
    .selectFrom('payment_notice')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (customerId !== undefined) select = select.where('customer_id', '=', customerId);
  return select;
}

/**
 * Finds a notice of the tenant, and of `customerId` when given: another vendor's, mode's
 * or customer's notice is not found, exactly like an unknown id.
 */
export async function findPaymentNotice(
  db: Db,
  tenant: Tenant,
  paymentNoticeId: string,
  customerId?: string,
): Promise<PaymentNoticeRow | undefined> {
  return selectPaymentNotices(db, tenant, customerId)
    .where('id', '=', paymentNoticeId)
    .executeTakeFirst();
}

/** Reads a notice of the tenant, locked for the vendor's decision. */
export async function lockPaymentNotice(
  trx: Trx,
  tenant: Tenant,
  paymentNoticeId: string,
): Promise<PaymentNoticeRow | undefined> {
  return selectPaymentNotices(trx, tenant, undefined)
    .where('id', '=', paymentNoticeId)
    .forUpdate()
    .executeTakeFirst();
}

/** Lists the invoices of `paymentNoticeIds`, each notice's oldest due first, then by number. */
export async function listPaymentNoticeInvoices(
  db: Db | Trx,
  paymentNoticeIds: string[],
): Promise<PaymentNoticeInvoiceRow[]> {
  if (paymentNoticeIds.length === 0) return [];
  return db
    .selectFrom('payment_notice_invoice')
    .innerJoin('invoice', 'invoice.id', 'payment_notice_invoice.invoice_id')
    .select([
      'payment_notice_invoice.payment_notice_id',
      'payment_notice_invoice.invoice_id',
      'invoice.number as invoice_number',
      'payment_notice_invoice.amount',
    ])
    .where('payment_notice_invoice.payment_notice_id', 'in', paymentNoticeIds)
    .orderBy('invoice.due_date')
    .orderBy('invoice.number')
    .execute();
}

/** Marks the invoices as awaiting the vendor's decision on the notice. */
export async function setInvoicesNotice(
  trx: Trx,
  invoiceIds: string[],
  paymentNoticeId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('invoice')
    .set({ payment_notice_id: paymentNoticeId, updated_at: now })
    .where('id', 'in', invoiceIds)
    .execute();
}

/** Clears the notice from those of `invoiceIds` that still name it, once it is decided. */
export async function clearInvoicesNotice(
  trx: Trx,
  invoiceIds: string[],
  paymentNoticeId: string,
  now: Date,
): Promise<void> {
  if (invoiceIds.length === 0) return;
  await trx
    .updateTable('invoice')
    .set({ payment_notice_id: null, updated_at: now })
    .where('id', 'in', invoiceIds)
    .where('payment_notice_id', '=', paymentNoticeId)
    .execute();
}

export interface PaymentNoticeListQuery {
  /** Customer whose notices alone are listed. The portal always sets it. */
  customerId: string | undefined;
  status: PaymentNotice['status'] | undefined;
  limit: number;
  after: CreatedAtCursor | undefined;
}

/**
 * Lists one page of the tenant's notices, newest first, ties by id, fetching `limit + 1`
 * rows so that the caller can tell whether a next page exists. `payment_notice_customer`
 * serves it with a customer, `payment_notice_vendor_status` with a status and
 * `payment_notice_vendor_created` with neither.
 */
export async function listPaymentNotices(db: Db, tenant: Tenant, query: PaymentNoticeListQuery) {
  let select = selectPaymentNotices(db, tenant, query.customerId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);

  return selectNewestFirstPage(select, query.after, query.limit).execute();
}
