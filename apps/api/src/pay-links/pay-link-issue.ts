import type { Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { newId } from '../ids.js';
import { hashSecret, newPayLinkToken } from '../secrets.js';

/** Lifetime of a pay link when its creator sets none: 30 days. */
export const DEFAULT_PAY_LINK_TTL_SECONDS = 30 * 24 * 3600;

export interface PayLinkIssue {
  vendorId: string;
  livemode: boolean;
  customerId: string;
  invoiceId: string;
  now: Date;
  /** Lifetime in seconds; `DEFAULT_PAY_LINK_TTL_SECONDS` when left out. */
  ttlSeconds?: number;
  /** Uses before the link stops working; unlimited until it expires when left out. */
  maxUses?: number;
  /** Base address of the API, which serves the hosted page at `/pay/<token>`. */
  publicUrl: string;
}

export interface IssuedPayLink {
  id: string;
  /** Returned once: only its hash is stored. */
  token: string;
  url: string;
  expiresAt: Date;
}

/**
 * Inserts a pay link for one invoice and records `pay_link.created`, inside the caller's
 * transaction. Used by the vendor API and by the emails that carry a link.
 */
export async function issuePayLink(trx: Trx, issue: PayLinkIssue): Promise<IssuedPayLink> {
  const id = newId('pl');
  const token = newPayLinkToken();
  const expiresAt = new Date(
    issue.now.getTime() + (issue.ttlSeconds ?? DEFAULT_PAY_LINK_TTL_SECONDS) * 1000,
  );
  await trx
    .insertInto('pay_link')
    .values({
      id,
      vendor_id: issue.vendorId,
      livemode: issue.livemode,
      customer_id: issue.customerId,
      invoice_id: issue.invoiceId,
      token_hash: hashSecret(token),
      max_uses: issue.maxUses ?? null,
      expires_at: expiresAt,
      revoked_at: null,
      created_at: issue.now,
    })
    .execute();
  await recordEvent(trx, {
    ...eventScope({ vendor_id: issue.vendorId, livemode: issue.livemode }, issue.now),
    type: 'pay_link.created',
    objectId: id,
    data: {
      id,
      invoice: issue.invoiceId,
      customer: issue.customerId,
      max_uses: issue.maxUses ?? null,
      expires_at: expiresAt.toISOString(),
    },
  });
  return { id, token, url: payLinkUrl(issue.publicUrl, token), expiresAt };
}

/** Returns the hosted page's address for a pay-link token. */
export function payLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/pay/${token}`;
}
