import { formatMoney } from '@duly/core';
import { ApiError } from '../http/api-error.js';
import type { PaymentProvider } from '../providers/index.js';

/** Returns the provider's smallest charge in `currency`, in minor units: 1 when it sets none. */
export function minimumCharge(
  provider: Pick<PaymentProvider, 'minimumCharges'> | undefined,
  currency: string,
): number {
  return provider?.minimumCharges?.[currency] ?? 1;
}

/**
 * Throws `amount_below_minimum` when `amount` is below the provider's smallest charge in
 * `currency`, with both amounts formatted in the currency. `param` names the request field
 * that set the amount.
 */
export function checkMinimumCharge(
  provider: Pick<PaymentProvider, 'minimumCharges'> | undefined,
  method: { type: string },
  charge: { amount: number; currency: string },
  param: string,
): void {
  const minimum = minimumCharge(provider, charge.currency);
  if (charge.amount >= minimum) return;

  const money = (amount: number) => formatMoney(amount, charge.currency, 'en-US');
  const kind = method.type === 'us_bank_account' ? 'bank debit' : 'card payment';
  throw new ApiError(
    'amount_below_minimum',
    `The smallest ${kind} in ${charge.currency} is ${money(minimum)}, and this one would charge ${money(charge.amount)}; pay at least ${money(minimum)}.`,
    { param },
  );
}
