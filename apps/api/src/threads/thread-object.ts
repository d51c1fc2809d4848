import type { DisputeReason, InvoiceThread } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { ThreadMessageRow, ThreadWithInvoiceRow } from './thread-repository.js';

/** Maps a thread row and its messages, in the order written, to its API object. */
export function toThread(
  row: ThreadWithInvoiceRow,
  messages: readonly ThreadMessageRow[],
): InvoiceThread {
  return {
    object: 'invoice_thread',
    id: row.id,
    invoice: row.invoice_id,
    invoice_number: row.invoice_number,
    customer: row.customer_id,
    kind: row.kind,
    status: row.status,
    reason: row.reason as DisputeReason | null,
    amount_disputed: row.amount_disputed === null ? null : toAmount(row.amount_disputed),
    currency: row.currency,
    resolution: row.resolution,
    messages: messages.map((message) => ({
      id: message.id,
      author: message.author,
      body: message.body,
      created_at: message.created_at.toISOString(),
    })),
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    resolved_at: row.resolved_at?.toISOString() ?? null,
  };
}

/** Maps a page of thread rows to API objects, with every thread's messages. */
export function toThreads(
  rows: readonly ThreadWithInvoiceRow[],
  messages: readonly ThreadMessageRow[],
): InvoiceThread[] {
  const byThread = new Map<string, ThreadMessageRow[]>();
  for (const message of messages) {
    const list = byThread.get(message.thread_id);
    if (list === undefined) byThread.set(message.thread_id, [message]);
    else list.push(message);
  }
  return rows.map((row) => toThread(row, byThread.get(row.id) ?? []));
}
