import { z } from 'zod';
import { ApiError } from './api-error.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** The `limit` query parameter: 1 to 100, 25 when left out. */
export const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(DEFAULT_PAGE_SIZE);

/**
 * The query parameters of every list: `limit`, and `cursor` for the `next_cursor` of the
 * previous page. A list with filters spreads it into its own strict object.
 */
export const PAGE_QUERY_SHAPE = {
  limit: LimitSchema,
  cursor: z.string().min(1).optional(),
};

/** The query string of a list that takes no filters. */
export const PageQuerySchema = z.strictObject(PAGE_QUERY_SHAPE);

/**
 * Encodes the sort key of a page's last row as an opaque cursor (base64url JSON). Clients
 * pass it back unchanged; its content is not part of the API.
 */
export function encodeCursor(key: ReadonlyArray<string>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` and checks each part with `parts`. Throws
 * `invalid_cursor` for anything else.
 */
export function decodeCursor<T extends [z.ZodType, ...z.ZodType[]]>(
  cursor: string,
  parts: T,
): { [K in keyof T]: z.output<T[K]> } {
  const invalid = new ApiError(
    'invalid_cursor',
    'The cursor is not one this list returned; pass next_cursor from the previous page unchanged, or leave it out for the first page.',
    { param: 'cursor' },
  );

  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const result = z.tuple(parts).safeParse(decoded);
  if (!result.success) throw invalid;
  return result.data as { [K in keyof T]: z.output<T[K]> };
}

/** Builds one page and the next page's cursor from a query that fetched `limit + 1` rows. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => string[],
): { object: 'list'; data: Item[]; next_cursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    object: 'list',
    data: pageRows.map(toItem),
    next_cursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
