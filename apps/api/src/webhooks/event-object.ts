import type { DulyEvent } from '@duly/core';
import type { Selectable } from 'kysely';
import type { EventTable } from '../db/index.js';

export type EventRow = Pick<
  Selectable<EventTable>,
  'id' | 'type' | 'livemode' | 'data' | 'created_at'
>;

/** Maps an event row to the API's event object, which deliveries also carry as their body. */
export function toEvent(row: EventRow): DulyEvent {
  return {
    object: 'event',
    id: row.id,
    type: row.type,
    created_at: row.created_at.toISOString(),
    livemode: row.livemode,
    data: { object: row.data },
  };
}
