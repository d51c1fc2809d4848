import { z } from 'zod';
import { idSchema, PlainDateSchema, TimestampSchema } from './common.js';

export const AUTOPAY_STATUSES = ['active', 'paused', 'off'] as const;

/**
 * A customer's autopay: while `active`, each open invoice is charged to `payment_method` on
 * its due date, once. A failed debit pauses it (`paused_reason` says why, such as `R01`);
 * the customer turns it on again, with the same or another method.
 */
export const AutopaySchema = z.object({
  object: z.literal('autopay'),
  status: z.enum(AUTOPAY_STATUSES),
  payment_method: idSchema('pm').nullable(),
  /** Invoices due from this day on are charged; older ones are left to the customer. */
  enabled_on: PlainDateSchema.nullable(),
  paused_reason: z.string().nullable(),
  /** The last autopay charge that failed, while autopay is paused because of it. */
  last_failed_payment: idSchema('pay').nullable(),
  mandate_accepted_at: TimestampSchema.nullable(),
});
export type Autopay = z.infer<typeof AutopaySchema>;

/** `PUT /v1/portal/autopay`: turn on with a method and the accepted mandate, or turn off. */
export const UpdateAutopayRequestSchema = z.union([
  z.strictObject({
    enabled: z.literal(true),
    payment_method: idSchema('pm'),
    mandate: z.strictObject({ accepted: z.literal(true) }),
  }),
  z.strictObject({ enabled: z.literal(false) }),
]);
export type UpdateAutopayRequest = z.infer<typeof UpdateAutopayRequestSchema>;
