import { type CurrencyCode, currencyExponent } from './currency.js';

/**
 * The largest amount Duly accepts, in minor units. 10^15 keeps every amount and every sum
 * of a few thousand amounts below `Number.MAX_SAFE_INTEGER`, so plain JSON numbers stay
 * exact in JavaScript.
 */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** Whether `value` is a whole number of minor units between 0 and `MAX_AMOUNT`. */
export function isAmount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_AMOUNT;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string such as `"50.39"` into minor units of `currency` (5039 for USD)
 * without floating point. Returns `undefined` when the text is not a plain decimal number
 * or has more decimals than the currency allows (`"7.5"` is fine for USD, `"1.5"` is not
 * for JPY).
 */
export function parseDecimalAmount(text: string, currency: CurrencyCode): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) return undefined;

  const digits = `${whole}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return undefined;
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) return undefined;
  return sign ? -magnitude : magnitude;
}

/**
 * Writes minor units as a plain decimal string with the currency's exact number of
 * decimals: `formatDecimalAmount(5039, 'USD')` is `"50.39"`, `(1000, 'JPY')` is `"1000"`.
 * Used for CSV and machine-readable text; use `formatMoney` for people.
 */
export function formatDecimalAmount(amount: number, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Formats minor units for a person, in `locale`, with the currency's own number of
 * decimals from the ISO 4217 table passed to `Intl.NumberFormat` explicitly.
 */
export function formatMoney(amount: number, currency: CurrencyCode, locale: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // A decimal string, not `amount / 10 ** exponent`, so that no binary fraction is ever
  // rounded: Intl.NumberFormat formats numeric strings exactly.
  return format.format(formatDecimalAmount(amount, currency) as Intl.StringNumericLiteral);
}
