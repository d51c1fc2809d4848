import { formatMoney } from '@duly/core/money';

export { formatMoney };

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a calendar date `YYYY-MM-DD` in `locale` ("3 Dec 2025", "3 dic 2025"). The date
 * is built at UTC midnight and formatted in UTC, so no time zone can move it to another day.
 */
export function formatPlainDate(date: string, locale: string): string {
  const match = PLAIN_DATE.exec(date);
  if (!match) return date;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Formats an ISO 8601 instant as a date in the customer's own time zone. */
export function formatInstantDate(instant: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** The decimal separator of `locale`: `.` in English, `,` in Spanish. */
export function decimalSeparator(locale: string): string {
  const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
  return parts.find((part) => part.type === 'decimal')?.value ?? '.';
}

/** Card brand as people write it: `visa` becomes `Visa`. */
export function brandName(brand: string): string {
  const names: Record<string, string> = {
    visa: 'Visa',
    mastercard: 'Mastercard',
    amex: 'American Express',
    discover: 'Discover',
  };
  return names[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}
