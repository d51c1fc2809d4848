import {
  type ConfirmPaymentNoticeRequest,
  MAX_AMOUNT,
  type PaymentNotice,
  type RejectPaymentNoticeRequest,
} from '@duly/core';
import type { Clock } from '../clock.js';
import { type Db, type Trx, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { type InvoiceRow, lockCustomerInvoices } from '../invoices/invoice-repository.js';
import { todayFor, type ZonedTenant } from '../invoices/invoice-service.js';
import { payableOf } from '../payments/invoice-targets.js';
import { checkRecentDate, insertOfflinePayment } from '../payments/offline-payment.js';
import { toPaymentNotice } from './payment-notice-object.js';
import {
  clearInvoicesNotice,
  findPaymentNotice,
  listPaymentNoticeInvoices,
  lockPaymentNotice,
  type PaymentNoticeInvoiceRow,
  type PaymentNoticeRow,
} from './payment-notice-repository.js';
import { paymentNoticeNotFound } from './payment-notice-service.js';

/** A pending notice locked for a decision, with its invoices locked before it. */
interface LockedNotice {
  notice: PaymentNoticeRow;
  lines: PaymentNoticeInvoiceRow[];
  invoices: Map<string, InvoiceRow>;
}

/**
 * Locks a notice's invoices, in id order like every transaction that changes invoices, then
 * the notice itself, and checks that the notice still waits for a decision. Throws
 * `payment_notice_not_found` and `payment_notice_not_pending`.
 */
async function lockPendingNotice(
  trx: Trx,
  tenant: Tenant,
  found: PaymentNoticeRow,
): Promise<LockedNotice> {
  const lines = await listPaymentNoticeInvoices(trx, [found.id]);
  const invoices = await lockCustomerInvoices(
    trx,
    tenant,
    found.customer_id,
    lines.map((line) => line.invoice_id),
  );
  const notice = await lockPaymentNotice(trx, tenant, found.id);
  if (notice === undefined) throw paymentNoticeNotFound(found.id);
  if (notice.status !== 'pending') {
    throw new ApiError(
      'payment_notice_not_pending',
      `Payment notice ${notice.id} was already ${notice.status}; a notice is decided once.`,
    );
  }
  return { notice, lines, invoices: new Map(invoices.map((row) => [row.id, row])) };
}

async function findNoticeOrThrow(db: Db, tenant: Tenant, paymentNoticeId: string) {
  const found = await findPaymentNotice(db, tenant, paymentNoticeId);
  if (found === undefined) throw paymentNoticeNotFound(paymentNoticeId);
  return found;
}

/**
 * Splits the payment over the notice's invoices, oldest due first: each takes the amount
 * the customer gave for it, no more than it can still take (nothing once it is no
 * longer open), until the payment runs out. The rest stays unapplied, as credit.
 */
function allocate(amount: number, locked: LockedNotice) {
  let left = amount;
  return locked.lines.map((line) => {
    const invoice = locked.invoices.get(line.invoice_id);
    const payable = invoice?.status === 'open' ? payableOf(invoice) : 0;
    const take = Math.min(toAmount(line.amount), payable, left);
    left -= take;
    return { invoice: line.invoice_id, amount: take };
  });
}

/**
 * Vendor `POST /v1/payment_notices/:id/confirm`: the money arrived. Records it as an
 * offline payment (by default the notice's amount, received on the vendor's today) applied
 * to the notice's invoices, frees the invoices from the notice and records
 * `payment_notice.confirmed`, all in one transaction.
 */
export async function confirmPaymentNotice(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  paymentNoticeId: string,
  request: ConfirmPaymentNoticeRequest,
): Promise<PaymentNotice> {
  if (request.amount !== undefined && request.amount > MAX_AMOUNT) {
    throw new ApiError(
      'amount_too_large',
      `The amount must be at most ${MAX_AMOUNT} minor units; record a larger sum as several payments.`,
      { param: 'amount' },
    );
  }
  const receivedOn = request.received_on ?? todayFor(clock, tenant);
  checkRecentDate(receivedOn, todayFor(clock, tenant), 'received_on');
  const found = await findNoticeOrThrow(db, tenant, paymentNoticeId);

  return db.transaction().execute(async (trx) => {
    const locked = await lockPendingNotice(trx, tenant, found);
    const { notice } = locked;
    const now = clock.now();
    const amount = request.amount ?? toAmount(notice.amount);
    const payment = await insertOfflinePayment(trx, now, tenant, {
      customerId: notice.customer_id,
      currency: notice.currency,
      amount,
      method: notice.method,
      reference: request.reference ?? notice.reference,
      receivedOn,
      applications: allocate(amount, locked),
    });

    const confirmed = await trx
      .updateTable('payment_notice')
      .set({ status: 'confirmed', payment_id: payment.id, decided_at: now })
      .where('id', '=', notice.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return finishDecision(trx, now, confirmed, locked.lines, 'payment_notice.confirmed');
  });
}

/**
 * Vendor `POST /v1/payment_notices/:id/reject`: the money did not arrive. Frees the
 * invoices from the notice and records `payment_notice.rejected` with the reason, which
 * the portal shows the customer.
 */
export async function rejectPaymentNotice(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  paymentNoticeId: string,
  request: RejectPaymentNoticeRequest,
): Promise<PaymentNotice> {
  const found = await findNoticeOrThrow(db, tenant, paymentNoticeId);

  return db.transaction().execute(async (trx) => {
    const locked = await lockPendingNotice(trx, tenant, found);
    const now = clock.now();
    const rejected = await trx
      .updateTable('payment_notice')
      .set({ status: 'rejected', rejection_reason: request.reason, decided_at: now })
      .where('id', '=', locked.notice.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return finishDecision(trx, now, rejected, locked.lines, 'payment_notice.rejected');
  });
}

/** Frees the invoices from a decided notice and records the decision's event. */
async function finishDecision(
  trx: Trx,
  now: Date,
  decided: PaymentNoticeRow,
  lines: PaymentNoticeInvoiceRow[],
  type: 'payment_notice.confirmed' | 'payment_notice.rejected',
): Promise<PaymentNotice> {
  await clearInvoicesNotice(
    trx,
    lines.map((line) => line.invoice_id),
    decided.id,
    now,
  );
  const notice = toPaymentNotice(decided, lines);
  await recordEvent(trx, { ...eventScope(decided, now), type, objectId: decided.id, data: notice });
  return notice;
}
