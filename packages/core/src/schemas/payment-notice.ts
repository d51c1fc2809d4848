import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PlainDateSchema,
  TimestampSchema,
} from './common.js';
import { InvoiceAmountSchema, OfflineMethodSchema } from './payment.js';

export const PAYMENT_NOTICE_STATUSES = ['pending', 'confirmed', 'rejected'] as const;

/**
 * The customer's word that it sent money outside the portal ("I sent a payment"). While it
 * is pending its invoices show it and autopay leaves them alone; the vendor confirms it
 * (which records the payment) or rejects it.
 */
export const PaymentNoticeSchema = z.object({
  object: z.literal('payment_notice'),
  id: idSchema('pn'),
  customer: idSchema('cus'),
  status: z.enum(PAYMENT_NOTICE_STATUSES),
  currency: CurrencySchema,
  amount: AmountSchema,
  method: OfflineMethodSchema,
  reference: z.string().nullable(),
  sent_on: PlainDateSchema,
  invoices: z.array(
    z.object({ invoice: idSchema('inv'), invoice_number: z.string(), amount: AmountSchema }),
  ),
  /** The payment recorded when the vendor confirmed it. */
  payment: idSchema('pay').nullable(),
  rejection_reason: z.string().nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  decided_at: TimestampSchema.nullable(),
});
export type PaymentNotice = z.infer<typeof PaymentNoticeSchema>;

/** Portal `POST /v1/portal/payment_notices`. */
export const CreatePaymentNoticeRequestSchema = z.strictObject({
  method: OfflineMethodSchema,
  reference: z.string().trim().min(1).max(200).optional(),
  /** The day the customer sent it; not after the vendor's today. */
  sent_on: PlainDateSchema,
  invoices: z.array(InvoiceAmountSchema).min(1).max(100),
});
export type CreatePaymentNoticeRequest = z.infer<typeof CreatePaymentNoticeRequestSchema>;

/**
 * Vendor `POST /v1/payment_notices/:id/confirm`: records the payment as received, by
 * default for the notice's amount on the vendor's today.
 */
export const ConfirmPaymentNoticeRequestSchema = z.strictObject({
  amount: z.number().int().positive().optional(),
  received_on: PlainDateSchema.optional(),
  reference: z.string().trim().min(1).max(200).optional(),
});
export type ConfirmPaymentNoticeRequest = z.infer<typeof ConfirmPaymentNoticeRequestSchema>;

/** Vendor `POST /v1/payment_notices/:id/reject`: the reason is shown to the customer. */
export const RejectPaymentNoticeRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
export type RejectPaymentNoticeRequest = z.infer<typeof RejectPaymentNoticeRequestSchema>;
