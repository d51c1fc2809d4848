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

/** The invoice recipient and address, which the customer keeps in the portal. */
export const BillingDetailsSchema = z.object({
  object: z.literal('billing_details'),
  contact_name: z.string().nullable(),
  /** The address invoices are emailed to; the customer's email when null. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: AddressSchema.nullable(),
});
export type BillingDetails = z.infer<typeof BillingDetailsSchema>;

// Region codes that CLDR names but that are not countries, such as ZZ (unknown region)
// and EU.
const NOT_COUNTRIES = new Set(['ZZ', 'QO', 'EU', 'EZ', 'UN']);
let regionNames: Intl.DisplayNames | undefined;

/** Checks that `code` is an uppercase ISO 3166-1 alpha-2 country code, such as `US`. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  return regionNames.of(code) !== undefined;
}

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
        .refine(isCountryCode, 'is not an ISO 3166 country code; use one such as US.'),
    })
    .nullable()
    .optional(),
});
export type UpdateBillingDetailsRequest = z.infer<typeof UpdateBillingDetailsRequestSchema>;
