import { z } from 'zod';
import { idSchema, MetadataSchema, TimestampSchema } from './common.js';

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
