import type { PlanRow } from '../plans/plan-repository.js';

/** Months in one billing interval. */
const INTERVAL_MONTHS: Record<PlanRow['interval'], number> = { month: 1, year: 12 };

/**
 * Returns the instant `count` intervals after `anchor`, by the UTC calendar: the same day
 * of the month and time of day, or the month's last day when it has no such day. Counting
 * from the anchor each time, not from the previous end, keeps Jan 31 -> Feb 28 -> Mar 31.
 */
export function addIntervals(anchor: Date, interval: PlanRow['interval'], count: number): Date {
  const months = anchor.getUTCMonth() + INTERVAL_MONTHS[interval] * count;
  const year = anchor.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(anchor.getUTCDate(), lastDay),
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

/** A billing period, `[start, end)`, and how many intervals its end lies after the anchor. */
export interface BillingPeriod {
  start: Date;
  end: Date;
  periodsFromAnchor: number;
}

/** Returns the first period of a subscription whose periods count from `anchor`. */
export function firstPeriod(anchor: Date, interval: PlanRow['interval']): BillingPeriod {
  return { start: anchor, end: addIntervals(anchor, interval, 1), periodsFromAnchor: 1 };
}

/** Returns the period after the one that ends `periodsFromAnchor` intervals after `anchor`. */
export function nextPeriod(
  anchor: Date,
  interval: PlanRow['interval'],
  periodsFromAnchor: number,
): BillingPeriod {
  return {
    start: addIntervals(anchor, interval, periodsFromAnchor),
    end: addIntervals(anchor, interval, periodsFromAnchor + 1),
    periodsFromAnchor: periodsFromAnchor + 1,
  };
}
