import { isWebhookEventType } from '@duly/core';
import { sql } from 'kysely';
import type { Trx } from '../db/index.js';
import type { RecordedEvent } from '../events.js';

/**
 * Queues one delivery of `event` to each of the vendor's endpoints that listen for its
 * type, in the transaction that records the event, so that no committed event is missed.
 *
 * Every ledger change runs this, so it stays one statement that sends nothing: an event no
 * endpoint may receive costs no query, and the vendor's enabled endpoints are found through
 * a partial index. The delivery job's scheduler picks the rows up after the commit.
 */
export async function queueWebhookDeliveries(trx: Trx, event: RecordedEvent): Promise<void> {
  if (!isWebhookEventType(event.type)) return;

  // The ids reuse gen_random_uuid's randomness in the `whd_` form of the other ids: one
  // statement cannot call newId once per matching endpoint.
  await sql`
    INSERT INTO webhook_delivery
      (id, vendor_id, livemode, endpoint_id, event_id, status, next_attempt_at, created_at, updated_at)
    SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), vendor_id, livemode, id,
      ${event.id}, 'pending', ${event.createdAt}, ${event.createdAt}, ${event.createdAt}
    FROM webhook_endpoint
    WHERE vendor_id = ${event.vendorId}
      AND livemode = ${event.livemode}
      AND status = 'enabled'
      AND (enabled_events @> ARRAY['*'] OR enabled_events @> ARRAY[${event.type}])
  `.execute(trx);
}
