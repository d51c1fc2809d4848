import { type AllocatedAmount, allocateOldestFirst, compareOldestFirst } from '@duly/core';
import { ApiError } from '../http/api-error.js';
import type { ResolvedTarget, TargetInvoice } from './payment-target.js';

/** One invoice of a plan and what the request puts on it. */
export interface PlannedApplication {
  invoice: string;
  invoice_number: string;
  due_date: string;
  /** The amount payable on the invoice before this request. */
  amount_payable: number;
  /** All the request puts on it: `credit + charge`. */
  amount: number;
  /** The part of `amount` paid from the credit balance. */
  credit: number;
  /** The part of `amount` paid by the charge. */
  charge: number;
}

/** The split of a payment request into credit used, invoices paid and the charge. */
export interface PaymentPlan {
  kind: ResolvedTarget['kind'];
  currency: string;
  /** Oldest invoice first. */
  applications: PlannedApplication[];
  creditAvailable: number;
  creditApplied: number;
  /** The amount the provider charges: the charged applications plus `excess`. */
  charge: number;
  /** The part of the charge above the open balance, kept as the payment's `amount_unapplied`. */
  excess: number;
  /** Listed invoices that get less than their payable amount, which need a short-pay reason. */
  shortPaid: PlannedApplication[];
}

/**
 * Splits a request over its invoices. Listed invoices get their listed amounts. An amount
 * goes to the open invoices oldest first, the last one partly, and what is left over is
 * `excess`. Pay-all puts each open invoice's payable amount on it. With `apply`, the
 * credit balance pays first, oldest invoice first, and only the rest is charged. Throws
 * `nothing_to_pay` when an amount or pay-all finds nothing payable.
 */
export function planPayment(
  target: ResolvedTarget,
  credit: { available: number; apply: boolean },
): PaymentPlan {
  const { invoices, put, excess } = splitTarget(target);
  const total = put.reduce((sum, line) => sum + line.amount, 0);
  const creditApplied = credit.apply ? Math.min(credit.available, total) : 0;

  // Credit pays the oldest invoices first, each up to what the request puts on it.
  const creditSplit = allocateOldestFirst(
    put.map((line) => ({ ...(invoices.get(line.invoice) as TargetInvoice), payable: line.amount })),
    creditApplied,
  );
  const creditOn = new Map(creditSplit.applications.map((line) => [line.invoice, line.amount]));

  const applications = put
    .map((line): PlannedApplication => {
      const invoice = invoices.get(line.invoice) as TargetInvoice;
      const fromCredit = creditOn.get(line.invoice) ?? 0;
      return {
        invoice: invoice.id,
        invoice_number: invoice.number,
        due_date: invoice.due_date,
        amount_payable: invoice.payable,
        amount: line.amount,
        credit: fromCredit,
        charge: line.amount - fromCredit,
      };
    })
    .sort((a, b) =>
      compareOldestFirst(
        { id: a.invoice, number: a.invoice_number, due_date: a.due_date },
        { id: b.invoice, number: b.invoice_number, due_date: b.due_date },
      ),
    );

  return {
    kind: target.kind,
    currency: target.currency,
    applications,
    creditAvailable: credit.available,
    creditApplied,
    charge: total - creditApplied + excess,
    excess,
    shortPaid:
      target.kind === 'invoices'
        ? applications.filter((line) => line.amount < line.amount_payable)
        : [],
  };
}

function splitTarget(target: ResolvedTarget): {
  invoices: Map<string, TargetInvoice>;
  put: AllocatedAmount[];
  excess: number;
} {
  if (target.kind === 'invoices') {
    return {
      invoices: new Map(target.lines.map((line) => [line.invoice.id, line.invoice])),
      put: target.lines.map((line) => ({ invoice: line.invoice.id, amount: line.amount })),
      excess: 0,
    };
  }

  const openBalance = target.open.reduce((sum, invoice) => sum + invoice.payable, 0);
  if (openBalance === 0) {
    throw new ApiError(
      'nothing_to_pay',
      `No open ${target.currency} invoice can be paid now: each is paid, disputed, awaiting a payment you reported, or covered by a payment in progress.`,
      { param: 'currency' },
    );
  }
  const amount = target.kind === 'amount' ? target.amount : openBalance;
  const allocation = allocateOldestFirst(target.open, amount);
  return {
    invoices: new Map(target.open.map((invoice) => [invoice.id, invoice])),
    put: allocation.applications,
    excess: allocation.excess,
  };
}
