/**
 * Stripe's smallest charge per currency, in ISO 4217 minor units, from "Minimum and maximum
 * charge amounts" at https://docs.stripe.com/currencies (the table of 2025). Stripe refuses
 * a charge below it with `amount_too_small`. Stripe takes a smaller amount in a currency
 * that is not listed, as long as it converts to at least its minimum in the account's
 * settlement currency; Duly cannot know that rate, so it checks listed currencies only.
 */
export const STRIPE_MINIMUM_CHARGES: Readonly<Record<string, number>> = Object.freeze({
  USD: 50,
  AED: 200,
  AUD: 50,
  BGN: 100,
  BRL: 50,
  CAD: 50,
  CHF: 50,
  CZK: 1_500,
  DKK: 250,
  EUR: 50,
  GBP: 30,
  HKD: 400,
  HUF: 17_500,
  INR: 50,
  JPY: 50,
  MXN: 1_000,
  MYR: 200,
  NOK: 300,
  NZD: 50,
  PLN: 200,
  RON: 200,
  SEK: 300,
  SGD: 50,
  THB: 1_000,
});
