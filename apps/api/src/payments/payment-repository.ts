import type { PaymentStatus } from '@duly/core';
import type { Selectable } from 'kysely';
import type { Db, PaymentMethodTable, PaymentTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';
import type { Payer } from './payer.js';

export type PaymentRow = Selectable<PaymentTable>;
export type PaymentMethodRow = Selectable<PaymentMethodTable>;

/** One application of a payment with its invoice's number. */
export interface ApplicationRow {
  payment_id: string;
  invoice_id: string;
  invoice_number: string;
  amount: string;
  amount_reversed: string;
}

/** Selects the customer's payment method `paymentMethodId`, unless it was detached. */
function selectCustomerPaymentMethod(
  db: Db | Trx,
  tenant: Tenant,
  customerId: string,
  paymentMethodId: string,
) {
  return db
    .selectFrom('payment_method')
    .selectAll()
    .where('id', '=', paymentMethodId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .where('customer_id', '=', customerId)
    .where('detached_at', 'is', null);
}

/** Finds an attached payment method of the customer. */
export async function findCustomerPaymentMethod(
  db: Db,
  tenant: Tenant,
  customerId: string,
  paymentMethodId: string,
): Promise<PaymentMethodRow | undefined> {
  return selectCustomerPaymentMethod(db, tenant, customerId, paymentMethodId).executeTakeFirst();
}

/** Reads an attached payment method of the payer, locked against a concurrent change. */
export async function lockCustomerPaymentMethod(
  trx: Trx,
  payer: Payer,
  paymentMethodId: string,
): Promise<PaymentMethodRow | undefined> {
  return selectCustomerPaymentMethod(trx, payer, payer.customerId, paymentMethodId)
    .forShare()
    .executeTakeFirst();
}

/** Selects the tenant's payments, leaving out another vendor's or mode's. */
function selectTenantPayments(db: Db, tenant: Tenant) {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
}

/** Finds a payment of the tenant; another vendor's or mode's payment is not found. */
export async function findTenantPayment(
  db: Db,
  tenant: Tenant,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  return selectTenantPayments(db, tenant).where('id', '=', paymentId).executeTakeFirst();
}

/** Finds a payment of the customer; another customer's payment is not found. */
export async function findCustomerPayment(
  db: Db,
  tenant: Tenant,
  customerId: string,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  return selectTenantPayments(db, tenant)
    .where('id', '=', paymentId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

/** Locks a payment for a change of status. */
export async function lockPayment(trx: Trx, paymentId: string): Promise<PaymentRow | undefined> {
  return trx
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .forUpdate()
    .executeTakeFirst();
}

/** Lists the applications of `paymentIds`, in invoice id order. */
export async function listApplications(
  db: Db | Trx,
  paymentIds: string[],
): Promise<ApplicationRow[]> {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom('payment_application')
    .innerJoin('invoice', 'invoice.id', 'payment_application.invoice_id')
    .select([
      'payment_application.payment_id',
      'payment_application.invoice_id',
      'invoice.number as invoice_number',
      'payment_application.amount',
      'payment_application.amount_reversed',
    ])
    .where('payment_application.payment_id', 'in', paymentIds)
    .orderBy('payment_application.invoice_id')
    .execute();
}

export interface PaymentListQuery {
  /** Customer whose payments alone are listed. The portal always sets it. */
  customerId: string | undefined;
  status: PaymentStatus | undefined;
  limit: number;
  after: CreatedAtCursor | undefined;
}

/**
 * Lists one page of the tenant's payments, newest first, ties by id, fetching `limit + 1`
 * rows so that the caller can tell whether a next page exists. The row-value cursor on
 * `(created_at, id)` follows `payment_vendor_created`, or `payment_customer_created` with a
 * customer; a status filters those rows. `created_at_key` is the timestamp as PostgreSQL
 * writes it, to the microsecond, because a JavaScript `Date` would round it to the
 * millisecond and skip rows on the next page.
 */
export async function listPayments(db: Db, tenant: Tenant, query: PaymentListQuery) {
  let select = selectTenantPayments(db, tenant);
  if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
  if (query.status !== undefined) select = select.where('status', '=', query.status);

  return selectNewestFirstPage(select, query.after, query.limit).execute();
}
