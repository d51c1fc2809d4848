import type { Invoice, InvoiceLine, InvoicePayment, InvoiceTax } from '@duly/core';
import { toAmount } from '../db/index.js';
import type {
  InvoiceLineRow,
  InvoiceRow,
  InvoiceTaxRow,
  listInvoicePayments,
} from './invoice-repository.js';

type InvoicePaymentRow = Awaited<ReturnType<typeof listInvoicePayments>>[number];

/**
 * The API object of an invoice row. `overdue` is derived here, never stored: the invoice
 * is open and its due date is before `today`, the vendor's date by the clock.
 */
export function toInvoice(row: InvoiceRow, today: string): Invoice {
  const amountDue = toAmount(row.amount_due);
  const amountPending = toAmount(row.amount_pending);
  return {
    object: 'invoice',
    id: row.id,
    number: row.number,
    customer: row.customer_id,
    status: row.status,
    currency: row.currency,
    total: toAmount(row.total),
    amount_due: amountDue,
    amount_pending: amountPending,
    amount_payable: amountDue - amountPending,
    issue_date: row.issue_date,
    due_date: row.due_date,
    overdue: row.status === 'open' && row.due_date < today,
    disputed: row.disputed,
    // TODO(issue 4, offline-money): join the pending notice named by payment_notice_id.
    payment_notice: null,
    paid_at: row.paid_at?.toISOString() ?? null,
    metadata: row.metadata,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

export function toInvoiceLine(row: InvoiceLineRow): InvoiceLine {
  return {
    description: row.description,
    quantity: row.quantity,
    unit_amount: toAmount(row.unit_amount),
    amount: toAmount(row.amount),
  };
}

export function toInvoicePayment(row: InvoicePaymentRow): InvoicePayment {
  return {
    payment: row.payment_id,
    amount: toAmount(row.amount),
    amount_reversed: toAmount(row.amount_reversed),
    status: row.status,
    created_at: row.created_at.toISOString(),
  };
}

/** Returns the subtotal (the sum of the lines) and the taxes of a single-invoice read. */
export function toInvoiceTaxes(
  lines: InvoiceLineRow[],
  taxes: InvoiceTaxRow[],
): { subtotal: number; taxes: InvoiceTax[] } {
  return {
    subtotal: lines.reduce((sum, line) => sum + toAmount(line.amount), 0),
    taxes: taxes.map((tax) => ({ description: tax.description, amount: toAmount(tax.amount) })),
  };
}
