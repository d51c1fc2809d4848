import { z } from 'zod';
import { idSchema, TimestampSchema } from './common.js';

export const PaymentMethodSchema = z.object({
  object: z.literal('payment_method'),
  id: idSchema('pm'),
  type: z.enum(['card', 'us_bank_account']),
  brand: z.string().nullable(),
  last4: z.string(),
  exp_month: z.number().int().nullable(),
  exp_year: z.number().int().nullable(),
  /** The bank's name, for a bank account. */
  bank_name: z.string().nullable(),
  /** The customer's default method: the one the widget preselects. */
  is_default: z.boolean(),
  /** The reason the method can no longer be charged, such as `R02` (account closed); else null. */
  disabled_reason: z.string().nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/**
 * Card details sent to the sandbox provider only, to stand in for Stripe.js turning card
 * details into a PaymentMethod. The number is checked against the test cards and dropped.
 */
export const SandboxCardSchema = z.strictObject({
  number: z.string().max(40),
  exp_month: z.number().int().min(1).max(12),
  exp_year: z.number().int().min(2000).max(2200),
  cvc: z.string().regex(/^\d{3,4}$/, 'The CVC is 3 or 4 digits.'),
});
export type SandboxCard = z.infer<typeof SandboxCardSchema>;

/**
 * A US bank account sent to the sandbox only, standing in for Plaid Link. Stripe's test
 * routing number 110000000 with its test account numbers decides what a debit does.
 */
export const SandboxBankAccountSchema = z.strictObject({
  routing_number: z.string().regex(/^\d{9}$/, 'The routing number is 9 digits.'),
  account_number: z.string().regex(/^\d{4,17}$/, 'The account number is 4 to 17 digits.'),
  account_holder_type: z.enum(['individual', 'company']),
});
export type SandboxBankAccount = z.infer<typeof SandboxBankAccountSchema>;

/** Either a test card or a test bank account; `save` keeps it in the saved methods. */
export const CreateSandboxPaymentMethodRequestSchema = z.union([
  z.strictObject({ card: SandboxCardSchema, save: z.boolean().optional() }),
  z.strictObject({ us_bank_account: SandboxBankAccountSchema, save: z.boolean().optional() }),
]);
export type CreateSandboxPaymentMethodRequest = z.infer<
  typeof CreateSandboxPaymentMethodRequestSchema
>;

/**
 * `POST /v1/portal/payment_methods/stripe`: a PaymentMethod that Stripe.js made from the
 * Payment Element, or a SetupIntent it confirmed (saving a card for later).
 */
export const CreateStripePaymentMethodRequestSchema = z.union([
  z.strictObject({ payment_method: z.string().regex(/^pm_\w+$/), save: z.boolean().optional() }),
  z.strictObject({ setup_intent: z.string().regex(/^seti_\w+$/) }),
]);
export type CreateStripePaymentMethodRequest = z.infer<
  typeof CreateStripePaymentMethodRequestSchema
>;

/** `POST /v1/portal/payment_methods/plaid`: what Plaid Link's `onSuccess` hands over. */
export const CreatePlaidPaymentMethodRequestSchema = z.strictObject({
  public_token: z.string().min(1).max(200),
  account_id: z.string().min(1).max(200),
  save: z.boolean().optional(),
});
export type CreatePlaidPaymentMethodRequest = z.infer<typeof CreatePlaidPaymentMethodRequestSchema>;

/**
 * `GET /v1/portal/payment_setup`: what the widget needs to take a card or a bank account
 * with the vendor's provider, and the authorization texts the customer accepts. Fetched when
 * the customer starts to pay, never on first paint.
 */
export const PaymentSetupSchema = z.object({
  object: z.literal('payment_setup'),
  /** The card provider: `sandbox` (test card form) or `stripe` (Payment Element). */
  card: z.object({
    provider: z.string(),
    /** Provider settings for its browser library, such as Stripe's `publishable_key`. */
    options: z.record(z.string(), z.string()),
  }),
  /** The bank-linking provider: `sandbox` (test bank form) or `plaid` (Plaid Link); null when not offered. */
  bank: z
    .object({
      provider: z.string(),
      options: z.record(z.string(), z.string()),
    })
    .nullable(),
  /** Authorization texts, already filled in with the vendor's name. */
  mandate_text: z.object({
    /** For one debit of a bank account. */
    one_off: z.string(),
    /** For autopay on a bank account or a card. */
    autopay: z.string(),
  }),
  /** The vendor's reasons for paying an invoice partly, for the short-pay choice. */
  short_pay_reasons: z.array(z.string()),
  /**
   * The provider's smallest charge per currency in minor units, such as `{"USD": 50}`;
   * a payment below it is refused with `amount_below_minimum`.
   */
  minimum_charge: z.record(z.string(), z.number().int()),
});
export type PaymentSetup = z.infer<typeof PaymentSetupSchema>;

/** `POST /v1/portal/setup_intents` (Stripe): the client secret the Payment Element confirms. */
export const SetupIntentSchema = z.object({
  object: z.literal('setup_intent'),
  client_secret: z.string(),
});
export type SetupIntent = z.infer<typeof SetupIntentSchema>;

/** `POST /v1/portal/plaid/link_token`: the token Plaid Link opens with. */
export const PlaidLinkTokenSchema = z.object({
  object: z.literal('plaid_link_token'),
  link_token: z.string(),
  expiration: TimestampSchema,
});
export type PlaidLinkToken = z.infer<typeof PlaidLinkTokenSchema>;
