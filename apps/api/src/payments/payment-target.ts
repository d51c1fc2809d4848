import { type AllocatableInvoice, formatDecimalAmount, type InvoiceAmount } from '@duly/core';
import type { Db, Trx } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import { invoiceNotFound } from '../invoices/invoice-service.js';
import { payableOf, rejectDuplicateTargets } from './invoice-targets.js';
import type { Payer } from './payer.js';

/**
 * The target of a payment: the listed invoices with an amount each, an amount spread over
 * the open invoices of a currency, or all of them. `kind` is also the request field that
 * names it, which errors about the total point at.
 */
export type PaymentTarget =
  | { kind: 'invoices'; invoices: InvoiceAmount[] }
  | { kind: 'amount'; amount: number; currency: string }
  | { kind: 'pay_all'; currency: string };

/** The fields of a payment request that name its target; the request schema allows one way. */
export interface PaymentTargetFields {
  invoices?: InvoiceAmount[] | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  pay_all?: true | undefined;
}

/** An open invoice a target may pay, with what can be paid on it now. */
export type TargetInvoice = AllocatableInvoice;

/** A target with its invoices read from the ledger, all in one currency. */
export type ResolvedTarget =
  | {
      kind: 'invoices';
      currency: string;
      lines: Array<{ invoice: TargetInvoice; amount: number }>;
    }
  | { kind: 'amount'; currency: string; open: TargetInvoice[]; amount: number }
  | { kind: 'pay_all'; currency: string; open: TargetInvoice[] };

/**
 * Returns the target of a request that the request schema checked, or throws
 * `duplicate_invoice` when the request lists an invoice twice.
 */
export function paymentTargetOf(request: PaymentTargetFields): PaymentTarget {
  if (request.invoices !== undefined) {
    rejectDuplicateTargets(request.invoices);
    return { kind: 'invoices', invoices: request.invoices };
  }
  if (request.currency === undefined) {
    throw new Error(
      'A payment by amount or pay_all needs a currency; the request schema checks it.',
    );
  }
  if (request.amount !== undefined) {
    return { kind: 'amount', amount: request.amount, currency: request.currency };
  }
  return { kind: 'pay_all', currency: request.currency };
}

/**
 * Reads and locks (`FOR UPDATE`, in id order) the invoices that `target` may pay. Listed
 * invoices are checked line by line. For an amount or pay-all, they are the customer's open
 * invoices in the currency, except disputed ones and ones with a payment notice pending.
 */
export async function lockPaymentTarget(
  trx: Trx,
  payer: Payer,
  target: PaymentTarget,
): Promise<ResolvedTarget> {
  return resolveTarget(trx, payer, target, true);
}

/** `lockPaymentTarget` without the locks, for a preview that changes nothing. */
export async function readPaymentTarget(
  db: Db,
  payer: Payer,
  target: PaymentTarget,
): Promise<ResolvedTarget> {
  return resolveTarget(db, payer, target, false);
}

async function resolveTarget(
  db: Db | Trx,
  payer: Payer,
  target: PaymentTarget,
  lock: boolean,
): Promise<ResolvedTarget> {
  if (target.kind === 'invoices') {
    let query = selectCustomerInvoices(db, payer).where(
      'id',
      'in',
      target.invoices.map((line) => line.invoice),
    );
    if (lock) query = query.forUpdate();
    const rows = await query.execute();
    return checkListedInvoices(target.invoices, new Map(rows.map((row) => [row.id, row])));
  }

  let query = selectCustomerInvoices(db, payer)
    .where('status', '=', 'open')
    .where('currency', '=', target.currency)
    .where('disputed', '=', false)
    .where('payment_notice_id', 'is', null);
  if (lock) query = query.forUpdate();
  const open = (await query.execute()).map(toTargetInvoice);
  return target.kind === 'amount'
    ? { kind: 'amount', currency: target.currency, open, amount: target.amount }
    : { kind: 'pay_all', currency: target.currency, open };
}

function selectCustomerInvoices(db: Db | Trx, payer: Payer) {
  return db
    .selectFrom('invoice')
    .select(['id', 'number', 'status', 'currency', 'due_date', 'amount_due', 'amount_pending'])
    .where('vendor_id', '=', payer.vendorId)
    .where('livemode', '=', payer.livemode)
    .where('customer_id', '=', payer.customerId)
    .orderBy('id');
}

type InvoiceTargetRow = Awaited<
  ReturnType<ReturnType<typeof selectCustomerInvoices>['execute']>
>[number];

function toTargetInvoice(row: InvoiceTargetRow): TargetInvoice {
  return {
    id: row.id,
    number: row.number,
    due_date: row.due_date,
    payable: payableOf(row),
  };
}

/**
 * Checks every listed line against the invoices read, in request order, and returns them
 * with the target's currency. An invoice of another customer is not found, like an unknown
 * id.
 */
function checkListedInvoices(
  lines: InvoiceAmount[],
  rows: Map<string, InvoiceTargetRow>,
): ResolvedTarget {
  let currency: string | undefined;
  const checked = lines.map((line, index) => {
    const row = rows.get(line.invoice);
    if (row === undefined) throw invoiceNotFound(line.invoice, `invoices[${index}].invoice`);
    if (row.status !== 'open') {
      throw new ApiError(
        'invoice_not_open',
        `Invoice ${row.number} is ${row.status}; only open invoices can be paid.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    currency ??= row.currency;
    if (row.currency !== currency) {
      throw new ApiError(
        'currency_mismatch',
        `Invoice ${row.number} is in ${row.currency} but the payment is in ${currency}; pay invoices of each currency separately.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    const invoice = toTargetInvoice(row);
    if (line.amount > invoice.payable) {
      const money = (amount: number) =>
        `${formatDecimalAmount(amount, row.currency)} ${row.currency}`;
      throw new ApiError(
        'amount_exceeds_payable',
        `The amount ${money(line.amount)} is more than the ${money(invoice.payable)} that can still be paid on invoice ${row.number}.`,
        { param: `invoices[${index}].amount` },
      );
    }
    return { invoice, amount: line.amount };
  });
  return { kind: 'invoices', currency: currency as string, lines: checked };
}
