import type { CreatePaymentRequest, PaymentPreview, PaymentSetup } from '@duly/sdk';
import type { PaymentFigures } from './payment-split.js';

/**
 * The way `<duly-pay>` pays. `invoices` pays the invoices it was given, with an amount for
 * each. `all` pays every open invoice of a currency that is neither disputed nor waiting
 * on a payment notice. `amount` applies an amount the customer types, oldest invoice first.
 */
export type PayMode = 'invoices' | 'all' | 'amount';

/** The target of a payment or credit application request: the invoices, amount or pay-all. */
export type PaymentTarget = Pick<
  CreatePaymentRequest,
  'invoices' | 'amount' | 'currency' | 'pay_all'
>;

/**
 * Computes the figures of chosen invoices whose amounts sum to `total`. The API uses credit
 * up to the total, so they need no preview once the credit available is known.
 */
export function figuresOfInvoices(
  total: number,
  creditAvailable: number,
  useCredit: boolean,
): PaymentFigures {
  const creditApplied = useCredit ? Math.min(creditAvailable, total) : 0;
  return { total, creditApplied, toCharge: total - creditApplied };
}

/** Reads the figures of a balance payment from its preview. */
export function figuresOfPreview(preview: PaymentPreview): PaymentFigures {
  const applied = preview.applications.reduce((sum, line) => sum + line.amount, 0);
  return {
    total: applied + preview.amount_to_credit,
    creditApplied: preview.credit_applied,
    toCharge: preview.amount_to_charge,
  };
}

/**
 * Returns the provider's smallest charge in `currency`, in minor units. A currency that
 * the setup does not list has a minimum of one minor unit, as in the API.
 */
export function minimumCharge(setup: PaymentSetup | undefined, currency: string): number {
  return setup?.minimum_charge[currency] ?? 1;
}
