import type { PaymentNotice } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { PaymentNoticeInvoiceRow, PaymentNoticeRow } from './payment-notice-repository.js';

/** Maps a notice row and its invoices (those of other notices are left out). */
export function toPaymentNotice(
  row: PaymentNoticeRow,
  invoices: readonly PaymentNoticeInvoiceRow[],
): PaymentNotice {
  return {
    object: 'payment_notice',
    id: row.id,
    customer: row.customer_id,
    status: row.status,
    currency: row.currency,
    amount: toAmount(row.amount),
    method: row.method,
    reference: row.reference,
    sent_on: row.sent_on,
    invoices: invoices
      .filter((line) => line.payment_notice_id === row.id)
      .map((line) => ({
        invoice: line.invoice_id,
        invoice_number: line.invoice_number,
        amount: toAmount(line.amount),
      })),
    payment: row.payment_id,
    rejection_reason: row.rejection_reason,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    decided_at: row.decided_at?.toISOString() ?? null,
  };
}
