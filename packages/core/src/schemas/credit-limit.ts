import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PositiveAmountSchema,
  TimestampSchema,
} from './common.js';

export const CREDIT_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;

/** A customer's request for a higher credit limit. */
export const CreditRequestSchema = z.object({
  object: z.literal('credit_request'),
  id: idSchema('crq'),
  customer: idSchema('cus'),
  currency: CurrencySchema,
  /** The limit asked for. */
  amount: AmountSchema,
  reason: z.string(),
  status: z.enum(CREDIT_REQUEST_STATUSES),
  /** The limit granted, which may be less than asked. */
  amount_approved: AmountSchema.nullable(),
  decision_note: z.string().nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  decided_at: TimestampSchema.nullable(),
});
export type CreditRequest = z.infer<typeof CreditRequestSchema>;

/**
 * Portal `GET /v1/portal/credit`: the limit, what open invoices use of it, and the
 * customer's requests, newest first. `limit` is null when the vendor set none.
 */
export const CreditLimitSchema = z.object({
  object: z.literal('credit_limit'),
  currency: CurrencySchema.nullable(),
  limit: AmountSchema.nullable(),
  used: AmountSchema,
  /** `limit - used`, zero when over the limit; null without a limit. */
  available: AmountSchema.nullable(),
  requests: z.array(CreditRequestSchema),
});
export type CreditLimit = z.infer<typeof CreditLimitSchema>;

/** Portal `POST /v1/portal/credit_requests`; currency is the current limit's when left out. */
export const CreateCreditRequestRequestSchema = z.strictObject({
  amount: PositiveAmountSchema,
  currency: CurrencySchema.optional(),
  reason: z.string().trim().min(1).max(2000),
});
export type CreateCreditRequestRequest = z.infer<typeof CreateCreditRequestRequestSchema>;

/** Vendor `POST /v1/credit_requests/:id/approve`; the amount asked for when left out. */
export const ApproveCreditRequestRequestSchema = z.strictObject({
  amount: PositiveAmountSchema.optional(),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type ApproveCreditRequestRequest = z.infer<typeof ApproveCreditRequestRequestSchema>;

/** Vendor `POST /v1/credit_requests/:id/decline`. */
export const DeclineCreditRequestRequestSchema = z.strictObject({
  note: z.string().trim().min(1).max(1000).optional(),
});
export type DeclineCreditRequestRequest = z.infer<typeof DeclineCreditRequestRequestSchema>;
