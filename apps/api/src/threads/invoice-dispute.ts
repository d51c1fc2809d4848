import type { Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import type { InvoiceRow } from '../invoices/invoice-repository.js';
import type { ThreadRow } from './thread-repository.js';

/**
 * Sets `invoice.disputed` for the dispute `thread`, which pay-all, pay-an-amount and
 * autopay read to leave the invoice alone, and records `invoice.disputed`. The caller
 * holds the invoice's row lock. An invoice already marked is left as it is, with no event.
 */
export async function markInvoiceDisputed(
  trx: Trx,
  invoice: InvoiceRow,
  thread: ThreadRow,
  now: Date,
): Promise<void> {
  if (invoice.disputed) return;

  await trx
    .updateTable('invoice')
    .set({ disputed: true, updated_at: now })
    .where('id', '=', invoice.id)
    .execute();
  await recordEvent(trx, {
    ...eventScope(invoice, now),
    type: 'invoice.disputed',
    objectId: invoice.id,
    data: {
      invoice: invoice.id,
      thread: thread.id,
      reason: thread.reason,
      amount_disputed: thread.amount_disputed === null ? null : Number(thread.amount_disputed),
      currency: invoice.currency,
    },
  });
}

/**
 * Clears `invoice.disputed` once its last open dispute, `thread`, is resolved, and records
 * `invoice.dispute_cleared`. The caller holds the invoice's row lock and has marked
 * `thread` resolved; an invoice has at most one open dispute (a unique index), so none is
 * left.
 */
export async function clearInvoiceDispute(
  trx: Trx,
  invoice: InvoiceRow,
  thread: ThreadRow,
  resolution: string,
  now: Date,
): Promise<void> {
  if (!invoice.disputed) return;

  await trx
    .updateTable('invoice')
    .set({ disputed: false, updated_at: now })
    .where('id', '=', invoice.id)
    .execute();
  await recordEvent(trx, {
    ...eventScope(invoice, now),
    type: 'invoice.dispute_cleared',
    objectId: invoice.id,
    data: { invoice: invoice.id, thread: thread.id, resolution },
  });
}
