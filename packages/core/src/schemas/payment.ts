import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PositiveAmountSchema,
  TimestampSchema,
} from './common.js';

export const PAYMENT_STATUSES = [
  'requires_action',
  'pending',
  'succeeded',
  'failed',
  'canceled',
  'refunded',
] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** A payment's amount on one invoice. */
export const PaymentApplicationSchema = z.object({
  invoice: idSchema('inv'),
  /** The invoice's number, so receipts and lists need no second call. */
  invoice_number: z.string(),
  amount: AmountSchema,
});
export type PaymentApplication = z.infer<typeof PaymentApplicationSchema>;

/** How the payment was made; never contains a full card number. */
export const PaymentMethodDetailsSchema = z.object({
  type: z.enum(['card', 'us_bank_account', 'offline']),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
});
export type PaymentMethodDetails = z.infer<typeof PaymentMethodDetailsSchema>;

export const PaymentSchema = z.object({
  object: z.literal('payment'),
  id: idSchema('pay'),
  customer: idSchema('cus'),
  status: PaymentStatusSchema,
  amount: AmountSchema,
  currency: CurrencySchema,
  /** Set when `status` is `failed`: `card_declined`, `insufficient_funds`, `R01`, ... */
  failure_code: z.string().nullable(),
  failure_message: z.string().nullable(),
  payment_method: idSchema('pm').nullable(),
  method_details: PaymentMethodDetailsSchema.nullable(),
  applications: z.array(PaymentApplicationSchema),
  /** Where the payment came from: the portal, or an import of the vendor's ledger. */
  source: z.enum(['portal', 'import', 'vendor']),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  succeeded_at: TimestampSchema.nullable(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const CreatePaymentRequestSchema = z.strictObject({
  payment_method: idSchema('pm'),
  invoices: z
    .array(
      z.strictObject({
        invoice: idSchema('inv'),
        amount: PositiveAmountSchema,
      }),
    )
    .min(1)
    .max(100),
});
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequestSchema>;
