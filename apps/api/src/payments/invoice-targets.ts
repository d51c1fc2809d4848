import { formatDecimalAmount, MAX_AMOUNT } from '@duly/core';
import { type Trx, toAmount } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { type InvoiceRow, lockCustomerInvoices } from '../invoices/invoice-repository.js';
import { invoiceNotFound } from '../invoices/invoice-service.js';

// Checks shared by the requests that put money or credit on a customer's invoices outside
// the portal: recording an offline payment, applying its unapplied part, applying a credit
// note and the customer's payment notices. Every check names the request field at fault.

/** An invoice named by a request, with the amount asked for it when the request gives one. */
export interface InvoiceTarget {
  invoice: string;
  amount?: number | undefined;
}

/** Returns what can still be paid on an invoice: what is due less what payments in flight reserve. */
export function payableOf(invoice: Pick<InvoiceRow, 'amount_due' | 'amount_pending'>): number {
  return toAmount(invoice.amount_due) - toAmount(invoice.amount_pending);
}

/** Formats an amount for a message, such as `18.600 KWD`. */
export function describeAmount(amount: number, currency: string): string {
  return `${formatDecimalAmount(amount, currency)} ${currency}`;
}

/** Throws `duplicate_invoice` for the second mention of an invoice. */
export function rejectDuplicateTargets(targets: readonly InvoiceTarget[]): void {
  const seen = new Set<string>();
  targets.forEach((target, index) => {
    if (seen.has(target.invoice)) {
      throw new ApiError(
        'duplicate_invoice',
        `Invoice ${target.invoice} is listed more than once; list each invoice once with its whole amount.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    seen.add(target.invoice);
  });
}

/** Throws `amount_too_large` when the targets' amounts add up to more than `MAX_AMOUNT`. */
export function sumTargets(targets: readonly InvoiceTarget[]): number {
  const sum = targets.reduce((total, target) => total + (target.amount ?? 0), 0);
  if (sum > MAX_AMOUNT) {
    throw new ApiError(
      'amount_too_large',
      `The invoices' amounts add up to ${sum}, more than the maximum of ${MAX_AMOUNT} minor units; split the request.`,
      { param: 'invoices' },
    );
  }
  return sum;
}

/**
 * Locks the customer's invoices that `targets` name, in id order like every transaction
 * that locks several invoices, and returns them in request order. Throws
 * `invoice_not_found` for an unknown invoice or one of another customer, and
 * `invoice_not_open` for an invoice that is not open.
 */
export async function lockOpenTargetInvoices(
  trx: Trx,
  tenant: Tenant,
  customerId: string,
  targets: readonly InvoiceTarget[],
): Promise<InvoiceRow[]> {
  if (targets.length === 0) return [];
  const locked = await lockCustomerInvoices(
    trx,
    tenant,
    customerId,
    targets.map((target) => target.invoice),
  );
  const byId = new Map(locked.map((row) => [row.id, row]));
  return targets.map((target, index) => {
    const invoice = byId.get(target.invoice);
    if (invoice === undefined) throw invoiceNotFound(target.invoice, `invoices[${index}].invoice`);
    if (invoice.status !== 'open') {
      throw new ApiError(
        'invoice_not_open',
        `Invoice ${invoice.number} is ${invoice.status}; only open invoices can be paid or credited.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    return invoice;
  });
}

/** Throws `currency_mismatch` unless the invoice is in `currency`, the money's currency. */
export function checkTargetCurrency(
  invoice: InvoiceRow,
  index: number,
  currency: string,
  money: string,
): void {
  if (invoice.currency !== currency) {
    throw new ApiError(
      'currency_mismatch',
      `Invoice ${invoice.number} is in ${invoice.currency} but ${money} is in ${currency}; only invoices in ${currency} can take it.`,
      { param: `invoices[${index}].invoice` },
    );
  }
}

/** Throws `amount_exceeds_payable` when `amount` is more than the invoice can still take. */
export function checkTargetAmount(invoice: InvoiceRow, index: number, amount: number): void {
  const payable = payableOf(invoice);
  if (amount > payable) {
    throw new ApiError(
      'amount_exceeds_payable',
      `The amount ${describeAmount(amount, invoice.currency)} is more than the ${describeAmount(payable, invoice.currency)} that can still be paid on invoice ${invoice.number}.`,
      { param: `invoices[${index}].amount` },
    );
  }
}
