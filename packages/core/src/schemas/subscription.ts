import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  MetadataSchema,
  TimestampSchema,
} from './common.js';

export const PLAN_INTERVALS = ['month', 'year'] as const;

/** A price the vendor bills on a schedule: an amount per unit, every month or every year. */
export const PlanSchema = z.object({
  object: z.literal('plan'),
  id: idSchema('plan'),
  name: z.string(),
  description: z.string().nullable(),
  interval: z.enum(PLAN_INTERVALS),
  currency: CurrencySchema,
  /** Amount of one unit for one interval, in minor units. */
  unit_amount: AmountSchema,
  /** Inactive plans keep their subscriptions but cannot be chosen for new ones or changes. */
  active: z.boolean(),
  metadata: MetadataSchema,
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type Plan = z.infer<typeof PlanSchema>;

/** Vendor `POST /v1/plans`. */
export const CreatePlanRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(1000).optional(),
  interval: z.enum(PLAN_INTERVALS),
  currency: CurrencySchema,
  unit_amount: z.number().int().min(0),
  metadata: MetadataSchema.optional(),
});
export type CreatePlanRequest = z.infer<typeof CreatePlanRequestSchema>;

/** Vendor `PATCH /v1/plans/:id`: name, description and whether it can still be chosen. */
export const UpdatePlanRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(1000).nullable().optional(),
  active: z.boolean().optional(),
  metadata: MetadataSchema.optional(),
});
export type UpdatePlanRequest = z.infer<typeof UpdatePlanRequestSchema>;

export const SUBSCRIPTION_STATUSES = [
  'trialing',
  'active',
  'past_due',
  'paused',
  'canceled',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** A plan and quantity that take over at a later instant, such as a downgrade at period end. */
export const ScheduledChangeSchema = z.object({
  plan: PlanSchema,
  quantity: z.number().int().positive(),
  effective_at: TimestampSchema,
});
export type ScheduledChange = z.infer<typeof ScheduledChangeSchema>;

/** A customer's subscription to one plan. Periods are half-open: `[start, end)`. */
export const SubscriptionSchema = z.object({
  object: z.literal('subscription'),
  id: idSchema('sub'),
  customer: idSchema('cus'),
  plan: PlanSchema,
  quantity: z.number().int().positive(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  current_period_start: TimestampSchema,
  current_period_end: TimestampSchema,
  trial_end: TimestampSchema.nullable(),
  /** Cancelled at period end: usable until `current_period_end`, then `canceled`. */
  cancel_at_period_end: z.boolean(),
  canceled_at: TimestampSchema.nullable(),
  cancellation_reason: z.string().nullable(),
  cancellation_comment: z.string().nullable(),
  paused_at: TimestampSchema.nullable(),
  scheduled_change: ScheduledChangeSchema.nullable(),
  /** The next renewal, or null when the subscription ends or is paused. */
  next_renewal: z
    .object({ at: TimestampSchema, amount: AmountSchema, currency: CurrencySchema })
    .nullable(),
  /** Whether the vendor lets the customer pause this subscription from the portal. */
  pause_allowed: z.boolean(),
  /**
   * The last invoice the subscription issued (its first period, a renewal, a change or an
   * unpause); while `past_due`, the open invoice whose payment failed.
   */
  latest_invoice: idSchema('inv').nullable(),
  metadata: MetadataSchema,
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/** Vendor `POST /v1/subscriptions`. */
export const CreateSubscriptionRequestSchema = z.strictObject({
  customer: idSchema('cus'),
  plan: idSchema('plan'),
  quantity: z.number().int().positive().max(1_000_000).optional(),
  /** First period's start; now when left out. Up to 31 days back. */
  start_at: z.iso.datetime({ offset: true }).optional(),
  /** Days of free trial before the first invoice; none when left out. */
  trial_days: z.number().int().min(1).max(730).optional(),
  metadata: MetadataSchema.optional(),
});
export type CreateSubscriptionRequest = z.infer<typeof CreateSubscriptionRequestSchema>;

export const SUBSCRIPTION_CHANGE_TIMINGS = ['now', 'period_end'] as const;

/**
 * Portal `POST /v1/portal/subscriptions/:id/preview` and vendor
 * `POST /v1/subscriptions/:id/preview`: what a change of plan or quantity would cost.
 * At least one of `plan` and `quantity`.
 */
export const SubscriptionChangeRequestSchema = z.strictObject({
  plan: idSchema('plan').optional(),
  quantity: z.number().int().positive().max(1_000_000).optional(),
  /**
   * The instant the proration is computed at, from the preview, so the change bills
   * exactly what the preview showed. Now when left out; within the current period and not
   * more than one hour old.
   */
  proration_date: z.iso.datetime({ offset: true }).optional(),
  /**
   * Vendor API only: when the change takes effect. Upgrades default to `now` and
   * downgrades to `period_end`; the portal always uses the default.
   */
  effective: z.enum(SUBSCRIPTION_CHANGE_TIMINGS).optional(),
});
export type SubscriptionChangeRequest = z.infer<typeof SubscriptionChangeRequestSchema>;

/** One line of a proration: the credit for the old price or the charge for the new one. */
export const ProrationLineSchema = z.object({
  kind: z.enum(['credit', 'charge']),
  description: z.string(),
  plan: idSchema('plan'),
  quantity: z.number().int().positive(),
  /** Always positive; a credit line lowers what is owed. */
  amount: AmountSchema,
});
export type ProrationLine = z.infer<typeof ProrationLineSchema>;

/** Effect of a change, computed by `prorate` in `@duly/core` at `proration_date`. */
export const SubscriptionChangePreviewSchema = z.object({
  object: z.literal('subscription_change_preview'),
  subscription: idSchema('sub'),
  effective: z.enum(SUBSCRIPTION_CHANGE_TIMINGS),
  /** When the change takes effect: `proration_date` for `now`, the period end otherwise. */
  effective_at: TimestampSchema,
  proration_date: TimestampSchema,
  currency: CurrencySchema,
  /** Empty when the change waits for the period end, which prorates nothing. */
  lines: z.array(ProrationLineSchema),
  credit: AmountSchema,
  charge: AmountSchema,
  /** `charge - credit`: invoiced now when positive, given as credit when negative. */
  net: z.number().int(),
  /** The amount of each renewal after the change. */
  next_renewal_amount: AmountSchema,
});
export type SubscriptionChangePreview = z.infer<typeof SubscriptionChangePreviewSchema>;

/** Portal and vendor `POST .../subscriptions/:id/cancel`. */
export const CancelSubscriptionRequestSchema = z.strictObject({
  at: z.enum(SUBSCRIPTION_CHANGE_TIMINGS),
  /** One of the vendor's cancellation reasons (see the subscription settings). */
  reason: z.string().trim().min(1).max(200),
  comment: z.string().trim().min(1).max(2000).optional(),
});
export type CancelSubscriptionRequest = z.infer<typeof CancelSubscriptionRequestSchema>;

/** The vendor's rules for subscriptions: `GET` and `PATCH /v1/subscription_settings`. */
export const SubscriptionSettingsSchema = z.object({
  object: z.literal('subscription_settings'),
  /** Whether customers may pause from the portal. */
  pause_allowed: z.boolean(),
  /** Downgrades from the portal wait for the period end unless this is `now`. */
  downgrade_timing: z.enum(SUBSCRIPTION_CHANGE_TIMINGS),
  /** Days after a failed renewal payment to try again, such as `[1, 3, 5]`. */
  retry_days: z.array(z.number().int().min(1).max(60)).max(10),
  /** Outcome after the last retry fails: cancel, or stay `past_due`. */
  after_last_retry: z.enum(['cancel', 'stay_past_due']),
  cancellation_reasons: z.array(z.string().min(1).max(200)).min(1).max(20),
});
export type SubscriptionSettings = z.infer<typeof SubscriptionSettingsSchema>;

export const UpdateSubscriptionSettingsRequestSchema = z.strictObject({
  pause_allowed: z.boolean().optional(),
  downgrade_timing: z.enum(SUBSCRIPTION_CHANGE_TIMINGS).optional(),
  retry_days: z
    .array(z.number().int().min(1).max(60))
    .max(10)
    .refine((days) => days.every((day, i) => i === 0 || day > (days[i - 1] ?? 0)), {
      message: 'must be increasing, such as [1, 3, 5].',
    })
    .optional(),
  after_last_retry: z.enum(['cancel', 'stay_past_due']).optional(),
  cancellation_reasons: z.array(z.string().trim().min(1).max(200)).min(1).max(20).optional(),
});
export type UpdateSubscriptionSettingsRequest = z.infer<
  typeof UpdateSubscriptionSettingsRequestSchema
>;

/**
 * Portal `GET /v1/portal/subscription_options`: what the customer may choose from when it
 * changes or cancels a subscription.
 */
export const PortalSubscriptionOptionsSchema = z.object({
  object: z.literal('subscription_options'),
  /** The vendor's active plans. */
  plans: z.array(PlanSchema),
  cancellation_reasons: z.array(z.string()),
  pause_allowed: z.boolean(),
});
export type PortalSubscriptionOptions = z.infer<typeof PortalSubscriptionOptionsSchema>;
