import { z } from 'zod';
import { MAX_AMOUNT } from '../money/index.js';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  MetadataSchema,
  PlainDateSchema,
  TimestampSchema,
} from './common.js';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export const InvoiceStatusSchema = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

export const InvoiceLineSchema = z.object({
  description: z.string(),
  quantity: z.number().int(),
  unit_amount: AmountSchema,
  amount: AmountSchema,
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

/** A tax added to the lines; the invoice's total is its lines plus its taxes. */
export const InvoiceTaxSchema = z.object({
  description: z.string(),
  amount: AmountSchema,
});
export type InvoiceTax = z.infer<typeof InvoiceTaxSchema>;

/** A credit note's share of one invoice, as seen from the invoice. */
export const InvoiceCreditSchema = z.object({
  credit_note: idSchema('cn'),
  number: z.string(),
  amount: AmountSchema,
  created_at: TimestampSchema,
});

/** The customer's pending "I sent a payment" notice on this invoice. */
export const InvoicePaymentNoticeSchema = z.object({
  id: idSchema('pn'),
  /** The part of the notice for this invoice. */
  amount: AmountSchema,
  method: z.string(),
  reference: z.string().nullable(),
  sent_on: PlainDateSchema,
});

/** A payment's share of one invoice, as seen from the invoice. */
export const InvoicePaymentSchema = z.object({
  payment: idSchema('pay'),
  amount: AmountSchema,
  /** The part of `amount` taken back by refunds, a bank return or a lost chargeback. */
  amount_reversed: AmountSchema.optional(),
  status: z.string(),
  created_at: TimestampSchema,
});
export type InvoicePayment = z.infer<typeof InvoicePaymentSchema>;

export const InvoiceSchema = z.object({
  object: z.literal('invoice'),
  id: idSchema('inv'),
  /** The vendor's own invoice number. */
  number: z.string(),
  customer: idSchema('cus'),
  status: InvoiceStatusSchema,
  currency: CurrencySchema,
  total: AmountSchema,
  /** Total less succeeded payments and applied credits. */
  amount_due: AmountSchema,
  /** The part of `amount_due` reserved by payments still in flight. */
  amount_pending: AmountSchema,
  /** What can still be paid now: `amount_due - amount_pending`. */
  amount_payable: AmountSchema,
  issue_date: PlainDateSchema,
  due_date: PlainDateSchema,
  /** Open and due before today in the vendor's time zone; derived, never stored. */
  overdue: z.boolean(),
  /** The customer disputes this invoice; pay-all and autopay leave it alone. */
  disputed: z.boolean(),
  /** Set while the customer reports a payment sent that the vendor has not confirmed. */
  payment_notice: InvoicePaymentNoticeSchema.nullable(),
  paid_at: TimestampSchema.nullable(),
  metadata: MetadataSchema,
  livemode: z.boolean(),
  created_at: TimestampSchema,
  /** Present on single-invoice reads. */
  lines: z.array(InvoiceLineSchema).optional(),
  /** Present on single-invoice reads: payments applied to this invoice. */
  payments: z.array(InvoicePaymentSchema).optional(),
  /** Present on single-invoice reads: the sum of the lines. */
  subtotal: AmountSchema.optional(),
  /** Present on single-invoice reads. */
  taxes: z.array(InvoiceTaxSchema).optional(),
  /** Present on single-invoice reads: credit notes applied to this invoice. */
  credits: z.array(InvoiceCreditSchema).optional(),
  /** Present on single-invoice reads: the subscription that issued it, or null. */
  subscription: idSchema('sub').nullable().optional(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;

export const CreateInvoiceLineRequestSchema = z.strictObject({
  description: z.string().trim().min(1).max(500),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  unit_amount: z.number().int().min(0).max(MAX_AMOUNT),
});

export const CreateInvoiceRequestSchema = z.strictObject({
  customer: idSchema('cus'),
  number: z.string().trim().min(1).max(64),
  currency: CurrencySchema,
  issue_date: PlainDateSchema,
  due_date: PlainDateSchema,
  /** `draft` keeps the invoice from the customer; the default `open` makes it payable. */
  status: z.enum(['draft', 'open']).default('open'),
  lines: z.array(CreateInvoiceLineRequestSchema).min(1).max(500),
  /** Added to the lines' sum to make the total. */
  taxes: z
    .array(
      z.strictObject({
        description: z.string().trim().min(1).max(200),
        amount: z.number().int().min(0).max(MAX_AMOUNT),
      }),
    )
    .max(20)
    .optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});
export type CreateInvoiceRequest = z.infer<typeof CreateInvoiceRequestSchema>;

/** Filters of the portal's invoice list. `overdue` is a subset of `open`. */
export const PORTAL_INVOICE_FILTERS = ['open', 'overdue', 'paid', 'all'] as const;
export type PortalInvoiceFilter = (typeof PORTAL_INVOICE_FILTERS)[number];
