import { currencyExponent, formatDecimalAmount } from '@duly/core/money';
import type { Messages } from '../i18n/index.js';
import { parseAmountInput } from '../pay/card-fields.js';
import { decimalSeparator } from './format.js';

/** A typed amount read into minor units, or the message that explains what is wrong with it. */
export type AmountReading = { amount: number; error?: undefined } | { error: string };

/**
 * Reads an amount the customer typed in `currency`, in the notation of `locale`. The
 * error messages give an example in the same notation, and refuse zero and more decimals
 * than the currency has.
 */
export function readAmount(
  text: string,
  currency: string,
  locale: string,
  messages: Messages,
): AmountReading {
  const amount = parseAmountInput(text, currency, decimalSeparator(locale));
  if (amount === 'amountTooManyDecimals') {
    return { error: messages.amountTooManyDecimals(currency, currencyExponent(currency)) };
  }
  if (amount === 'amountInvalid') {
    const example = formatDecimalAmount(1250, currency);
    return { error: messages.amountInvalid(example.replace('.', decimalSeparator(locale))) };
  }
  if (amount === 0) return { error: messages.amountZero };
  return { amount };
}
