import type { PlainDate } from '@duly/core';

/**
 * Converts calendar dates to the instant of noon on that date in one IANA time zone, so
 * that a timestamp made from a plain date falls on the same date for the vendor. Noon is
 * never skipped or repeated by daylight-saving changes, which happen at night.
 */
export class NoonInTimeZone {
  readonly #format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Returns the instant of 12:00 on `date` in the time zone. */
  at(date: PlainDate): Date {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const noonUtc = Date.UTC(year, month - 1, day, 12);
    // A first guess uses the zone's offset at noon UTC; the offset at that guess is the
    // one in force at local noon, because offsets change only at night.
    const guess = noonUtc - this.#offsetAt(noonUtc);
    return new Date(noonUtc - this.#offsetAt(guess));
  }

  /** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
  #offsetAt(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.#format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wallClock = Date.UTC(
      parts.year as number,
      (parts.month as number) - 1,
      parts.day as number,
      parts.hour as number,
      parts.minute as number,
      parts.second as number,
    );
    return wallClock - Math.floor(instant / 1000) * 1000;
  }
}
