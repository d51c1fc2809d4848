import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PlainDateSchema,
  TimestampSchema,
} from './common.js';

/** Aging buckets by days past due on the statement date: 0 or less is `current`. */
export const AGING_BUCKETS = ['current', '1_30', '31_60', '61_90', 'over_90'] as const;
export const AgingBucketSchema = z.enum(AGING_BUCKETS);
export type AgingBucket = z.infer<typeof AgingBucketSchema>;

/** An invoice open on the statement date, with what was still owed on it that day. */
export const StatementInvoiceSchema = z.object({
  invoice: idSchema('inv'),
  number: z.string(),
  issue_date: PlainDateSchema,
  due_date: PlainDateSchema,
  total: AmountSchema,
  amount_open: AmountSchema,
  days_past_due: z.number().int(),
  bucket: AgingBucketSchema,
  disputed: z.boolean(),
});

/** Credit not applied on the statement date: a credit note or an unapplied payment. */
export const StatementCreditSchema = z.object({
  type: z.enum(['credit_note', 'payment']),
  id: z.string(),
  reference: z.string().nullable(),
  date: PlainDateSchema,
  amount_open: AmountSchema,
});

/** A payment received in the 30 days up to the statement date, with its receipt. */
export const StatementPaymentSchema = z.object({
  payment: idSchema('pay'),
  date: PlainDateSchema,
  amount: AmountSchema,
  /** `card`, `us_bank_account`, `offline` or `import`. */
  method: z.string(),
  /** Path of the receipt under the API that served the statement (portal or vendor). */
  receipt_url: z.string().nullable(),
});

/** One currency of a statement; currencies are never summed together. */
export const StatementSectionSchema = z.object({
  currency: CurrencySchema,
  invoices: z.array(StatementInvoiceSchema),
  credits: z.array(StatementCreditSchema),
  /** Open amounts per bucket; they add up to `invoices_total`. */
  aging: z.record(AgingBucketSchema, AmountSchema),
  invoices_total: AmountSchema,
  credits_total: AmountSchema,
  /** `invoices_total - credits_total`; negative when the customer is in credit. */
  balance: z.number().int(),
  recent_payments: z.array(StatementPaymentSchema),
});

/** Open-item statement of account as of one day in the vendor's time zone. */
export const StatementSchema = z.object({
  object: z.literal('statement'),
  customer: z.object({
    id: idSchema('cus'),
    name: z.string(),
    external_id: z.string().nullable(),
  }),
  vendor: z.object({ name: z.string() }),
  as_of: PlainDateSchema,
  sections: z.array(StatementSectionSchema),
  generated_at: TimestampSchema,
});
export type Statement = z.infer<typeof StatementSchema>;
export type StatementSection = z.infer<typeof StatementSectionSchema>;

/** `?as_of=YYYY-MM-DD` of the statement routes: the vendor's today when left out. */
export const StatementQuerySchema = z.strictObject({
  as_of: PlainDateSchema.optional(),
});
