import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PlainDateSchema,
  PositiveAmountSchema,
  TimestampSchema,
} from './common.js';

/** Credit the vendor gives a customer, applied to invoices; the rest is credit balance. */
export const CreditNoteSchema = z.object({
  object: z.literal('credit_note'),
  id: idSchema('cn'),
  /** The vendor's number for it, or `CN-` and a sequence when the vendor gave none. */
  number: z.string(),
  customer: idSchema('cus'),
  status: z.enum(['issued', 'void']),
  currency: CurrencySchema,
  amount: AmountSchema,
  /** Not applied to any invoice yet: part of the customer's credit balance. */
  amount_remaining: AmountSchema,
  reason: z.string(),
  issued_on: PlainDateSchema,
  applications: z.array(
    z.object({
      invoice: idSchema('inv'),
      invoice_number: z.string(),
      amount: AmountSchema,
      created_at: TimestampSchema,
    }),
  ),
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type CreditNote = z.infer<typeof CreditNoteSchema>;

/**
 * One invoice a credit applies to. Without `amount`, it takes what the invoice can still
 * be paid or what credit remains, whichever is less.
 */
export const CreditTargetSchema = z.strictObject({
  invoice: idSchema('inv'),
  amount: PositiveAmountSchema.optional(),
});

/** Vendor API `POST /v1/credit_notes`. */
export const CreateCreditNoteRequestSchema = z.strictObject({
  customer: idSchema('cus'),
  currency: CurrencySchema,
  amount: PositiveAmountSchema,
  reason: z.string().trim().min(1).max(500),
  number: z.string().trim().min(1).max(64).optional(),
  /** The vendor's today when left out. */
  issued_on: PlainDateSchema.optional(),
  invoices: z.array(CreditTargetSchema).max(100).optional(),
});
export type CreateCreditNoteRequest = z.infer<typeof CreateCreditNoteRequestSchema>;

/** Vendor API `POST /v1/credit_notes/:id/applications`. */
export const ApplyCreditNoteRequestSchema = z.strictObject({
  invoices: z.array(CreditTargetSchema).min(1).max(100),
});
export type ApplyCreditNoteRequest = z.infer<typeof ApplyCreditNoteRequestSchema>;

/** One source of credit balance: a credit note's remaining amount or a payment's unapplied part. */
export const CreditSourceSchema = z.object({
  type: z.enum(['credit_note', 'payment']),
  id: z.string(),
  /** The credit note's number or the payment's reference. */
  reference: z.string().nullable(),
  amount: AmountSchema,
  /** When the credit arose: the note's issue date or the day the payment succeeded. */
  date: PlainDateSchema,
});

/** The customer's credit balance in one currency, never summed across currencies. */
export const CreditBalanceSchema = z.object({
  currency: CurrencySchema,
  amount: AmountSchema,
  sources: z.array(CreditSourceSchema),
});
export type CreditBalance = z.infer<typeof CreditBalanceSchema>;
