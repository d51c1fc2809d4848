import type { PaymentStatus } from '@duly/core';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import type { PaymentCursor } from './payment-cursor.js';
import type { PaymentRow } from './payment-repository.js';
import type { RefundRow } from './refund-ledger.js';

/** Finds a payment of the tenant; another vendor's or mode's payment is not found. */
export async function findTenantPayment(
  db: Db,
  tenant: Tenant,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
}

export interface VendorPaymentQuery {
  customerId: string | undefined;
  status: PaymentStatus | undefined;
  limit: number;
  after: PaymentCursor | undefined;
}

/**
 * Lists one page of the vendor's payments, newest first, ties by id, fetching `limit + 1`
 * rows so that the caller can tell whether a next page exists. `payment_vendor_created`
 * serves it, or `payment_customer_created` with a customer; a status filters those rows.
 */
export async function listVendorPayments(db: Db, tenant: Tenant, query: VendorPaymentQuery) {
  let select = db
    .selectFrom('payment')
    .selectAll()
    .select(sql<string>`created_at::text`.as('created_at_key'))
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);

  const after = query.after;
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('created_at', 'id'), '<', tuple(sql<Date>`${after[0]}::timestamptz`, after[1])),
    );
  }

  return select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** Lists every refund of a payment, oldest first, ties by id. */
export async function listPaymentRefunds(db: Db, paymentId: string): Promise<RefundRow[]> {
  return db
    .selectFrom('refund')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
