import { daysBetween, type PlainDate } from '../dates/index.js';
import { AGING_BUCKETS, type AgingBucket } from '../schemas/statement.js';

/** Open amounts per aging bucket, in minor units of one currency. */
export type AgingTotals = Record<AgingBucket, number>;

/**
 * Counts the days from `dueDate` to `asOf`: positive when the invoice was past due on `asOf`,
 * 0 on the due date itself, negative before it.
 */
export function daysPastDue(dueDate: PlainDate, asOf: PlainDate): number {
  return daysBetween(dueDate, asOf);
}

/**
 * Returns the aging bucket of an invoice `daysPastDue` days past due: `current` for 0 or
 * less (due that day or later), then `1_30`, `31_60`, `61_90` and `over_90`.
 */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (!Number.isInteger(daysPastDue)) {
    throw new RangeError(`Days past due must be a whole number; received ${daysPastDue}.`);
  }
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1_30';
  if (daysPastDue <= 60) return '31_60';
  if (daysPastDue <= 90) return '61_90';
  return 'over_90';
}

/** Returns totals of 0 in every bucket, in the order of `AGING_BUCKETS`. */
export function emptyAgingTotals(): AgingTotals {
  return Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, 0])) as AgingTotals;
}

/**
 * Sums open amounts by aging bucket as of `asOf`. Every bucket is present, 0 when no item
 * falls in it. The items must be of one currency. The function cannot check that, and
 * amounts of two currencies never add up.
 */
export function ageOpenItems(
  items: Iterable<{ dueDate: PlainDate; amountOpen: number }>,
  asOf: PlainDate,
): AgingTotals {
  const totals = emptyAgingTotals();
  for (const item of items) {
    totals[agingBucket(daysPastDue(item.dueDate, asOf))] += item.amountOpen;
  }
  return totals;
}
