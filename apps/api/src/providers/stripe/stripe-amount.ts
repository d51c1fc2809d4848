import { currencyExponent } from '@duly/core';
import { ApiError } from '../../http/api-error.js';

/**
 * Stripe's zero-decimal currencies (https://docs.stripe.com/currencies#zero-decimal).
 * MGA has two decimals in ISO 4217 but none at Stripe, so its amounts are divided by 100.
 */
const STRIPE_ZERO_DECIMAL = new Set(
  'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' '),
);

/**
 * Stripe's three-decimal currencies. Stripe takes only amounts whose last digit is 0
 * there, so that card acquirers can process them (https://docs.stripe.com/currencies).
 */
const STRIPE_THREE_DECIMAL = new Set('BHD JOD KWD OMR TND'.split(' '));

/**
 * ISO 4217 codes Stripe does not charge in: fund codes and units of account, and the
 * three- and four-decimal currencies outside Stripe's three-decimal list.
 */
const NOT_AT_STRIPE = new Set('BOV CHE CHW CLF COU IQD LYD MXV USN UYI UYW'.split(' '));

/**
 * Returns the number of decimals Stripe's API uses for a currency, which differs from
 * ISO 4217 for a few: ISK is two-decimal at Stripe (amounts in multiples of 100, as card
 * networks take whole krónur only), MGA zero-decimal. Undefined when Stripe has no such
 * currency.
 */
export function stripeExponent(currency: string): number | undefined {
  if (NOT_AT_STRIPE.has(currency)) return undefined;
  if (STRIPE_ZERO_DECIMAL.has(currency)) return 0;
  if (STRIPE_THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/**
 * Converts an amount in the currency's ISO minor units to the `amount` Stripe expects.
 * Throws `amount_not_supported` for a currency Stripe does not take, and for an amount Stripe
 * cannot represent exactly (fractions of an ariary, a three-decimal amount not ending in 0).
 */
export function toStripeAmount(amount: number, currency: string): number {
  const exponent = stripeExponent(currency);
  if (exponent === undefined) {
    throw new ApiError(
      'amount_not_supported',
      `Stripe does not take payments in ${currency}; ask the vendor to bill in another currency or to use another payment provider.`,
      { param: 'invoices' },
    );
  }

  const shift = exponent - currencyExponent(currency);
  if (shift >= 0) {
    const stripeAmount = amount * 10 ** shift;
    checkLastDigit(stripeAmount, currency);
    return stripeAmount;
  }

  const divisor = 10 ** -shift;
  if (amount % divisor !== 0) {
    throw new ApiError(
      'amount_not_supported',
      `Stripe takes ${currency} amounts in whole units only; pay an amount that is a multiple of ${divisor} minor units.`,
      { param: 'invoices' },
    );
  }
  const stripeAmount = amount / divisor;
  checkLastDigit(stripeAmount, currency);
  return stripeAmount;
}

function checkLastDigit(stripeAmount: number, currency: string): void {
  if (STRIPE_THREE_DECIMAL.has(currency) && stripeAmount % 10 !== 0) {
    throw new ApiError(
      'amount_not_supported',
      `Stripe takes ${currency} amounts only in multiples of 10 (the last of the three decimals must be 0); pay an amount that ends in 0.`,
      { param: 'invoices' },
    );
  }
}

/** Converts an amount Stripe reports (a refund, a dispute) back to ISO minor units. */
export function fromStripeAmount(stripeAmount: number, stripeCurrency: string): number {
  const currency = stripeCurrency.toUpperCase();
  const isoExponent = currencyExponent(currency);
  const shift = isoExponent - (stripeExponent(currency) ?? isoExponent);
  if (shift >= 0) return stripeAmount * 10 ** shift;

  const divisor = 10 ** -shift;
  if (stripeAmount % divisor !== 0) {
    throw new Error(
      `Stripe reported ${stripeAmount} ${stripeCurrency}, which is not a whole number of ${currency} minor units.`,
    );
  }
  return stripeAmount / divisor;
}
