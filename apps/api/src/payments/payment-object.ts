import type { Payment, PaymentMethod } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { ApplicationRow, PaymentMethodRow, PaymentRow } from './payment-repository.js';

/** Maps a payment row and its applications to the API object. */
export function toPayment(row: PaymentRow, applications: ApplicationRow[]): Payment {
  return {
    object: 'payment',
    id: row.id,
    customer: row.customer_id,
    status: row.status,
    amount: toAmount(row.amount),
    currency: row.currency,
    failure_code: row.failure_code,
    failure_message: row.failure_message,
    payment_method: row.payment_method_id,
    method_details:
      row.method_type === null
        ? null
        : { type: row.method_type, brand: row.method_brand, last4: row.method_last4 },
    applications: applications
      .filter((application) => application.payment_id === row.id)
      .map((application) => ({
        invoice: application.invoice_id,
        invoice_number: application.invoice_number,
        amount: toAmount(application.amount),
        amount_reversed: toAmount(application.amount_reversed),
      })),
    source: row.source,
    amount_refunded: toAmount(row.amount_refunded),
    amount_unapplied: toAmount(row.amount_unapplied),
    credit_applied: toAmount(row.credit_applied),
    short_pay:
      row.short_pay_reason === null
        ? null
        : { reason: row.short_pay_reason, note: row.short_pay_note },
    offline:
      row.offline_method === null || row.received_on === null
        ? null
        : {
            method: row.offline_method,
            reference: row.offline_reference,
            received_on: row.received_on,
          },
    next_action: row.next_action,
    chargeback_status: row.chargeback_status,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    succeeded_at: row.succeeded_at?.toISOString() ?? null,
    failed_at: row.failed_at?.toISOString() ?? null,
  };
}

/** The API object of a payment method row; `defaultId` is the customer's default method. */
export function toPaymentMethod(row: PaymentMethodRow, defaultId: string | null): PaymentMethod {
  return {
    object: 'payment_method',
    id: row.id,
    type: row.type,
    brand: row.brand,
    last4: row.last4,
    exp_month: row.exp_month,
    exp_year: row.exp_year,
    bank_name: row.bank_name,
    is_default: row.id === defaultId,
    disabled_reason: row.disabled_reason,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}
