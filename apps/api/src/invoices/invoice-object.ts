import type { Invoice, InvoiceLine, InvoicePayment, InvoiceTax } from '@duly/core';
import { toAmount } from '../db/index.js';
import type {
  InvoiceLineRow,
  InvoiceNoticeColumns,
  InvoiceRow,
  InvoiceTaxRow,
  listInvoiceCredits,
  listInvoicePayments,
} from './invoice-repository.js';

type InvoicePaymentRow = Awaited<ReturnType<typeof listInvoicePayments>>[number];
type InvoiceCreditRow = Awaited<ReturnType<typeof listInvoiceCredits>>[number];

/**
 * The API object of an invoice row. `overdue` is derived here, never stored: the invoice
 * is open and its due date is before `today`, the vendor's date by the clock.
 * `payment_notice` comes from the columns that `selectInvoiceReads` joins in; a row read
 * without them, such as one just inserted or updated, shows none.
 */
export function toInvoice(row: InvoiceRow & Partial<InvoiceNoticeColumns>, today: string): Invoice {
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
    payment_notice: toInvoicePaymentNotice(row),
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

function toInvoicePaymentNotice(
  row: InvoiceRow & Partial<InvoiceNoticeColumns>,
): Invoice['payment_notice'] {
  const { payment_notice_id: id, notice_amount, notice_method, notice_sent_on } = row;
  if (id === null || notice_amount == null || notice_method == null || notice_sent_on == null) {
    return null;
  }
  return {
    id,
    amount: toAmount(notice_amount),
    method: notice_method,
    reference: row.notice_reference ?? null,
    sent_on: notice_sent_on,
  };
}

export function toInvoiceCredit(row: InvoiceCreditRow): NonNullable<Invoice['credits']>[number] {
  return {
    credit_note: row.credit_note_id,
    number: row.number,
    amount: toAmount(row.amount),
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
