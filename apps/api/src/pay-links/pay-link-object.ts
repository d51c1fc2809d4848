import type { PayLink } from '@duly/core';
import type { PayLinkRow } from './pay-link-repository.js';
import { payLinkStatus } from './pay-link-status.js';

/**
 * Maps a pay link row to its API object at `now`. `issued` carries the token and the
 * address, which exist only in the response that creates the link.
 */
export function toPayLink(
  row: PayLinkRow,
  now: Date,
  issued?: { token: string; url: string },
): PayLink {
  return {
    object: 'pay_link',
    id: row.id,
    invoice: row.invoice_id,
    customer: row.customer_id,
    token: issued?.token ?? null,
    url: issued?.url ?? null,
    max_uses: row.max_uses,
    use_count: row.use_count,
    status: payLinkStatus(row, now),
    expires_at: row.expires_at.toISOString(),
    revoked_at: row.revoked_at?.toISOString() ?? null,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}
