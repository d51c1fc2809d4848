const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Waits after each failed attempt before the next, in milliseconds: eleven attempts over
 * about 70 hours. Most come early, so that a short outage costs little delay. The last
 * ones are spread out, so that a receiver down for a weekend still gets its events.
 */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  14 * HOUR,
  14 * HOUR,
  14 * HOUR,
];

/** Maximum wait for a receiver's response to one attempt, in milliseconds. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Returns when attempt `attempt + 1` is due after attempt `attempt` failed at `failedAt`,
 * or undefined when `attempt` was the last one the schedule allows.
 */
export function nextAttemptAfter(
  schedule: readonly number[],
  attempt: number,
  failedAt: Date,
): Date | undefined {
  const wait = schedule[attempt - 1];
  return wait === undefined ? undefined : new Date(failedAt.getTime() + wait);
}
