import type { Db } from '@duly/api';

/** An invoice row as the assertions read it, with money as numbers. */
export interface InvoiceState {
  id: string;
  number: string;
  status: string;
  total: number;
  amountDue: number;
  amountPending: number;
}

/**
 * Returns the customer with the most open invoices (at least two, ties broken by account
 * number) and its open invoices, oldest due date first.
 */
export async function findCustomerWithOpenInvoices(db: Db, vendorId: string) {
  const row = await db
    .selectFrom('invoice')
    .innerJoin('customer', 'customer.id', 'invoice.customer_id')
    .select(['customer.id', 'customer.external_id', (eb) => eb.fn.countAll<string>().as('open')])
    .where('invoice.vendor_id', '=', vendorId)
    .where('invoice.status', '=', 'open')
    .groupBy(['customer.id', 'customer.external_id'])
    .having((eb) => eb.fn.countAll(), '>=', 2)
    .orderBy('open', 'desc')
    .orderBy('customer.external_id')
    .executeTakeFirstOrThrow();

  const invoices = await db
    .selectFrom('invoice')
    .select('id')
    .where('customer_id', '=', row.id)
    .where('status', '=', 'open')
    .orderBy('due_date')
    .orderBy('number')
    .execute();
  const states = await Promise.all(invoices.map((invoice) => readInvoice(db, invoice.id)));
  return { customerId: row.id, invoices: states };
}

export async function readInvoice(db: Db, id: string): Promise<InvoiceState> {
  const row = await db
    .selectFrom('invoice')
    .select(['id', 'number', 'status', 'total', 'amount_due', 'amount_pending'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    total: Number(row.total),
    amountDue: Number(row.amount_due),
    amountPending: Number(row.amount_pending),
  };
}

/** Returns the portal payments applied to an invoice, oldest first. */
export async function portalPaymentsOf(db: Db, invoiceId: string) {
  const rows = await db
    .selectFrom('payment')
    .innerJoin('payment_application', 'payment_application.payment_id', 'payment.id')
    .select([
      'payment.id',
      'payment.status',
      'payment.failure_code',
      'payment.amount',
      'payment.method_last4',
      'payment_application.amount as applied',
    ])
    .where('payment_application.invoice_id', '=', invoiceId)
    .where('payment.source', '=', 'portal')
    .orderBy('payment.created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    failureCode: row.failure_code,
    amount: Number(row.amount),
    applied: Number(row.applied),
    last4: row.method_last4,
  }));
}

/** A payment row as the assertions read it, with money as numbers. */
export interface PaymentState {
  id: string;
  status: string;
  failureCode: string | null;
  amount: number;
  amountRefunded: number;
  methodType: string | null;
  mandateId: string | null;
}

export async function readPayment(db: Db, id: string): Promise<PaymentState> {
  const row = await db
    .selectFrom('payment')
    .select([
      'id',
      'status',
      'failure_code',
      'amount',
      'amount_refunded',
      'method_type',
      'mandate_id',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    status: row.status,
    failureCode: row.failure_code,
    amount: Number(row.amount),
    amountRefunded: Number(row.amount_refunded),
    methodType: row.method_type,
    mandateId: row.mandate_id,
  };
}

/** Returns the authorization recorded with a payment or autopay, or undefined when none. */
export async function findMandate(db: Db, id: string | null) {
  if (id === null) return undefined;
  return db
    .selectFrom('mandate')
    .select(['kind', 'text', 'payment_method_id', 'user_agent'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Returns the customer's saved, not removed, payment methods, oldest first. */
export async function savedMethodsOf(db: Db, customerId: string) {
  const rows = await db
    .selectFrom('payment_method')
    .leftJoin('customer', 'customer.default_payment_method_id', 'payment_method.id')
    .select([
      'payment_method.id',
      'payment_method.last4',
      'payment_method.brand',
      'customer.id as defaultOf',
    ])
    .where('payment_method.customer_id', '=', customerId)
    .where('payment_method.saved', '=', true)
    .where('payment_method.detached_at', 'is', null)
    .orderBy('payment_method.created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    last4: row.last4,
    brand: row.brand,
    isDefault: row.defaultOf !== null,
  }));
}

/** Returns the customer's autopay row, or undefined when it was never turned on. */
export async function findAutopay(db: Db, customerId: string) {
  return db
    .selectFrom('autopay')
    .select(['status', 'payment_method_id', 'mandate_id'])
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}
