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
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/**
 * Card details sent to the sandbox provider only, to stand in for Stripe.js turning card
 * details into a PaymentMethod. The number is checked against the test cards and dropped.
 */
export const CreateSandboxPaymentMethodRequestSchema = z.strictObject({
  card: z.strictObject({
    number: z.string().max(40),
    exp_month: z.number().int().min(1).max(12),
    exp_year: z.number().int().min(2000).max(2200),
    cvc: z.string().regex(/^\d{3,4}$/, 'The CVC is 3 or 4 digits.'),
  }),
});
export type CreateSandboxPaymentMethodRequest = z.infer<
  typeof CreateSandboxPaymentMethodRequestSchema
>;
