import { describe, expect, it } from 'vitest';
import { fromStripeAmount, toStripeAmount } from './stripe-amount.js';

describe('toStripeAmount', () => {
  it.each([
    [1_050, 'USD', 1_050],
    [500, 'JPY', 500],
    [500, 'UGX', 500],
    [1_234, 'HUF', 1_234],
    [150, 'ISK', 15_000],
    [2_500, 'MGA', 25],
    [18_600, 'KWD', 18_600],
  ])('sends %i %s as %i', (amount, currency, expected) => {
    expect(toStripeAmount(amount, currency)).toBe(expected);
  });

  it('rejects a three-decimal amount not ending in 0', () => {
    expect(() => toStripeAmount(1_005, 'KWD')).toThrow(
      expect.objectContaining({ code: 'amount_not_supported', status: 400, param: 'invoices' }),
    );
  });

  it('rejects fractions of an ariary', () => {
    expect(() => toStripeAmount(2_550, 'MGA')).toThrow(/multiple of 100/);
  });

  it.each(['CLF', 'IQD', 'USN'])('rejects %s, which Stripe does not take', (currency) => {
    expect(() => toStripeAmount(1_000, currency)).toThrow(/does not take payments in/);
  });
});

describe('fromStripeAmount', () => {
  it.each([
    [1_050, 'usd', 1_050],
    [15_000, 'isk', 150],
    [25, 'mga', 2_500],
    [18_600, 'kwd', 18_600],
  ])('reads %i %s as %i', (stripeAmount, currency, expected) => {
    expect(fromStripeAmount(stripeAmount, currency)).toBe(expected);
  });
});
