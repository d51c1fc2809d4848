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
  applications: z.array(PaymentApplicationSchema),
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
