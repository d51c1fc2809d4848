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
  /**
   * The part of `amount` taken back off the invoice by refunds, a bank return or a lost
   * chargeback. The payment still pays `amount - amount_reversed` on it. The API always
   * sends it.
   */
  amount_reversed: AmountSchema.optional(),
});
export type PaymentApplication = z.infer<typeof PaymentApplicationSchema>;

/** How the payment was made; never contains a full card number. */
export const PaymentMethodDetailsSchema = z.object({
  type: z.enum(['card', 'us_bank_account', 'offline']),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
});

/**
 * The step the customer must complete before a `requires_action` payment can go on: Stripe's 3-D
 * Secure (`stripe.handleNextAction` with the client secret) or the sandbox's stand-in.
 * Closing the challenge leaves the payment in `requires_action`, so it can be tried again.
 */
export const PaymentNextActionSchema = z.object({
  type: z.enum(['stripe_sdk', 'sandbox_challenge']),
  client_secret: z.string(),
});
export type PaymentNextAction = z.infer<typeof PaymentNextActionSchema>;

export const CHARGEBACK_STATUSES = ['needs_response', 'under_review', 'won', 'lost'] as const;
export const ChargebackStatusSchema = z.enum(CHARGEBACK_STATUSES);
export type ChargebackStatus = z.infer<typeof ChargebackStatusSchema>;
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
  /** The payment's origin: the portal, autopay, or an import of the vendor's ledger. */
  source: z.enum(['portal', 'autopay', 'import', 'vendor']),
  /** Refunded so far; `status` becomes `refunded` when it reaches `amount`. */
  amount_refunded: AmountSchema,
  /** Set only while `status` is `requires_action`. */
  next_action: PaymentNextActionSchema.nullable(),
  /** Set when the card network reversed the payment (a chargeback), with its state. */
  chargeback_status: ChargebackStatusSchema.nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  succeeded_at: TimestampSchema.nullable(),
  /** When the payment failed, including a bank's return after it had succeeded. */
  failed_at: TimestampSchema.nullable(),
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
  /**
   * Required for a bank account: the customer accepted the debit authorization that
   * `GET /v1/portal/payment_setup` returns. The API records its text, the time and the
   * customer's address and browser.
   */
  mandate: z.strictObject({ accepted: z.literal(true) }).optional(),
});
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequestSchema>;

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'canceled'] as const;

export const RefundSchema = z.object({
  object: z.literal('refund'),
  id: idSchema('re'),
  payment: idSchema('pay'),
  amount: AmountSchema,
  currency: CurrencySchema,
  status: z.enum(REFUND_STATUSES),
  reason: z.string().nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type Refund = z.infer<typeof RefundSchema>;

/** `POST /v1/payments/:id/refunds`: the whole unrefunded amount when `amount` is left out. */
export const CreateRefundRequestSchema = z.strictObject({
  amount: PositiveAmountSchema.optional(),
  reason: z.string().min(1).max(500).optional(),
});
export type CreateRefundRequest = z.infer<typeof CreateRefundRequestSchema>;
