import { z } from 'zod';

export const AddressSchema = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postal_code: z.string().nullable(),
  /** ISO 3166-1 alpha-2, such as `US`. */
  country: z.string(),
});
export type Address = z.infer<typeof AddressSchema>;

/** Who receives the invoices and where: the customer keeps these in the portal. */
export const BillingDetailsSchema = z.object({
  object: z.literal('billing_details'),
  contact_name: z.string().nullable(),
  /** Where invoices are emailed; the customer's email when null. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: AddressSchema.nullable(),
});
export type BillingDetails = z.infer<typeof BillingDetailsSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * Portal `PUT /v1/portal/billing_details`: the whole set; a field left out or null is
 * cleared. Empty strings count as null.
 */
export const UpdateBillingDetailsRequestSchema = z.strictObject({
  contact_name: optionalText(200),
  // An emptied email field of a form arrives as "", which clears the email like null.
  email: z
    .union([z.email().max(320), z.literal('')])
    .nullable()
    .optional(),
  phone: optionalText(40),
  address: z
    .strictObject({
      line1: z.string().trim().min(1).max(200),
      line2: optionalText(200),
      city: z.string().trim().min(1).max(100),
      region: optionalText(100),
      postal_code: optionalText(20),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, 'is not a two-letter country code; use one such as US.'),
    })
    .nullable()
    .optional(),
});
export type UpdateBillingDetailsRequest = z.infer<typeof UpdateBillingDetailsRequestSchema>;
