import { z } from 'zod';
import { AmountSchema, CurrencySchema, idSchema, TimestampSchema } from './common.js';
import {
  PaymentApplicationSchema,
  PaymentMethodDetailsSchema,
  PaymentStatusSchema,
} from './payment.js';

/** The proof of a succeeded payment, the same in the widget, the vendor API and the PDF. */
export const ReceiptSchema = z.object({
  object: z.literal('receipt'),
  /** Printed on the receipt; derived from the payment id, so it never changes. */
  number: z.string(),
  payment: idSchema('pay'),
  /** The payment's current status: a receipt remains after a refund and shows it. */
  status: PaymentStatusSchema,
  amount: AmountSchema,
  amount_refunded: AmountSchema,
  currency: CurrencySchema,
  method_details: PaymentMethodDetailsSchema.nullable(),
  /** Invoices the payment paid, including any the vendor or a later payment paid from its credit. */
  applications: z.array(PaymentApplicationSchema),
  /**
   * The part of `amount` that went to the customer's credit balance because no invoice took
   * it. It is `amount` less the sum of `applications`, so the receipt's lines add up to `amount`.
   */
  amount_to_credit: AmountSchema,
  /**
   * Credit balance that the same request applied to the invoices besides this payment. It is
   * not part of `amount`, because that money came from earlier payments or credit notes.
   */
  credit_applied: AmountSchema,
  paid_at: TimestampSchema,
  vendor: z.object({
    name: z.string(),
    email: z.string().nullable(),
    address_lines: z.array(z.string()),
    logo_url: z.string().nullable(),
  }),
  customer: z.object({
    id: idSchema('cus'),
    name: z.string(),
    email: z.string().nullable(),
  }),
  livemode: z.boolean(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
