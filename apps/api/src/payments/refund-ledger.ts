import { formatDecimalAmount } from '@duly/core';
import { type Selectable, sql, type Updateable } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, RefundTable, Trx } from '../db/index.js';
import { toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { newId } from '../ids.js';
import type { RefundOutcome } from '../providers/index.js';
import type { ProviderRefund } from './ledger-change.js';
import { paymentNotFound } from './payment-errors.js';
import { lockPayment, type PaymentRow } from './payment-repository.js';
import { takeBackPayment } from './reverse-applications.js';

export type RefundRow = Selectable<RefundTable>;

/**
 * Records a refund as `pending`, step 1 of a refund as of a payment. With the payment
 * locked, it checks what is left to refund (paid, less refunded, less refunds in flight);
 * the pending row reserves its amount. Refunds all that is left when no amount is given.
 */
export async function createRefundRecord(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  paymentId: string,
  request: { amount?: number; reason?: string },
): Promise<{ refund: RefundRow; payment: PaymentRow }> {
  return db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, paymentId);
    if (
      payment === undefined ||
      payment.vendor_id !== tenant.vendorId ||
      payment.livemode !== tenant.livemode
    ) {
      throw paymentNotFound(paymentId);
    }
    rejectUnrefundable(payment);

    const inFlight = await trx
      .selectFrom('refund')
      .select(sql<string>`coalesce(sum(amount), 0)`.as('total'))
      .where('payment_id', '=', payment.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const left =
      toAmount(payment.amount) - toAmount(payment.amount_refunded) - toAmount(inFlight.total);
    const money = (amount: number) =>
      `${formatDecimalAmount(amount, payment.currency)} ${payment.currency}`;
    if (left <= 0) {
      throw new ApiError(
        'payment_not_refundable',
        `Payment ${payment.id} is already refunded in full, or refunds in progress cover all of it.`,
      );
    }
    const amount = request.amount ?? left;
    if (amount > left) {
      throw new ApiError(
        'refund_exceeds_payment',
        `A refund of ${money(amount)} is more than the ${money(left)} of payment ${payment.id} that is left to refund.`,
        { param: 'amount' },
      );
    }

    const now = clock.now();
    const refund = await insertPendingRefund(trx, now, payment, {
      amount,
      reason: request.reason ?? null,
      providerRef: null,
    });
    await recordEvent(trx, {
      ...eventScope(payment, now),
      type: 'refund.created',
      objectId: refund.id,
      data: {
        id: refund.id,
        payment: payment.id,
        amount,
        currency: payment.currency,
        reason: refund.reason,
      },
    });
    return { refund, payment };
  });
}

function rejectUnrefundable(payment: PaymentRow): void {
  if (payment.status === 'succeeded' && payment.chargeback_status === null) return;
  const reason =
    payment.chargeback_status !== null
      ? 'has a chargeback; the card network decides what goes back to the customer'
      : payment.status === 'refunded'
        ? 'is already refunded in full'
        : payment.status === 'pending' || payment.status === 'requires_action'
          ? 'has not succeeded yet; refund it once it has'
          : `is ${payment.status}, so no money was taken`;
  throw new ApiError('payment_not_refundable', `Payment ${payment.id} ${reason}.`);
}

/**
 * Records the provider's result of a refund, step 3. A succeeded refund comes off the
 * payment's unapplied credit first and then off its invoices, once, and a failed one
 * releases its reserved amount. A refund no
 * longer pending is returned unchanged, so a repeated result changes nothing.
 */
export async function settleRefund(
  db: Db,
  clock: Clock,
  refundId: string,
  outcome: RefundOutcome,
): Promise<RefundRow> {
  return db.transaction().execute(async (trx) => {
    const refund = await trx
      .selectFrom('refund')
      .selectAll()
      .where('id', '=', refundId)
      .forUpdate()
      .executeTakeFirst();
    if (refund === undefined) throw new Error(`Cannot settle unknown refund ${refundId}.`);
    const payment = await lockPayment(trx, refund.payment_id);
    if (payment === undefined) throw new Error(`Refund ${refundId} names no payment.`);
    return moveRefund(trx, clock.now(), payment, refund, outcome.status, outcome.providerRef);
  });
}

/**
 * Brings the refunds a provider reports for a payment (every refund so far, as Stripe's
 * `charge.refunded` carries them) into the ledger. Each is matched by the provider's id, or
 * by Duly's id for one made here; one made elsewhere (the provider's dashboard) is added.
 * Applying each refund once, and never past what the payment still has, makes repeated,
 * reordered and cumulative events safe. The payment row must be locked by the caller.
 */
export async function applyProviderRefunds(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  refunds: ProviderRefund[],
): Promise<PaymentRow> {
  let current = payment;
  for (const reported of refunds) {
    let refund = await trx
      .selectFrom('refund')
      .selectAll()
      .where('provider', '=', payment.provider)
      .where('provider_ref', '=', reported.providerRef)
      .forUpdate()
      .executeTakeFirst();
    if (refund === undefined && reported.refundId !== undefined) {
      refund = await trx
        .selectFrom('refund')
        .selectAll()
        .where('id', '=', reported.refundId)
        .where('payment_id', '=', payment.id)
        .forUpdate()
        .executeTakeFirst();
    }
    refund ??= await insertPendingRefund(trx, now, payment, reported);
    await moveRefund(trx, now, current, refund, reported.status, reported.providerRef);
    current = (await lockPayment(trx, payment.id)) ?? current;
  }
  return current;
}

async function moveRefund(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  refund: RefundRow,
  status: RefundRow['status'],
  providerRef: string | null,
): Promise<RefundRow> {
  if (refund.status !== 'pending') return refund;
  const scope = eventScope(payment, now);

  if (status === 'pending') {
    return updateRefund(trx, now, refund.id, { provider_ref: providerRef ?? refund.provider_ref });
  }
  if (status === 'failed' || status === 'canceled') {
    const updated = await updateRefund(trx, now, refund.id, {
      status,
      provider_ref: providerRef ?? refund.provider_ref,
    });
    await recordEvent(trx, {
      ...scope,
      type: 'refund.failed',
      objectId: refund.id,
      data: { id: refund.id, payment: payment.id, amount: toAmount(refund.amount), status },
    });
    return updated;
  }

  // Never more than the payment still has, whatever the provider reports.
  const left = toAmount(payment.amount) - toAmount(payment.amount_refunded);
  const amount = Math.min(toAmount(refund.amount), left);
  if (amount > 0) await takeBackPayment(trx, now, payment, amount, 'refunded');
  const unapplied = toAmount(payment.amount_unapplied);
  const unappliedAfter = unapplied - Math.min(amount, unapplied);
  const refunded = toAmount(payment.amount_refunded) + amount;
  const fully = refunded === toAmount(payment.amount);
  await trx
    .updateTable('payment')
    .set({
      amount_refunded: refunded,
      status: fully ? 'refunded' : payment.status,
      updated_at: now,
    })
    .where('id', '=', payment.id)
    .execute();
  const updated = await updateRefund(trx, now, refund.id, {
    status: 'succeeded',
    provider_ref: providerRef ?? refund.provider_ref,
    applied_at: now,
  });
  await recordEvent(trx, {
    ...scope,
    type: 'refund.succeeded',
    objectId: refund.id,
    data: { id: refund.id, payment: payment.id, amount, currency: payment.currency },
  });
  await recordEvent(trx, {
    ...scope,
    type: 'payment.refunded',
    objectId: payment.id,
    data: {
      id: payment.id,
      status: fully ? 'refunded' : payment.status,
      amount: toAmount(payment.amount),
      amount_refunded: refunded,
      amount_unapplied: unappliedAfter,
      currency: payment.currency,
    },
  });
  return updated;
}

/** Inserts a `pending` refund of `payment`; the row reserves its amount until it settles. */
async function insertPendingRefund(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  refund: { amount: number; reason: string | null; providerRef: string | null },
): Promise<RefundRow> {
  return trx
    .insertInto('refund')
    .values({
      id: newId('re'),
      vendor_id: payment.vendor_id,
      livemode: payment.livemode,
      payment_id: payment.id,
      amount: refund.amount,
      status: 'pending',
      reason: refund.reason,
      provider: payment.provider,
      provider_ref: refund.providerRef,
      created_at: now,
      updated_at: now,
      applied_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function updateRefund(
  trx: Trx,
  now: Date,
  refundId: string,
  changes: Updateable<RefundTable>,
): Promise<RefundRow> {
  return trx
    .updateTable('refund')
    .set({ ...changes, updated_at: now })
    .where('id', '=', refundId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
