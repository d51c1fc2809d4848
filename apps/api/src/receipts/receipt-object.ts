import type { Receipt } from '@duly/core';
import type { Selectable } from 'kysely';
import type { CustomerTable, VendorTable } from '../db/index.js';
import { toAmount } from '../db/index.js';
import type { ApplicationRow, PaymentRow } from '../payments/payment-repository.js';

/** Random characters of a payment id that a receipt number shows, in groups of four. */
const RECEIPT_NUMBER_LENGTH = 12;

/**
 * Derives a receipt's number from its payment's id, so that it never changes: the first 12
 * of the id's random characters in groups of four, such as `4fQz-a9Kd-2xYb`. Twelve base-62
 * characters are about 71 bits, so two payments sharing a number is not a practical risk.
 * Letter case is kept because ids differ by case; the receipt also prints the full payment id.
 */
export function receiptNumber(paymentId: string): string {
  const random = paymentId.slice(
    paymentId.indexOf('_') + 1,
    paymentId.indexOf('_') + 1 + RECEIPT_NUMBER_LENGTH,
  );
  return random.match(/.{1,4}/g)?.join('-') ?? random;
}

/**
 * Maps a payment that succeeded, its applications, its vendor and its customer to a
 * receipt. The applications are sorted by invoice number; what they leave of the amount is
 * the receipt's `amount_to_credit`.
 */
export function toReceipt(
  payment: PaymentRow,
  applications: ApplicationRow[],
  vendor: Selectable<VendorTable>,
  customer: Selectable<CustomerTable>,
): Receipt {
  const paidInvoices = applications
    .filter((application) => application.payment_id === payment.id)
    .map((application) => ({
      invoice: application.invoice_id,
      invoice_number: application.invoice_number,
      amount: toAmount(application.amount),
    }))
    // By invoice number, as a customer looks for an invoice on a printed receipt.
    .sort((a, b) => a.invoice_number.localeCompare(b.invoice_number, 'en', { numeric: true }));
  const applied = paidInvoices.reduce((sum, application) => sum + application.amount, 0);

  return {
    object: 'receipt',
    number: receiptNumber(payment.id),
    payment: payment.id,
    status: payment.status,
    amount: toAmount(payment.amount),
    amount_refunded: toAmount(payment.amount_refunded),
    currency: payment.currency,
    method_details:
      payment.method_type === null
        ? null
        : { type: payment.method_type, brand: payment.method_brand, last4: payment.method_last4 },
    applications: paidInvoices,
    // NOTE: credit from this payment that a later request used is listed as an application and
    // no longer counts here, because the stored rows do not record which request made each one.
    amount_to_credit: toAmount(payment.amount) - applied,
    credit_applied: toAmount(payment.credit_applied),
    paid_at: (payment.succeeded_at ?? payment.created_at).toISOString(),
    vendor: {
      name: vendor.name,
      email: vendor.email,
      address_lines: vendor.address_lines,
      logo_url: vendor.logo_url,
    },
    customer: { id: customer.id, name: customer.name, email: customer.email },
    livemode: payment.livemode,
  };
}
