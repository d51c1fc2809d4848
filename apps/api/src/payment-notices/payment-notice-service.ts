import type { CreatePaymentNoticeRequest, PaymentNotice } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth, Tenant } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { newId } from '../ids.js';
import { todayFor } from '../invoices/invoice-service.js';
import {
  checkTargetAmount,
  lockOpenTargetInvoices,
  rejectDuplicateTargets,
  sumTargets,
} from '../payments/invoice-targets.js';
import { checkRecentDate } from '../payments/offline-payment.js';
import { toPaymentNotice } from './payment-notice-object.js';
import {
  findPaymentNotice,
  listPaymentNoticeInvoices,
  listPaymentNotices,
  type PaymentNoticeRow,
  setInvoicesNotice,
} from './payment-notice-repository.js';

/** Throws `payment_notice_not_found` for `paymentNoticeId`, unknown and foreign ids alike. */
export function paymentNoticeNotFound(paymentNoticeId: string): ApiError {
  return new ApiError(
    'payment_notice_not_found',
    `No payment notice with id ${paymentNoticeId} exists.`,
    { param: 'id' },
  );
}

/**
 * Portal `POST /v1/portal/payment_notices`: records the customer's statement that it sent
 * money outside the portal for some of its open invoices. Each invoice must be open, in the currency of the
 * first, with no other notice pending, and its amount at most what it can still take.
 * Marks the invoices with the notice (autopay then leaves them alone) and records
 * `payment_notice.created`; changes nothing when a check fails.
 */
export async function createPaymentNotice(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  request: CreatePaymentNoticeRequest,
): Promise<PaymentNotice> {
  checkRecentDate(request.sent_on, todayFor(clock, portal), 'sent_on');
  rejectDuplicateTargets(request.invoices);
  const amount = sumTargets(request.invoices);

  const now = clock.now();
  const notice = await db.transaction().execute(async (trx) => {
    const invoices = await lockOpenTargetInvoices(trx, portal, portal.customerId, request.invoices);
    const currency = invoices[0]?.currency as string;
    invoices.forEach((invoice, index) => {
      if (invoice.currency !== currency) {
        throw new ApiError(
          'currency_mismatch',
          `Invoice ${invoice.number} is in ${invoice.currency} but the first invoice is in ${currency}; send one notice per currency.`,
          { param: `invoices[${index}].invoice` },
        );
      }
      if (invoice.payment_notice_id !== null) {
        throw new ApiError(
          'payment_notice_exists',
          `Invoice ${invoice.number} already has a payment notice waiting for the vendor; wait for its decision before sending another.`,
          { param: `invoices[${index}].invoice` },
        );
      }
      checkTargetAmount(invoice, index, request.invoices[index]?.amount ?? 0);
    });

    const row: PaymentNoticeRow = {
      id: newId('pn'),
      vendor_id: portal.vendorId,
      livemode: portal.livemode,
      customer_id: portal.customerId,
      status: 'pending',
      currency,
      amount: String(amount),
      method: request.method,
      reference: request.reference ?? null,
      sent_on: request.sent_on,
      payment_id: null,
      rejection_reason: null,
      created_at: now,
      decided_at: null,
    };
    await trx.insertInto('payment_notice').values(row).execute();
    await trx
      .insertInto('payment_notice_invoice')
      .values(
        request.invoices.map((line) => ({
          payment_notice_id: row.id,
          invoice_id: line.invoice,
          amount: line.amount,
        })),
      )
      .execute();
    await setInvoicesNotice(
      trx,
      invoices.map((invoice) => invoice.id),
      row.id,
      now,
    );

    const created = toPaymentNotice(row, await listPaymentNoticeInvoices(trx, [row.id]));
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'payment_notice.created',
      objectId: row.id,
      data: created,
    });
    return created;
  });
  return notice;
}

/**
 * Reads a notice of the tenant with its invoices; with `customerId`, another customer's
 * notice is not found.
 */
export async function retrievePaymentNotice(
  db: Db,
  tenant: Tenant,
  paymentNoticeId: string,
  customerId?: string,
): Promise<PaymentNotice> {
  const row = await findPaymentNotice(db, tenant, paymentNoticeId, customerId);
  if (row === undefined) throw paymentNoticeNotFound(paymentNoticeId);
  return toPaymentNotice(row, await listPaymentNoticeInvoices(db, [row.id]));
}

/** A request for one page of notices, as the list routes' query strings carry it. */
export interface PaymentNoticePageRequest {
  customerId: string | undefined;
  status: PaymentNotice['status'] | undefined;
  limit: number;
  cursor: string | undefined;
}

/**
 * Lists one page of the tenant's notices, newest first, with their invoices and the next
 * page's cursor. Throws `invalid_cursor` for a cursor that no notice list returned.
 */
export async function listPaymentNoticePage(
  db: Db,
  tenant: Tenant,
  request: PaymentNoticePageRequest,
) {
  const rows = await listPaymentNotices(db, tenant, {
    customerId: request.customerId,
    status: request.status,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'pn'),
  });
  const invoices = await listPaymentNoticeInvoices(
    db,
    rows.map((row) => row.id),
  );
  return toPage(rows, request.limit, (row) => toPaymentNotice(row, invoices), createdAtCursorOf);
}
