import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PlainDateSchema,
  TimestampSchema,
} from './common.js';

/**
 * The features a portal session gives the customer. A feature left out is absent from the
 * widget and rejected by the API with `feature_disabled`. Viewing invoices, payments and
 * receipts is always on.
 */
export const PORTAL_FEATURES = [
  'pay',
  'autopay',
  'payment_methods',
  'subscriptions',
  'statements',
  'disputes',
  'credit_requests',
  'billing_details',
] as const;
export const PortalFeatureSchema = z.enum(PORTAL_FEATURES);
export type PortalFeature = z.infer<typeof PortalFeatureSchema>;

export const CreatePortalSessionRequestSchema = z.strictObject({
  customer: idSchema('cus'),
  /** BCP 47 locale for the widget, such as `es`; defaults to the customer's or `en`. */
  locale: z.string().min(2).max(35).optional(),
  /** Narrows CORS to this one origin of the vendor's allowed origins. */
  allowed_origin: z.url().optional(),
  /** Lifetime in seconds, from 60 to 86,400; one hour when left out. */
  expires_in: z.number().int().min(60).max(86_400).optional(),
  /** The features the customer gets; every one when left out. */
  features: z.array(PortalFeatureSchema).max(PORTAL_FEATURES.length).optional(),
});
export type CreatePortalSessionRequest = z.infer<typeof CreatePortalSessionRequestSchema>;

/** Returned once, on creation: the token is stored hashed and cannot be read back. */
export const CreatedPortalSessionSchema = z.object({
  object: z.literal('portal_session'),
  id: idSchema('ps'),
  customer: idSchema('cus'),
  token: z.string(),
  locale: z.string(),
  allowed_origin: z.string().nullable(),
  features: z.array(PortalFeatureSchema),
  expires_at: TimestampSchema,
  livemode: z.boolean(),
});
export type CreatedPortalSession = z.infer<typeof CreatedPortalSessionSchema>;

/** The open balance of one currency: never summed across currencies. */
export const BalanceSchema = z.object({
  currency: CurrencySchema,
  amount_due: AmountSchema,
  amount_pending: AmountSchema,
  open_count: z.number().int(),
  overdue_count: z.number().int(),
  overdue_amount: AmountSchema,
  /** Credit balance in this currency: credit notes and payments not applied yet. */
  credit: AmountSchema,
});
export type Balance = z.infer<typeof BalanceSchema>;

export const BrandingSchema = z.object({
  logo_url: z.string().nullable(),
  /** CSS colour for buttons and links, such as `#0a5fff`. */
  primary_color: z.string().nullable(),
});
export type Branding = z.infer<typeof BrandingSchema>;

/** Everything the widget needs for its first paint, in one response. */
export const PortalSessionSchema = z.object({
  object: z.literal('portal_session'),
  vendor: z.object({
    id: idSchema('ven'),
    name: z.string(),
    branding: BrandingSchema,
    time_zone: z.string(),
  }),
  customer: z.object({
    id: idSchema('cus'),
    name: z.string(),
    external_id: z.string().nullable(),
    email: z.string().nullable(),
  }),
  locale: z.string(),
  livemode: z.boolean(),
  /** The payment provider the widget's pay form talks to. */
  provider: z.enum(['sandbox']),
  expires_at: TimestampSchema,
  features: z.array(PortalFeatureSchema),
  /** The vendor's today, which decides what is overdue. */
  today: PlainDateSchema,
  balances: z.array(BalanceSchema),
  overdue_count: z.number().int(),
});
export type PortalSession = z.infer<typeof PortalSessionSchema>;
