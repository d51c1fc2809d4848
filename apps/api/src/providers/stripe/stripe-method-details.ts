import { isProblemCode, PROBLEM_CODES, type ProblemCode } from '@duly/core';
import Stripe from 'stripe';
import { ApiError } from '../../http/api-error.js';
import type { ProviderPaymentMethod } from '../payment-provider.js';

/**
 * Converts a Stripe PaymentMethod to what Duly stores: brand, last four and expiry of a
 * card, or bank name and last four of a US bank account. `providerData.customer` keeps the
 * Stripe customer it is attached to. Other kinds of method are rejected.
 */
export function methodDetails(
  method: Stripe.PaymentMethod,
  stripeCustomer: string,
  param: string,
): ProviderPaymentMethod {
  if (method.type === 'card' && method.card !== undefined && method.card !== null) {
    return {
      type: 'card',
      brand: method.card.brand,
      last4: method.card.last4,
      expMonth: method.card.exp_month,
      expYear: method.card.exp_year,
      providerRef: method.id,
      providerData: { customer: stripeCustomer },
    };
  }
  const bank = method.us_bank_account;
  if (method.type === 'us_bank_account' && bank !== undefined && bank !== null) {
    return {
      type: 'us_bank_account',
      brand: null,
      last4: bank.last4 ?? '',
      expMonth: null,
      expYear: null,
      bankName: bank.bank_name,
      accountHolderType: holderType(bank.account_holder_type),
      providerRef: method.id,
      providerData: { customer: stripeCustomer },
    };
  }
  throw new ApiError(
    'invalid_parameter',
    `Payment method ${method.id} is a ${method.type}; Duly takes cards and US bank accounts through Stripe.`,
    { param },
  );
}

/** Converts a customer's legacy bank account (`ba_`, from a Plaid token) to what Duly stores. */
export function bankAccountDetails(
  account: Stripe.BankAccount,
  stripeCustomer: string,
): ProviderPaymentMethod {
  return {
    type: 'us_bank_account',
    brand: null,
    last4: account.last4,
    expMonth: null,
    expYear: null,
    bankName: account.bank_name,
    accountHolderType: holderType(account.account_holder_type),
    providerRef: account.id,
    providerData: { customer: stripeCustomer },
  };
}

function holderType(value: string | null): 'individual' | 'company' | null {
  return value === 'individual' || value === 'company' ? value : null;
}

/**
 * Turns Stripe's card error on saving a card (Stripe checks a card when it is attached)
 * into a `402` problem with the decline code. Other errors are returned unchanged.
 */
export function cardErrorOnSave(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeCardError)) return error;
  const declineCode =
    error.decline_code !== undefined && error.decline_code !== 'generic_decline'
      ? error.decline_code
      : (error.code ?? 'card_declined');
  const code: ProblemCode =
    isProblemCode(declineCode) && PROBLEM_CODES[declineCode].status === 402
      ? declineCode
      : 'card_declined';
  return new ApiError(code, `${error.message} Use another card.`, { declineCode });
}
