import type { PayLink } from '@duly/core';
import { ApiError } from '../http/api-error.js';
import type { PayLinkRow } from './pay-link-repository.js';

export type PayLinkStatus = PayLink['status'];

/**
 * Returns the state of a pay link at `now`. Revocation takes precedence over expiry, and
 * expiry over running out of uses, so the page names the vendor's own decision first.
 */
export function payLinkStatus(
  row: Pick<PayLinkRow, 'revoked_at' | 'expires_at' | 'max_uses' | 'use_count'>,
  now: Date,
): PayLinkStatus {
  if (row.revoked_at !== null) return 'revoked';
  if (row.expires_at.getTime() <= now.getTime()) return 'expired';
  if (row.max_uses !== null && row.use_count >= row.max_uses) return 'used_up';
  return 'active';
}

/**
 * Throws the `410` problem of a pay link that can no longer be used: `pay_link_revoked`,
 * `pay_link_expired` or `pay_link_used_up`. Does nothing for an active link.
 */
export function assertPayLinkUsable(row: PayLinkRow, now: Date): void {
  const status = payLinkStatus(row, now);
  if (status === 'revoked') {
    throw new ApiError(
      'pay_link_revoked',
      'The vendor revoked this payment link. Ask the vendor for a new link to pay the invoice.',
    );
  }
  if (status === 'expired') {
    throw new ApiError(
      'pay_link_expired',
      `This payment link expired at ${row.expires_at.toISOString()}. Ask the vendor for a new link to pay the invoice.`,
    );
  }
  if (status === 'used_up') {
    const uses = row.max_uses === 1 ? 'once' : `${row.max_uses} times`;
    throw new ApiError(
      'pay_link_used_up',
      `This payment link was opened ${uses}, as many times as it allows. Ask the vendor for a new link to pay the invoice.`,
    );
  }
}
