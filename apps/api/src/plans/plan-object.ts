import type { Plan } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { PlanRow } from './plan-repository.js';

/** Maps a plan row to the API object. */
export function toPlan(row: PlanRow): Plan {
  return {
    object: 'plan',
    id: row.id,
    name: row.name,
    description: row.description,
    interval: row.interval,
    currency: row.currency,
    unit_amount: toAmount(row.unit_amount),
    active: row.active,
    metadata: row.metadata,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}
