import { z } from 'zod';
import { idSchema, TimestampSchema } from './common.js';

/** Longest lifetime of a pay link: one year, in seconds. */
export const MAX_PAY_LINK_TTL_SECONDS = 365 * 24 * 3600;

/** `POST /v1/pay_links`: a link to pay one open invoice on the hosted page. */
export const CreatePayLinkRequestSchema = z.strictObject({
  invoice: idSchema('inv'),
  /** Lifetime in seconds, from 60 to one year; 30 days when left out. */
  expires_in: z.number().int().min(60).max(MAX_PAY_LINK_TTL_SECONDS).optional(),
  /** Times the link may be opened; unlimited until it expires when left out. */
  max_uses: z.number().int().min(1).max(1000).optional(),
});
export type CreatePayLinkRequest = z.infer<typeof CreatePayLinkRequestSchema>;

/**
 * A link to the hosted page that pays one invoice. `token` and `url` are returned once, on
 * creation, because only the token's hash is stored; they are null everywhere else.
 */
export const PayLinkSchema = z.object({
  object: z.literal('pay_link'),
  id: idSchema('pl'),
  invoice: idSchema('inv'),
  customer: idSchema('cus'),
  token: z.string().nullable(),
  url: z.string().nullable(),
  /** Null: unlimited uses until the link expires. */
  max_uses: z.number().int().nullable(),
  /** Times the link was exchanged for a session, each opening of the page counting once. */
  use_count: z.number().int(),
  status: z.enum(['active', 'expired', 'used_up', 'revoked']),
  expires_at: TimestampSchema,
  revoked_at: TimestampSchema.nullable(),
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type PayLink = z.infer<typeof PayLinkSchema>;

/** `POST /v1/pay_links/exchange`: the hosted page trades its token for a session. */
export const PayLinkExchangeRequestSchema = z.strictObject({
  token: z.string().min(1).max(200),
});
export type PayLinkExchangeRequest = z.infer<typeof PayLinkExchangeRequestSchema>;

/**
 * A portal session limited to the pay link's invoice and to paying it. The hosted page
 * passes `session` to the widget.
 */
export const PayLinkExchangeSchema = z.object({
  object: z.literal('pay_link_exchange'),
  session: z.string(),
  expires_at: TimestampSchema,
  invoice: idSchema('inv'),
  locale: z.string(),
});
export type PayLinkExchange = z.infer<typeof PayLinkExchangeSchema>;
