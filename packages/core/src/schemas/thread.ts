import { z } from 'zod';
import {
  AmountSchema,
  CurrencySchema,
  idSchema,
  PositiveAmountSchema,
  TimestampSchema,
} from './common.js';

export const DISPUTE_REASONS = [
  'incorrect_amount',
  'not_received',
  'damaged_or_defective',
  'duplicate',
  'already_paid',
  'other',
] as const;
export const DisputeReasonSchema = z.enum(DISPUTE_REASONS);
export type DisputeReason = z.infer<typeof DisputeReasonSchema>;

export const ThreadMessageSchema = z.object({
  id: idSchema('msg'),
  author: z.enum(['customer', 'vendor']),
  body: z.string(),
  created_at: TimestampSchema,
});
export type ThreadMessage = z.infer<typeof ThreadMessageSchema>;

/**
 * A question about an invoice or a dispute of it. `answered` means the vendor replied
 * last; a customer's reply makes it `open` again. A dispute marks its invoice disputed
 * until it is resolved; disputed invoices are never autopaid nor paid by pay-all.
 */
export const InvoiceThreadSchema = z.object({
  object: z.literal('invoice_thread'),
  id: idSchema('thr'),
  invoice: idSchema('inv'),
  invoice_number: z.string(),
  customer: idSchema('cus'),
  kind: z.enum(['question', 'dispute']),
  status: z.enum(['open', 'answered', 'resolved']),
  /** Disputes only. */
  reason: DisputeReasonSchema.nullable(),
  /** Disputes only: the part of the invoice disputed; the whole invoice when null. */
  amount_disputed: AmountSchema.nullable(),
  currency: CurrencySchema,
  /** The vendor's closing words, set once resolved. */
  resolution: z.string().nullable(),
  messages: z.array(ThreadMessageSchema),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  resolved_at: TimestampSchema.nullable(),
});
export type InvoiceThread = z.infer<typeof InvoiceThreadSchema>;

const MessageBodySchema = z.string().trim().min(1).max(5000);

/** Portal `POST /v1/portal/invoices/:id/threads`. */
export const CreateThreadRequestSchema = z
  .strictObject({
    kind: z.enum(['question', 'dispute']),
    message: MessageBodySchema,
    reason: DisputeReasonSchema.optional(),
    amount: PositiveAmountSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.kind === 'dispute' && request.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required for a dispute.' });
    }
    if (request.kind === 'question' && request.reason !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'goes with disputes only.' });
    }
    if (request.kind === 'question' && request.amount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'goes with disputes only.' });
    }
  });
export type CreateThreadRequest = z.infer<typeof CreateThreadRequestSchema>;

/** `POST .../threads/:id/messages`, from the customer or the vendor. */
export const CreateThreadMessageRequestSchema = z.strictObject({ message: MessageBodySchema });

/** Vendor `POST /v1/threads/:id/resolve`. */
export const ResolveThreadRequestSchema = z.strictObject({
  resolution: z.string().trim().min(1).max(1000),
});
