import { type Selectable, sql } from 'kysely';
import type { Db, PaymentMethodTable, PaymentTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type PaymentRow = Selectable<PaymentTable>;
export type PaymentMethodRow = Selectable<PaymentMethodTable>;

/** One application of a payment with its invoice's number. */
export interface ApplicationRow {
  payment_id: string;
  invoice_id: string;
  invoice_number: string;
  amount: string;
}

/** Finds an attached payment method of the customer. */
export async function findCustomerPaymentMethod(
  db: Db,
  tenant: Tenant,
  customerId: string,
  paymentMethodId: string,
): Promise<PaymentMethodRow | undefined> {
  return db
    .selectFrom('payment_method')
    .selectAll()
    .where('id', '=', paymentMethodId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .where('customer_id', '=', customerId)
    .where('detached_at', 'is', null)
    .executeTakeFirst();
}

/** Finds a payment of the customer; another customer's payment is not found. */
export async function findCustomerPayment(
  db: Db,
  tenant: Tenant,
  customerId: string,
  paymentId: string,
): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
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
    ])
    .where('payment_application.payment_id', 'in', paymentIds)
    .orderBy('payment_application.invoice_id')
    .execute();
}

/**
 * Lists one page of the customer's payments, newest first, ties by id; `limit + 1` rows. The
 * row-value cursor on `(created_at, id)` follows the `payment_customer_created` index.
 * `created_at_key` is the timestamp as PostgreSQL writes it, to the microsecond, because a
 * JavaScript `Date` would round it to the millisecond and skip rows on the next page.
 */
export async function listCustomerPayments(
  db: Db,
  tenant: Tenant,
  customerId: string,
  limit: number,
  after: readonly [createdAt: string, id: string] | undefined,
) {
  let select = db
    .selectFrom('payment')
    .selectAll()
    .select(sql<string>`created_at::text`.as('created_at_key'))
    .where('customer_id', '=', customerId)
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('created_at', 'id'), '<', tuple(sql<Date>`${after[0]}::timestamptz`, after[1])),
    );
  }
  return select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}
