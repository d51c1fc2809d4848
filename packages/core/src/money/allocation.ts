import type { PlainDate } from '../dates/index.js';

/** An open invoice with its due date and the amount that can still be paid on it. */
export interface AllocatableInvoice {
  id: string;
  number: string;
  due_date: PlainDate;
  /** The amount payable now, in minor units: `amount_due - amount_pending`. */
  payable: number;
}

/** The part of an allocated amount that goes on one invoice. */
export interface AllocatedAmount {
  invoice: string;
  amount: number;
}

/** An amount split over invoices, with what none of them could take. */
export interface Allocation {
  /** Oldest invoice first. Every amount is greater than zero. */
  applications: AllocatedAmount[];
  /** The part of the amount above the invoices' total payable. */
  excess: number;
}

// Numeric collation puts INV-9 before INV-10, as people read invoice numbers.
const invoiceNumberOrder = new Intl.Collator('en', { numeric: true });

/**
 * Orders invoices oldest first: by due date, then by invoice number with digits compared
 * as numbers, then by id so that the order is total.
 */
export function compareOldestFirst(
  a: Pick<AllocatableInvoice, 'id' | 'number' | 'due_date'>,
  b: Pick<AllocatableInvoice, 'id' | 'number' | 'due_date'>,
): number {
  if (a.due_date !== b.due_date) return a.due_date < b.due_date ? -1 : 1;
  const byNumber = invoiceNumberOrder.compare(a.number, b.number);
  if (byNumber !== 0) return byNumber;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Applies `amount` minor units to `invoices` oldest first (see `compareOldestFirst`): each
 * invoice takes all it can until the amount runs out, so only the last one is paid partly.
 * Invoices with nothing payable are skipped. What is left after every invoice is full is
 * returned as `excess`. Throws a `RangeError` for an amount or a payable that is not a
 * whole number of minor units of at least 0.
 */
export function allocateOldestFirst(
  invoices: readonly AllocatableInvoice[],
  amount: number,
): Allocation {
  checkMinorUnits(amount, 'amount');
  for (const invoice of invoices) checkMinorUnits(invoice.payable, `payable of ${invoice.id}`);

  const applications: AllocatedAmount[] = [];
  let left = amount;
  for (const invoice of [...invoices].sort(compareOldestFirst)) {
    if (left === 0) break;
    const take = Math.min(left, invoice.payable);
    if (take === 0) continue;
    applications.push({ invoice: invoice.id, amount: take });
    left -= take;
  }
  return { applications, excess: left };
}

function checkMinorUnits(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `Invalid ${name} ${value}: expected a whole number of minor units, 0 or more.`,
    );
  }
}
