import { currencyExponent, parseDecimalAmount } from '@duly/core/money';

/** Card details as the customer typed them. */
export interface CardFields {
  number: string;
  expiry: string;
  cvc: string;
}

/** A problem with one card field, named by its message key. */
export type CardFieldProblem =
  | 'cardNumberInvalid'
  | 'cardNumberChecksum'
  | 'expiryInvalid'
  | 'expiryPast'
  | 'cvcInvalid';

/** Groups the digits of a card number by four, keeping at most 19 digits. */
export function formatCardNumber(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 19);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Writes up to four digits as `MM / YY` while the customer types. */
export function formatExpiry(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2)}` : digits;
}

/** Reads `MM / YY` (or `MMYY`, `MM/YY`) as month and four-digit year. */
export function parseExpiry(text: string): { month: number; year: number } | undefined {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(text);
  if (!match) return undefined;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return undefined;
  return { month, year: 2000 + Number(match[2]) };
}

/** Checks the Luhn checksum that every card number passes. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Checks the typed card before anything is sent. A card is valid through the last day of
 * its expiry month, in the customer's own calendar (`today`).
 */
export function checkCard(
  fields: CardFields,
  today: Date,
): Partial<Record<keyof CardFields, CardFieldProblem>> {
  const problems: Partial<Record<keyof CardFields, CardFieldProblem>> = {};

  const digits = fields.number.replace(/\s/g, '');
  if (!/^\d{13,19}$/.test(digits)) problems.number = 'cardNumberInvalid';
  else if (!passesLuhn(digits)) problems.number = 'cardNumberChecksum';

  const expiry = parseExpiry(fields.expiry);
  if (!expiry) {
    problems.expiry = 'expiryInvalid';
  } else {
    const currentMonth = today.getFullYear() * 12 + today.getMonth();
    if (expiry.year * 12 + (expiry.month - 1) < currentMonth) problems.expiry = 'expiryPast';
  }

  if (!/^\d{3,4}$/.test(fields.cvc.trim())) problems.cvc = 'cvcInvalid';
  return problems;
}

/** The problem with a typed amount that cannot be read, named by its message key. */
export type AmountInputProblem = 'amountInvalid' | 'amountTooManyDecimals';

/**
 * Reads an amount typed in the customer's notation into minor units: `1,234.50` and
 * `1.234,50` both give 123450 in a two-decimal currency. With both `.` and `,` present the
 * last one is the decimal separator. With one kind repeated (`1,000,000`) they group
 * digits. A single one is the decimal separator when it is the locale's own (`decimal`:
 * `.` in English, `,` in Spanish), so `12.345` in English has three decimals. A single
 * other one before exactly three digits groups (`1,000` in English), unless the currency
 * has three decimals (KWD `1,500`). Returns the problem for text that is not an amount or
 * has more decimals than the currency.
 */
export function parseAmountInput(
  text: string,
  currency: string,
  decimal: string,
): number | AmountInputProblem {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return 'amountInvalid';

  const separators = compact.match(/[.,]/g) ?? [];
  const lastSeparator = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  const fraction = compact.slice(lastSeparator + 1);
  const exponent = currencyExponent(currency);

  let isDecimal: boolean;
  if (separators.length === 0) {
    isDecimal = false;
  } else if (new Set(separators).size === 2) {
    isDecimal = true;
  } else if (separators.length > 1) {
    isDecimal = false;
  } else {
    isDecimal = separators[0] === decimal || fraction.length !== 3 || exponent === 3;
  }

  let plain = compact.replace(/[.,]/g, '');
  if (isDecimal) {
    if (fraction.length > exponent) return 'amountTooManyDecimals';
    plain = `${compact.slice(0, lastSeparator).replace(/[.,]/g, '')}.${fraction}`;
  }
  return parseDecimalAmount(plain, currency) ?? 'amountInvalid';
}
