import { PlainDateSchema } from '@duly/core';
import { z } from 'zod';
import { decodeCursor } from '../http/pagination.js';
import type { InvoiceCursor } from './invoice-list.js';
import type { InvoiceRow } from './invoice-repository.js';

/** The sort key of an invoice list row: due date, then id. */
export function invoiceCursorOf(row: InvoiceRow): string[] {
  return [row.due_date, row.id];
}

/** Decodes an invoice list cursor; throws `invalid_cursor` for anything else. */
export function decodeInvoiceCursor(cursor: string): InvoiceCursor {
  return decodeCursor(cursor, [PlainDateSchema, z.string().regex(/^inv_[0-9A-Za-z]+$/)]);
}
