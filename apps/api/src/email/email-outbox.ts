import type { Trx } from '../db/index.js';
import type { RecordedEvent } from '../events.js';

/**
 * Queues the emails an event calls for (a receipt for `payment.succeeded`, the invoice with
 * its pay link for `invoice.created`), in the transaction that records the event.
 */
export async function queueEventEmails(_trx: Trx, _event: RecordedEvent): Promise<void> {
  // TODO: filled in by the email module.
}
