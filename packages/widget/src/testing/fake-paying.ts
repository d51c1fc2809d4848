import { formatMoney } from '@duly/core/money';
import type {
  CreatePaymentNoticeRequest,
  Invoice,
  PaymentPreview,
  PaymentPreviewRequest,
} from '@duly/sdk';
import { DulyConflictError, DulyInvalidRequestError, DulyNotFoundError } from '@duly/sdk';

/**
 * The rules of the portal API for paying all, paying an amount, short pay, credit and the
 * minimum charge, as the fake client applies them. They follow the API's contract: pay-all
 * and pay-an-amount take the open invoices of the currency that are neither disputed nor
 * waiting on a payment notice, oldest due date first, then by number.
 */

/** The target of a payment, preview or credit application: exactly one way, as in the API. */
export type PaymentTarget = Omit<PaymentPreviewRequest, 'payment_method' | 'short_pay'>;

/** One invoice of a plan with its amount, and the part of it paid from credit. */
interface PlannedRow {
  invoice: Invoice;
  amount: number;
  credit: number;
}

/** The split of a payment with the invoices it touches, before any money moves. */
export interface PaymentPlan {
  preview: PaymentPreview;
  rows: PlannedRow[];
}

/**
 * Splits a payment over `invoices` as the API does and returns the preview with the
 * invoices it touches. `creditAvailable` is the customer's credit in the target's
 * currency. Throws the API's problem for a target it refuses.
 */
export function planPayment(
  invoices: Invoice[],
  target: PaymentTarget,
  creditAvailable: (currency: string) => number,
): PaymentPlan {
  const ways = [target.invoices, target.amount, target.pay_all].filter(
    (way) => way !== undefined,
  ).length;
  if (ways !== 1) {
    throw invalid(
      'validation_failed',
      'Send exactly one of invoices, amount or pay_all.',
      'invoices',
    );
  }

  let currency: string;
  let rows: PlannedRow[];
  let toCredit = 0;
  if (target.invoices) {
    rows = explicitRows(invoices, target.invoices);
    currency = rows[0]?.invoice.currency ?? 'USD';
  } else {
    if (!target.currency) throw invalid('validation_failed', 'is required.', 'currency');
    currency = target.currency;
    const open = oldestFirst(invoices.filter((invoice) => takesBalancePayments(invoice, currency)));
    if (open.length === 0) {
      throw new DulyConflictError({
        code: 'nothing_to_pay',
        status: 409,
        detail: `No open ${currency} invoice can be paid now.`,
      });
    }
    let remaining = target.amount ?? Number.POSITIVE_INFINITY;
    rows = [];
    for (const invoice of open) {
      const amount = Math.min(remaining, invoice.amount_payable);
      if (amount <= 0) break;
      rows.push({ invoice, amount, credit: 0 });
      remaining -= amount;
    }
    if (target.amount !== undefined) toCredit = remaining;
  }

  const total = rows.reduce((sum, row) => sum + row.amount, 0);
  const available = creditAvailable(currency);
  let creditLeft = target.apply_credit ? Math.min(available, total) : 0;
  const creditApplied = creditLeft;
  for (const row of rows) {
    row.credit = Math.min(creditLeft, row.amount);
    creditLeft -= row.credit;
  }

  const preview: PaymentPreview = {
    object: 'payment_preview',
    currency,
    applications: rows.map((row) => ({
      invoice: row.invoice.id,
      invoice_number: row.invoice.number,
      due_date: row.invoice.due_date,
      amount_payable: row.invoice.amount_payable,
      amount: row.amount,
      credit: row.credit,
    })),
    credit_available: available,
    credit_applied: creditApplied,
    amount_to_charge: total + toCredit - creditApplied,
    amount_to_credit: toCredit,
    short_pay_required:
      target.invoices !== undefined && rows.some((row) => row.amount < row.invoice.amount_payable),
  };
  return { preview, rows };
}

/** Returns true when pay-all and pay-an-amount put money on `invoice`. */
function takesBalancePayments(invoice: Invoice, currency: string): boolean {
  return (
    invoice.status === 'open' &&
    invoice.currency === currency &&
    !invoice.disputed &&
    invoice.payment_notice === null &&
    invoice.amount_payable > 0
  );
}

function oldestFirst(invoices: Invoice[]): Invoice[] {
  return [...invoices].sort(
    (a, b) => a.due_date.localeCompare(b.due_date) || a.number.localeCompare(b.number),
  );
}

function explicitRows(
  invoices: Invoice[],
  requested: NonNullable<PaymentTarget['invoices']>,
): PlannedRow[] {
  const seen = new Set<string>();
  let currency: string | undefined;
  return requested.map(({ invoice: id, amount }, index) => {
    const invoice = findOpenInvoice(invoices, id, `invoices[${index}].invoice`);
    if (seen.has(id)) {
      throw invalid(
        'duplicate_invoice',
        `${invoice.number} is listed twice.`,
        `invoices[${index}]`,
      );
    }
    seen.add(id);
    currency ??= invoice.currency;
    if (invoice.currency !== currency) {
      throw invalid(
        'currency_mismatch',
        'One payment pays invoices of one currency.',
        `invoices[${index}]`,
      );
    }
    if (amount > invoice.amount_payable) {
      throw new DulyConflictError({
        code: 'amount_exceeds_payable',
        status: 409,
        detail: `At most ${invoice.amount_payable} can be paid on ${invoice.number}.`,
        param: `invoices[${index}].amount`,
      });
    }
    return { invoice, amount, credit: 0 };
  });
}

function findOpenInvoice(invoices: Invoice[], id: string, param: string): Invoice {
  const invoice = invoices.find((candidate) => candidate.id === id);
  if (!invoice) {
    throw new DulyNotFoundError({
      code: 'invoice_not_found',
      status: 404,
      detail: `No invoice ${id}.`,
      param,
    });
  }
  if (invoice.status !== 'open') {
    throw new DulyConflictError({
      code: 'invoice_not_open',
      status: 409,
      detail: `${invoice.number} is ${invoice.status}.`,
      param,
    });
  }
  return invoice;
}

/**
 * Refuses a charge below the provider's minimum for its currency (one minor unit for a
 * currency the table lacks), with the API's code and a message naming the minimum.
 */
export function checkMinimumCharge(
  charge: number,
  currency: string,
  minimums: Record<string, number>,
): void {
  const minimum = minimums[currency] ?? 1;
  if (charge >= minimum) return;
  const formatted = formatMoney(minimum, currency, 'en');
  throw invalid(
    'amount_below_minimum',
    `The smallest card or bank payment in ${currency} is ${formatted}. Pay at least ${formatted}, or pay from your credit balance.`,
    'amount',
  );
}

/** Requires one of the vendor's reasons when a payment pays an invoice partly. */
export function checkShortPay(
  preview: PaymentPreview,
  shortPay: { reason: string; note?: string } | undefined,
  reasons: string[],
): void {
  if (!preview.short_pay_required) return;
  if (!shortPay) {
    throw invalid(
      'short_pay_reason_required',
      'Say why the invoice is paid partly: send short_pay.reason.',
      'short_pay.reason',
    );
  }
  if (!reasons.includes(shortPay.reason)) {
    throw invalid(
      'validation_failed',
      `must be one of: ${reasons.join(', ')}.`,
      'short_pay.reason',
    );
  }
}

/**
 * Checks a payment notice as the API does: open invoices of one currency, each without a
 * pending notice and with an amount it can take, sent no later than `today`.
 */
export function checkPaymentNotice(
  invoices: Invoice[],
  request: CreatePaymentNoticeRequest,
  today: string,
): Invoice[] {
  if (request.sent_on > today) {
    throw invalid('validation_failed', `cannot be after today, ${today}.`, 'sent_on');
  }
  const found = request.invoices.map(({ invoice: id, amount }, index) => {
    const invoice = findOpenInvoice(invoices, id, `invoices[${index}].invoice`);
    if (invoice.payment_notice) {
      throw new DulyConflictError({
        code: 'payment_notice_exists',
        status: 409,
        detail: `${invoice.number} already has a payment notice waiting for the vendor.`,
        param: `invoices[${index}].invoice`,
      });
    }
    if (amount > invoice.amount_payable) {
      throw new DulyConflictError({
        code: 'amount_exceeds_payable',
        status: 409,
        detail: `At most ${invoice.amount_payable} can be paid on ${invoice.number}.`,
        param: `invoices[${index}].amount`,
      });
    }
    return invoice;
  });
  if (new Set(found.map((invoice) => invoice.currency)).size > 1) {
    throw invalid('currency_mismatch', 'A notice covers invoices of one currency.', 'invoices');
  }
  return found;
}

function invalid(code: string, detail: string, param: string): DulyInvalidRequestError {
  return new DulyInvalidRequestError({ code, status: 400, detail, param });
}
