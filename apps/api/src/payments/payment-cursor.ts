import { z } from 'zod';
import { decodeCursor } from '../http/pagination.js';

/** PostgreSQL's text form of a timestamptz, as payment list cursors carry it. */
const TIMESTAMPTZ_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/**
 * The sort key of a payment list row: `created_at` as PostgreSQL writes it, to the
 * microsecond, then the id. A JavaScript `Date` would round the time to the millisecond and
 * skip rows on the next page.
 */
export type PaymentCursor = readonly [createdAt: string, id: string];

/** Returns the cursor of a payment list row, read with `created_at::text as created_at_key`. */
export function paymentCursorOf(row: { created_at_key: string; id: string }): string[] {
  return [row.created_at_key, row.id];
}

/** Decodes a payment list cursor; throws `invalid_cursor` for anything else. */
export function decodePaymentCursor(cursor: string): PaymentCursor {
  return decodeCursor(cursor, [
    z.string().regex(TIMESTAMPTZ_TEXT),
    z.string().regex(/^pay_[0-9A-Za-z]+$/),
  ]);
}
