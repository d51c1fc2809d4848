/** Maximum pause between two checks of a pending bank payment. */
const MAX_POLL_INTERVAL_MS = 60_000;

/**
 * Number of checks of a pending bank payment at the steady `poll-interval` before the
 * pauses start to double. Twenty checks take the first minute at the 3,000 ms default.
 */
const STEADY_POLL_CHECKS = 20;

/**
 * Returns the pause in ms before check number `check` (0 is the first) of a pending
 * payment: `interval` for the first `STEADY_POLL_CHECKS` checks, then doubling each time up
 * to `MAX_POLL_INTERVAL_MS`.
 */
export function pollPause(check: number, interval: number): number {
  const doublings = Math.max(0, check - STEADY_POLL_CHECKS + 1);
  return Math.min(interval * 2 ** doublings, MAX_POLL_INTERVAL_MS);
}
