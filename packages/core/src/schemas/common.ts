import { z } from 'zod';
import { isPlainDate } from '../dates/index.js';
import { isCurrencyCode, MAX_AMOUNT } from '../money/index.js';

/**
 * Attaches a problem code to a custom zod issue, so the API returns that code instead of
 * the generic `validation_failed`.
 */
export function problemIssue(problem: string, message: string) {
  return { code: 'custom' as const, message, params: { problem } };
}

/** An amount in minor units as the API returns it. */
export const AmountSchema = z.number().int().min(0).max(MAX_AMOUNT);

/**
 * An amount a client sends to move money. Zero and negative amounts get their own
 * problem codes because they are the two mistakes clients make most.
 */
export const PositiveAmountSchema = z.number().superRefine((value, ctx) => {
  if (!Number.isInteger(value)) {
    ctx.addIssue(
      problemIssue('validation_failed', 'Amounts are whole numbers of minor units (cents).'),
    );
  } else if (value === 0) {
    ctx.addIssue(problemIssue('amount_zero', 'The amount must be greater than zero.'));
  } else if (value < 0) {
    ctx.addIssue(problemIssue('amount_negative', 'The amount must not be negative.'));
  } else if (value > MAX_AMOUNT) {
    ctx.addIssue(
      problemIssue('amount_too_large', `The amount must be at most ${MAX_AMOUNT} minor units.`),
    );
  }
});

/** An uppercase ISO 4217 currency code. */
export const CurrencySchema = z.string().refine(isCurrencyCode, {
  message: 'is not an ISO 4217 currency code; use an uppercase code such as USD.',
});

/** A calendar date `YYYY-MM-DD`, never a timestamp. */
export const PlainDateSchema = z.string().refine(isPlainDate, {
  message: 'is not a real calendar date written YYYY-MM-DD, such as 2026-12-31.',
});

/** An instant, ISO 8601 in UTC (`2026-12-04T20:00:00.000Z`). */
export const TimestampSchema = z.string();

/** Prefixed random id such as `inv_3kT9...`. */
export function idSchema(prefix: string) {
  return z.string().startsWith(`${prefix}_`);
}

/** `{ data, next_cursor }`: one page of a list, with the cursor of the next page or null. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    next_cursor: z.string().nullable(),
  });
}

/** One page of a list. */
export interface List<T> {
  object: 'list';
  data: T[];
  next_cursor: string | null;
}

export const MetadataSchema = z.record(z.string(), z.string());
