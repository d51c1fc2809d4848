import type { Trx } from '../db/index.js';
import type { RecordedEvent } from '../events.js';

/**
 * Queues one delivery of `event` to each of the vendor's endpoints that listen for its
 * type, in the transaction that records the event, so that no committed event is missed.
 */
export async function queueWebhookDeliveries(_trx: Trx, _event: RecordedEvent): Promise<void> {
  // TODO: filled in by the webhooks module.
}
