import type { Receipt } from '@duly/core';
import { findCustomer } from '../customers/customer-repository.js';
import type { Db } from '../db/index.js';
import { describePayment } from '../documents/document-format.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { paymentNotFound } from '../payments/payment-errors.js';
import {
  findCustomerPayment,
  findTenantPayment,
  listApplications,
  type PaymentRow,
} from '../payments/payment-repository.js';
import { findVendor } from '../vendors/index.js';
import { toReceipt } from './receipt-object.js';

/** A receipt with what printing it needs beyond the API object. */
export interface ReceiptSource {
  receipt: Receipt;
  /** The vendor's IANA time zone, in which the receipt's dates are printed. */
  timeZone: string;
  /** The payment's method as documents print it, such as the card, bank account or cheque. */
  paidWith: string;
  /** The customer's own locale, if set. */
  customerLocale: string | null;
}

/** Payment statuses that have a receipt: the payment succeeded, and refunds do not undo that. */
const RECEIPT_STATUSES: ReadonlySet<PaymentRow['status']> = new Set(['succeeded', 'refunded']);

/**
 * Loads the receipt of a payment of the tenant, or of one customer of it when `customerId`
 * is given. Throws `payment_not_found` for an unknown id and for a payment of another
 * customer or vendor alike, and `receipt_not_available` unless the payment succeeded.
 */
export async function loadReceipt(
  db: Db,
  tenant: Tenant,
  paymentId: string,
  customerId?: string,
): Promise<ReceiptSource> {
  const payment =
    customerId === undefined
      ? await findTenantPayment(db, tenant, paymentId)
      : await findCustomerPayment(db, tenant, customerId, paymentId);
  if (payment === undefined) throw paymentNotFound(paymentId);
  if (!RECEIPT_STATUSES.has(payment.status)) throw receiptNotAvailable(payment);

  const [applications, vendor, customer, method] = await Promise.all([
    listApplications(db, [payment.id]),
    findVendor(db, payment.vendor_id),
    findCustomer(db, tenant, payment.customer_id),
    payment.payment_method_id === null
      ? undefined
      : db
          .selectFrom('payment_method')
          .select('bank_name')
          .where('id', '=', payment.payment_method_id)
          .executeTakeFirst(),
  ]);
  if (vendor === undefined || customer === undefined) {
    throw new Error(`Payment ${payment.id} names a vendor or customer that does not exist.`);
  }
  return {
    receipt: toReceipt(payment, applications, vendor, customer),
    timeZone: vendor.time_zone,
    paidWith: describePayment({ ...payment, bank_name: method?.bank_name ?? null }),
    customerLocale: customer.locale,
  };
}

function receiptNotAvailable(payment: PaymentRow): ApiError {
  const reasons: Record<PaymentRow['status'], string> = {
    pending: 'is still pending; its receipt is available once it succeeds',
    requires_action:
      'waits for the customer to confirm it; its receipt is available once it succeeds',
    failed: 'failed, so no money was taken and there is no receipt',
    canceled: 'was canceled, so no money was taken and there is no receipt',
    succeeded: '',
    refunded: '',
  };
  return new ApiError(
    'receipt_not_available',
    `Payment ${payment.id} ${reasons[payment.status]}.`,
    {
      param: 'id',
    },
  );
}
