import { ApiError } from './api-error.js';

/** At most `limit` requests per `windowMs` milliseconds for each key. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Counts requests per key in fixed windows; one instance per app, kept in memory. */
export class FixedWindowLimiter {
  readonly #rule: RateLimit;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(rule: RateLimit) {
    if (!(rule.limit >= 1 && rule.windowMs >= 1)) {
      throw new RangeError(
        `A rate limit needs limit >= 1 and windowMs >= 1; got limit ${rule.limit}, windowMs ${rule.windowMs}.`,
      );
    }
    this.#rule = rule;
  }

  /**
   * Counts one request for `key` at `nowMs`. Returns 0 when it is allowed, else the
   * seconds until the key's window ends.
   */
  hit(key: string, nowMs: number): number {
    const windowStart = nowMs - (nowMs % this.#rule.windowMs);
    const window = this.#windows.get(key);
    if (window === undefined || window.start !== windowStart) {
      this.#forgetOldWindows(windowStart);
      this.#windows.set(key, { start: windowStart, count: 1 });
      return 0;
    }
    window.count += 1;
    if (window.count <= this.#rule.limit) return 0;
    return Math.max(1, Math.ceil((windowStart + this.#rule.windowMs - nowMs) / 1000));
  }

  // Keeps memory bounded by the keys of the current window.
  #forgetOldWindows(currentStart: number): void {
    if (this.#windows.size < 10_000) return;
    for (const [key, window] of this.#windows) {
      if (window.start !== currentStart) this.#windows.delete(key);
    }
  }
}

/** Throws `429 rate_limited` with `Retry-After` when any of `checks` is over its limit. */
export function enforceRateLimits(
  checks: Array<{ limiter: FixedWindowLimiter; key: string }>,
  nowMs: number,
): void {
  let retryAfter = 0;
  for (const { limiter, key } of checks) retryAfter = Math.max(retryAfter, limiter.hit(key, nowMs));
  if (retryAfter > 0) {
    throw new ApiError(
      'rate_limited',
      `Too many payment requests; retry after ${retryAfter} seconds.`,
      { headers: { 'Retry-After': String(retryAfter) } },
    );
  }
}
