import type { InvoiceStatus, PortalInvoiceFilter } from '@duly/core';
import type { Db } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type InvoiceReadRow, selectInvoiceReads } from './invoice-repository.js';

/** The sort key of the last row of the previous page: its due date and id. */
export type InvoiceCursor = readonly [dueDate: string, id: string];

export interface CustomerInvoiceQuery {
  customerId: string;
  filter: PortalInvoiceFilter;
  /** The vendor's today, which decides what is overdue. */
  today: string;
  limit: number;
  after: InvoiceCursor | undefined;
}

/**
 * One page of a customer's invoices as the portal lists them, each with its pending payment
 * notice: open and overdue oldest due date first, paid and all newest first, ties by id.
 * Fetches `limit + 1` rows so that the caller can tell whether a next page exists.
 *
 * Each filter's WHERE clause and ORDER BY match an index exactly (`customer_id, status,
 * due_date, id` or `customer_id, due_date, id`). The cursor is a row-value comparison on
 * `(due_date, id)`, so a deep page costs one index descent plus the page, whatever the
 * number of invoices the customer has.
 */
export async function listCustomerInvoices(
  db: Db,
  tenant: Tenant,
  query: CustomerInvoiceQuery,
): Promise<InvoiceReadRow[]> {
  return customerInvoicesQuery(db, tenant, query).execute();
}

/** Builds the query that `listCustomerInvoices` runs, so that tests can inspect its plan. */
export function customerInvoicesQuery(db: Db, tenant: Tenant, query: CustomerInvoiceQuery) {
  const ascending = query.filter === 'open' || query.filter === 'overdue';
  const direction = ascending ? 'asc' : 'desc';

  let select = selectInvoiceReads(db)
    .where('invoice.customer_id', '=', query.customerId)
    .where('invoice.vendor_id', '=', tenant.vendorId)
    .where('invoice.livemode', '=', tenant.livemode);

  if (query.filter === 'open' || query.filter === 'overdue') {
    select = select.where('invoice.status', '=', 'open');
  } else if (query.filter === 'paid') {
    select = select.where('invoice.status', '=', 'paid');
  } else {
    // Drafts are the vendor's work in progress; customers never see them.
    select = select.where('invoice.status', '<>', 'draft');
  }
  if (query.filter === 'overdue') select = select.where('invoice.due_date', '<', query.today);

  const after = query.after;
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('invoice.due_date', 'invoice.id'),
        ascending ? '>' : '<',
        tuple(after[0], after[1]),
      ),
    );
  }

  return select
    .orderBy('invoice.due_date', direction)
    .orderBy('invoice.id', direction)
    .limit(query.limit + 1);
}

export interface VendorInvoiceQuery {
  customerId: string | undefined;
  status: InvoiceStatus | undefined;
  limit: number;
  after: InvoiceCursor | undefined;
}

/**
 * Lists one page of the vendor's invoices with their pending payment notices, newest due
 * date first, ties by id. The customer indexes serve it with a customer,
 * `invoice_vendor_due` and `invoice_vendor_status_due` without one.
 */
export async function listVendorInvoices(
  db: Db,
  tenant: Tenant,
  query: VendorInvoiceQuery,
): Promise<InvoiceReadRow[]> {
  let select = selectInvoiceReads(db)
    .where('invoice.vendor_id', '=', tenant.vendorId)
    .where('invoice.livemode', '=', tenant.livemode);
  if (query.customerId !== undefined) {
    select = select.where('invoice.customer_id', '=', query.customerId);
  }
  if (query.status !== undefined) select = select.where('invoice.status', '=', query.status);

  const after = query.after;
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('invoice.due_date', 'invoice.id'), '<', tuple(after[0], after[1])),
    );
  }

  return select
    .orderBy('invoice.due_date', 'desc')
    .orderBy('invoice.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}
