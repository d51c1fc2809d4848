import { addDays, type PlainDate } from '@duly/core';
import type { LedgerRow } from './ledger-file.js';

/** A customer to create, with dates already shifted. */
export interface PlannedCustomer {
  externalId: string;
  countryCode: string;
  paperlessDate: PlainDate;
  /** Issue date of its first invoice, taken as the day the customer was created. */
  since: PlainDate;
}

/** An invoice to create, with dates already shifted. */
export interface PlannedInvoice {
  number: string;
  customerExternalId: string;
  status: 'open' | 'paid';
  total: number;
  issueDate: PlainDate;
  dueDate: PlainDate;
  /** Set for paid invoices only: an open invoice's future settlement is not known yet. */
  settledDate: PlainDate | undefined;
  disputed: boolean;
  paperlessBill: string;
}

/** Customers and invoices an import creates, before comparing with the database. */
export interface LedgerPlan {
  customers: PlannedCustomer[];
  invoices: PlannedInvoice[];
  /** Rows issued after the as-of date. */
  leftOut: number;
}

/**
 * Decides the state of the ledger on `asOf`: invoices issued after it are left out, those
 * settled on or before it are paid, the others are open. Every date is then moved by
 * `shiftDays`. Customers are kept only when they have an invoice in the plan.
 */
export function planLedger(rows: LedgerRow[], asOf: PlainDate, shiftDays: number): LedgerPlan {
  const shift = (date: PlainDate) => (shiftDays === 0 ? date : addDays(date, shiftDays));
  const customers = new Map<string, PlannedCustomer>();
  const invoices: PlannedInvoice[] = [];
  let leftOut = 0;

  for (const row of rows) {
    if (row.invoiceDate > asOf) {
      leftOut++;
      continue;
    }

    const paid = row.settledDate <= asOf;
    const issueDate = shift(row.invoiceDate);
    invoices.push({
      number: row.invoiceNumber,
      customerExternalId: row.customerId,
      status: paid ? 'paid' : 'open',
      total: row.amount,
      issueDate,
      dueDate: shift(row.dueDate),
      settledDate: paid ? shift(row.settledDate) : undefined,
      disputed: row.disputed,
      paperlessBill: row.paperlessBill,
    });

    const customer = customers.get(row.customerId);
    if (customer === undefined) {
      customers.set(row.customerId, {
        externalId: row.customerId,
        countryCode: row.countryCode,
        paperlessDate: shift(row.paperlessDate),
        since: issueDate,
      });
    } else if (issueDate < customer.since) {
      customer.since = issueDate;
    }
  }

  return { customers: [...customers.values()], invoices, leftOut };
}
