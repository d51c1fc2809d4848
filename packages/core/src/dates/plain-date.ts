/**
 * Calendar dates without a time, as `YYYY-MM-DD` strings. They are never turned into a
 * `Date` at UTC midnight, which would shift them by a day in most time zones; arithmetic
 * goes through day numbers instead. Strings of this form also sort chronologically.
 */
export type PlainDate = string;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (no 2023-02-30). */
export function isPlainDate(text: string): boolean {
  const match = PLAIN_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a valid plain date. */
export function toDayNumber(date: PlainDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The plain date `dayNumber` days after 1970-01-01. */
export function fromDayNumber(dayNumber: number): PlainDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Returns `date` moved by `days` (negative to go back). */
export function addDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Returns the calendar date at `instant` in the IANA `timeZone`, such as the vendor's
 * "today" for deciding whether an invoice is overdue. Throws a `RangeError` for a zone
 * name the runtime does not know.
 */
export function plainDateIn(instant: Date, timeZone: string): PlainDate {
  const parts = dateFormatFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Maximum number of time zones whose formatter is kept; vendors use only a few zones. */
const MAX_CACHED_TIME_ZONES = 64;

// Building an Intl.DateTimeFormat costs far more than formatting with one, and the API
// computes a vendor's today on every invoice request, so one formatter per zone is kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatFor(timeZone: string): Intl.DateTimeFormat {
  const cached = dateFormats.get(timeZone);
  if (cached !== undefined) return cached;

  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  if (dateFormats.size >= MAX_CACHED_TIME_ZONES) {
    // A Map iterates in insertion order, so this drops the zone cached first.
    const oldest = dateFormats.keys().next().value;
    if (oldest !== undefined) dateFormats.delete(oldest);
  }
  dateFormats.set(timeZone, format);
  return format;
}

/** Whether `timeZone` is an IANA zone name that this runtime supports, such as `Europe/Madrid`. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
