import { z } from 'zod';
import { BillingDetailsSchema, UpdateBillingDetailsRequestSchema } from './billing-details.js';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  MetadataSchema,
  TimestampSchema,
} from './common.js';

export const CustomerSchema = z.object({
  object: z.literal('customer'),
  id: idSchema('cus'),
  /** The vendor's own customer number. */
  external_id: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  /** The customer's preferred locale, a BCP 47 tag such as `es-MX`. */
  locale: z.string().nullable(),
  metadata: MetadataSchema,
  /** The maximum the customer may owe in one currency; null when there is no limit. */
  credit_limit: z.object({ amount: AmountSchema, currency: CurrencySchema }).nullable(),
  billing_details: BillingDetailsSchema,
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CreateCustomerRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  external_id: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(320).optional(),
  locale: z.string().min(2).max(35).optional(),
  metadata: MetadataSchema.optional(),
});
export type CreateCustomerRequest = z.infer<typeof CreateCustomerRequestSchema>;

/**
 * Vendor API `PATCH /v1/customers/:id`: fields left out stay as they are; a `credit_limit`
 * of null removes the limit. `billing_details` replaces the fields it sends (null or an
 * empty text clears one) and keeps the others.
 */
export const UpdateCustomerRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).nullable().optional(),
  locale: z.string().min(2).max(35).nullable().optional(),
  credit_limit: z
    .strictObject({ amount: z.number().int().min(0), currency: CurrencySchema })
    .nullable()
    .optional(),
  billing_details: UpdateBillingDetailsRequestSchema.optional(),
});
export type UpdateCustomerRequest = z.infer<typeof UpdateCustomerRequestSchema>;
