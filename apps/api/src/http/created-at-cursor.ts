import { type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';
import { decodeCursor } from './pagination.js';

/** PostgreSQL's text form of a timestamptz, as newest-first list cursors carry it. */
const TIMESTAMPTZ_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/**
 * The sort key of a row of a newest-first list: `created_at` as PostgreSQL writes it, to
 * the microsecond, then the id. A JavaScript `Date` would round the time to the millisecond
 * and skip rows on the next page.
 */
export type CreatedAtCursor = readonly [createdAt: string, id: string];

/** Returns the cursor of a list row read with `created_at::text as created_at_key`. */
export function createdAtCursorOf(row: { created_at_key: string; id: string }): string[] {
  return [row.created_at_key, row.id];
}

/**
 * Decodes the cursor of a list of objects whose ids start with `idPrefix`, such as `cn`;
 * throws `invalid_cursor` for anything else.
 */
export function decodeCreatedAtCursor(cursor: string, idPrefix: string): CreatedAtCursor {
  return decodeCursor(cursor, [
    z.string().regex(TIMESTAMPTZ_TEXT),
    z.string().regex(new RegExp(`^${idPrefix}_[0-9A-Za-z]+$`)),
  ]);
}

/**
 * Narrows a single-table select to one page of a newest-first list, ordered by
 * `(created_at, id)` descending and starting after `after`. It also selects
 * `created_at_key` for the next cursor and fetches `limit + 1` rows so that `toPage` can
 * tell whether a next page exists.
 */
export function selectNewestFirstPage<DB, TB extends keyof DB, O>(
  select: SelectQueryBuilder<DB, TB, O>,
  after: CreatedAtCursor | undefined,
  limit: number,
) {
  const createdAt = sql.ref('created_at');
  const id = sql.ref('id');
  let page = select.select(sql<string>`${createdAt}::text`.as('created_at_key'));
  if (after !== undefined) {
    page = page.where(
      sql<boolean>`(${createdAt}, ${id}) < (${after[0]}::timestamptz, ${after[1]})`,
    );
  }
  return page
    .orderBy(createdAt, 'desc')
    .orderBy(id, 'desc')
    .limit(limit + 1);
}
