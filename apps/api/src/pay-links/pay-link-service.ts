import type { CreatePayLinkRequest, PayLink } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { findInvoice } from '../invoices/invoice-repository.js';
import { invoiceNotFound } from '../invoices/invoice-service.js';
import { notifySessionRevoked } from '../sessions/session-repository.js';
import { issuePayLink } from './pay-link-issue.js';
import { toPayLink } from './pay-link-object.js';
import {
  findPayLink,
  listPayLinks,
  lockPayLink,
  markPayLinkRevoked,
  revokeSessionsOfPayLink,
} from './pay-link-repository.js';

/** Returns the `pay_link_not_found` error for `payLinkId`, used for unknown and foreign ids alike. */
function payLinkNotFound(payLinkId: string): ApiError {
  return new ApiError('pay_link_not_found', `No pay link with id ${payLinkId} exists.`, {
    param: 'id',
  });
}

/**
 * Creates a pay link for one of the tenant's open invoices. A link for a draft, paid, void
 * or uncollectible invoice is rejected with `invoice_not_payable`, because no one could pay
 * through it. A link made while the invoice was open shows the receipt once it is paid.
 */
export async function createPayLink(
  db: Db,
  clock: Clock,
  publicUrl: string,
  tenant: Tenant,
  request: CreatePayLinkRequest,
): Promise<PayLink> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const invoice = await findInvoice(trx, tenant, request.invoice);
    if (invoice === undefined) throw invoiceNotFound(request.invoice, 'invoice');
    if (invoice.status !== 'open') {
      throw new ApiError(
        'invoice_not_payable',
        `Invoice ${invoice.id} is ${invoice.status}, so there is nothing to pay through a link; only open invoices get pay links.`,
        { param: 'invoice' },
      );
    }

    const issued = await issuePayLink(trx, {
      vendorId: tenant.vendorId,
      livemode: tenant.livemode,
      customerId: invoice.customer_id,
      invoiceId: invoice.id,
      now,
      publicUrl,
      ...(request.expires_in === undefined ? {} : { ttlSeconds: request.expires_in }),
      ...(request.max_uses === undefined ? {} : { maxUses: request.max_uses }),
    });
    const row = await findPayLink(trx, tenant, issued.id);
    if (row === undefined) throw new Error(`Pay link ${issued.id} vanished after its insert.`);
    return toPayLink(row, now, { token: issued.token, url: issued.url });
  });
}

/** Returns one of the tenant's pay links, without its token. */
export async function retrievePayLink(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  payLinkId: string,
): Promise<PayLink> {
  const row = await findPayLink(db, tenant, payLinkId);
  if (row === undefined) throw payLinkNotFound(payLinkId);
  return toPayLink(row, clock.now());
}

export interface PayLinkPageRequest {
  invoiceId: string | undefined;
  limit: number;
  cursor: string | undefined;
}

/** Lists the tenant's pay links newest first, optionally those of one invoice. */
export async function listPayLinkPage(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: PayLinkPageRequest,
) {
  const rows = await listPayLinks(db, tenant, {
    invoiceId: request.invoiceId,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'pl'),
  });
  const now = clock.now();
  return toPage(rows, request.limit, (row) => toPayLink(row, now), createdAtCursorOf);
}

/**
 * Revokes a pay link and every portal session it made, in one transaction that records
 * `pay_link.revoked` and `portal_session.revoked` for each session. Each API process drops
 * those sessions from its cache on the notification sent at commit, so the next request of
 * an open hosted page is rejected. Revoking a revoked link changes nothing and returns it.
 */
export async function revokePayLink(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  payLinkId: string,
): Promise<PayLink> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const locked = await lockPayLink(trx, tenant, payLinkId);
    if (locked === undefined) throw payLinkNotFound(payLinkId);
    if (locked.revoked_at !== null) return toPayLink(locked, now);

    const row = await markPayLinkRevoked(trx, payLinkId, now);
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'pay_link.revoked',
      objectId: row.id,
      data: { id: row.id, invoice: row.invoice_id, revoked_at: now.toISOString() },
    });

    const sessions = await revokeSessionsOfPayLink(trx, payLinkId, now);
    for (const session of sessions) {
      await recordEvent(trx, {
        ...eventScope(row, now),
        type: 'portal_session.revoked',
        objectId: session.id,
        data: { id: session.id, customer: session.customer_id, revoked_at: now.toISOString() },
      });
      await notifySessionRevoked(trx, session.id);
    }
    return toPayLink(row, now);
  });
}
