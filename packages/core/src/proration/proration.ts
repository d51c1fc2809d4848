/** The price of a subscription per period: an amount per unit, in minor units, times a quantity. */
export interface PriceLine {
  unitAmount: number;
  quantity: number;
}

export interface ProrationRequest {
  /** Start and end of the current period; the end is exclusive. */
  periodStart: Date;
  periodEnd: Date;
  /** The instant the change takes effect, within the period. */
  changeAt: Date;
  /** The subscription's price before and after the change. */
  from: PriceLine;
  to: PriceLine;
}

/**
 * The two lines of a mid-period change: the credit for the unused part of the old price
 * and the charge for the rest of the period at the new one, each in minor units.
 */
export interface Proration {
  /** Seconds left in the period when the change takes effect, and the period's length. */
  secondsLeft: number;
  periodSeconds: number;
  credit: number;
  charge: number;
  /** `charge - credit`: what the customer owes now, or is owed when negative. */
  net: number;
}

/**
 * Prorates a change of price or quantity by the second over the period. Each line is the
 * line's full amount times the seconds left over the period's seconds, rounded half up, in
 * integer arithmetic, so that a preview and the invoice made with the same `changeAt` agree
 * to the minor unit. Throws a `RangeError` for a period that ends before it starts, a change
 * outside the period, or amounts that are not whole non-negative numbers.
 */
export function prorate(request: ProrationRequest): Proration {
  const start = wholeSeconds(request.periodStart, 'periodStart');
  const end = wholeSeconds(request.periodEnd, 'periodEnd');
  const at = wholeSeconds(request.changeAt, 'changeAt');
  if (end <= start) {
    throw new RangeError(
      `The period ends (${request.periodEnd.toISOString()}) before it starts (${request.periodStart.toISOString()}).`,
    );
  }
  if (at < start || at > end) {
    throw new RangeError(
      `The change at ${request.changeAt.toISOString()} is outside the period ${request.periodStart.toISOString()} to ${request.periodEnd.toISOString()}.`,
    );
  }

  const periodSeconds = end - start;
  const secondsLeft = end - at;
  const credit = shareOf(lineTotal(request.from, 'from'), secondsLeft, periodSeconds);
  const charge = shareOf(lineTotal(request.to, 'to'), secondsLeft, periodSeconds);
  return {
    secondsLeft: Number(secondsLeft),
    periodSeconds: Number(periodSeconds),
    credit,
    charge,
    net: charge - credit,
  };
}

function wholeSeconds(instant: Date, name: string): bigint {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date.`);
  return BigInt(Math.floor(ms / 1000));
}

function lineTotal(line: PriceLine, name: string): bigint {
  for (const [field, value] of [
    ['unitAmount', line.unitAmount],
    ['quantity', line.quantity],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${name}.${field} must be a whole number of at least 0; got ${value}.`);
    }
  }
  return BigInt(line.unitAmount) * BigInt(line.quantity);
}

/** Returns `amount * part / whole` rounded half up, for non-negative integers. */
function shareOf(amount: bigint, part: bigint, whole: bigint): number {
  return Number((2n * amount * part + whole) / (2n * whole));
}
