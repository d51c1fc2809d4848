import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PlainDateSchema,
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

/** The ways money sent outside the portal travels: cheque, wire, ACH credit, cash or other. */
export const OFFLINE_METHODS = ['check', 'wire', 'ach_credit', 'cash', 'other'] as const;
export const OfflineMethodSchema = z.enum(OFFLINE_METHODS);
export type OfflineMethod = z.infer<typeof OfflineMethodSchema>;

/** Why the customer paid an invoice partly: one of the vendor's reasons and its own words. */
export const ShortPaySchema = z.object({
  reason: z.string(),
  note: z.string().nullable(),
});
export type ShortPay = z.infer<typeof ShortPaySchema>;

/** A payment that came outside the portal, as the vendor recorded it. */
export const OfflinePaymentDetailsSchema = z.object({
  method: OfflineMethodSchema,
  /** Cheque number, wire reference and the like. */
  reference: z.string().nullable(),
  received_on: PlainDateSchema,
});

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
  /**
   * Received but applied to no invoice: part of the customer's credit balance once the
   * payment succeeded, used by later payments or applied by the vendor.
   */
  amount_unapplied: AmountSchema,
  /** Credit balance applied to the same invoices by the request that made this payment. */
  credit_applied: AmountSchema,
  /** The customer's reason for paying an invoice partly; null for a payment in full. */
  short_pay: ShortPaySchema.nullable(),
  /** Set for money that came outside the portal. */
  offline: OfflinePaymentDetailsSchema.nullable(),
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

/** One invoice and the amount to put on it. */
export const InvoiceAmountSchema = z.strictObject({
  invoice: idSchema('inv'),
  amount: PositiveAmountSchema,
});
export type InvoiceAmount = z.infer<typeof InvoiceAmountSchema>;

/**
 * The invoices a portal payment pays, named in exactly one of three ways. `invoices` lists
 * each invoice with its amount. `amount` with `currency` goes to the oldest open invoices
 * not in dispute, by due date then number, the last one partly, and any excess becomes
 * credit. `pay_all` with `currency` pays every open invoice of that currency not in dispute.
 */
const paymentTargetShape = {
  invoices: z.array(InvoiceAmountSchema).min(1).max(100).optional(),
  amount: PositiveAmountSchema.optional(),
  currency: CurrencySchema.optional(),
  pay_all: z.literal(true).optional(),
  /** Uses the customer's credit balance in the currency first; only the rest is charged. */
  apply_credit: z.boolean().optional(),
  /**
   * Required when `invoices` pays an invoice partly: one of the vendor's short-pay reasons
   * (`GET /v1/portal/payment_setup` lists them) and optional words of the customer's own.
   */
  short_pay: z
    .strictObject({
      reason: z.string().trim().min(1).max(100),
      note: z.string().trim().min(1).max(1000).optional(),
    })
    .optional(),
};

/** Checks that a payment names exactly one of `invoices`, `amount` and `pay_all`. */
function refinePaymentTarget(
  request: { invoices?: unknown; amount?: unknown; currency?: unknown; pay_all?: unknown },
  ctx: z.RefinementCtx,
): void {
  const ways = [request.invoices, request.amount, request.pay_all].filter(
    (value) => value !== undefined,
  ).length;
  if (ways !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['invoices'],
      message:
        'Send exactly one of `invoices`, `amount` (with `currency`) or `pay_all` (with `currency`).',
    });
    return;
  }
  if (request.invoices === undefined && request.currency === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['currency'],
      message: 'is required with `amount` and `pay_all`, such as USD.',
    });
  }
  if (request.invoices !== undefined && request.currency !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['currency'],
      message: 'goes with `amount` and `pay_all` only; the invoices have their own currency.',
    });
  }
}

export const CreatePaymentRequestSchema = z
  .strictObject({
    payment_method: idSchema('pm'),
    ...paymentTargetShape,
    /**
     * Required for a bank account: the customer accepted the debit authorization that
     * `GET /v1/portal/payment_setup` returns. The API records its text, the time and the
     * customer's address and browser.
     */
    mandate: z.strictObject({ accepted: z.literal(true) }).optional(),
  })
  .superRefine(refinePaymentTarget);
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequestSchema>;

/** `POST /v1/portal/payments/preview`: what a payment would do, changing nothing. */
export const PaymentPreviewRequestSchema = z
  .strictObject({
    ...paymentTargetShape,
    /** With it the preview also checks the provider's minimum charge for that method. */
    payment_method: idSchema('pm').optional(),
  })
  .superRefine(refinePaymentTarget);
export type PaymentPreviewRequest = z.infer<typeof PaymentPreviewRequestSchema>;

/** One invoice of a preview, with what it would receive. */
export const PreviewApplicationSchema = z.object({
  invoice: idSchema('inv'),
  invoice_number: z.string(),
  due_date: PlainDateSchema,
  /** The amount that can be paid on the invoice now. */
  amount_payable: AmountSchema,
  /** The amount this payment puts on the invoice, credit included. */
  amount: AmountSchema,
  /** Of `amount`, the part paid from the credit balance. */
  credit: AmountSchema,
});

/**
 * The split of a payment before the customer confirms it. `amount_to_charge` is what the
 * provider charges; `amount_to_credit` is what becomes credit balance (an amount above the
 * open balance). `applications` sum to `credit_applied + amount_to_charge - amount_to_credit`.
 */
export const PaymentPreviewSchema = z.object({
  object: z.literal('payment_preview'),
  currency: CurrencySchema,
  applications: z.array(PreviewApplicationSchema),
  credit_available: AmountSchema,
  credit_applied: AmountSchema,
  amount_to_charge: AmountSchema,
  amount_to_credit: AmountSchema,
  /** Set when the invoices are partly paid, so `short_pay` is required to pay this way. */
  short_pay_required: z.boolean(),
});
export type PaymentPreview = z.infer<typeof PaymentPreviewSchema>;

/**
 * `POST /v1/portal/credit_applications`: pays invoices from the credit balance alone, with
 * no charge. Targets as for a payment (`invoices`, `amount` or `pay_all`).
 */
export const CreateCreditApplicationRequestSchema = z
  .strictObject({
    invoices: paymentTargetShape.invoices,
    amount: paymentTargetShape.amount,
    currency: paymentTargetShape.currency,
    pay_all: paymentTargetShape.pay_all,
  })
  .superRefine(refinePaymentTarget);
export type CreateCreditApplicationRequest = z.infer<typeof CreateCreditApplicationRequestSchema>;

/** Credit balance applied to invoices, from credit notes and unapplied payments. */
export const CreditApplicationSchema = z.object({
  object: z.literal('credit_application'),
  customer: idSchema('cus'),
  currency: CurrencySchema,
  amount: AmountSchema,
  applications: z.array(
    z.object({
      invoice: idSchema('inv'),
      invoice_number: z.string(),
      amount: AmountSchema,
    }),
  ),
  /** Credit left in the currency afterwards. */
  credit_remaining: AmountSchema,
  created_at: TimestampSchema,
});
export type CreditApplication = z.infer<typeof CreditApplicationSchema>;

/**
 * Vendor API `POST /v1/payments`: money that came outside the portal. What `invoices` do
 * not take stays unapplied, as the customer's credit balance.
 */
export const RecordPaymentRequestSchema = z.strictObject({
  customer: idSchema('cus'),
  currency: CurrencySchema,
  amount: PositiveAmountSchema,
  method: OfflineMethodSchema,
  reference: z.string().trim().min(1).max(200).optional(),
  received_on: PlainDateSchema,
  invoices: z.array(InvoiceAmountSchema).max(100).optional(),
});
export type RecordPaymentRequest = z.infer<typeof RecordPaymentRequestSchema>;

/** Vendor API `POST /v1/payments/:id/applications`: applies a payment's unapplied amount. */
export const ApplyPaymentRequestSchema = z.strictObject({
  invoices: z.array(InvoiceAmountSchema).min(1).max(100),
});
export type ApplyPaymentRequest = z.infer<typeof ApplyPaymentRequestSchema>;

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
