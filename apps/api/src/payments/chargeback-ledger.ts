import type { ChargebackStatus } from '@duly/core';
import { type Trx, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { newId } from '../ids.js';
import type { PaymentRow } from './payment-repository.js';
import { takeBackPayment } from './reverse-applications.js';

export interface ReportedChargeback {
  providerRef: string;
  amount: number;
  reason: string;
  status: ChargebackStatus;
}

const CLOSED: ReadonlySet<ChargebackStatus> = new Set(['won', 'lost']);

/**
 * Records a card network's chargeback of a payment as the provider reports it. The payment
 * is marked while it is open. When it is lost, what it took comes back: its unapplied
 * credit first, then off the invoices, which reopen. A closed chargeback stays closed, so
 * an older event arriving late changes nothing. The payment row must be locked by the
 * caller.
 */
export async function applyChargeback(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  reported: ReportedChargeback,
): Promise<void> {
  const existing = await trx
    .selectFrom('chargeback')
    .selectAll()
    .where('provider', '=', payment.provider)
    .where('provider_ref', '=', reported.providerRef)
    .forUpdate()
    .executeTakeFirst();
  if (
    existing !== undefined &&
    (existing.status === reported.status || CLOSED.has(existing.status))
  ) {
    return;
  }

  const scope = eventScope(payment, now);
  const id = existing?.id ?? newId('cb');
  if (existing === undefined) {
    await trx
      .insertInto('chargeback')
      .values({
        id,
        vendor_id: payment.vendor_id,
        livemode: payment.livemode,
        payment_id: payment.id,
        amount: reported.amount,
        reason: reported.reason,
        status: reported.status,
        provider: payment.provider,
        provider_ref: reported.providerRef,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordEvent(trx, {
      ...scope,
      type: 'payment.chargeback_opened',
      objectId: payment.id,
      data: { id: payment.id, chargeback: id, amount: reported.amount, reason: reported.reason },
    });
  } else {
    await trx
      .updateTable('chargeback')
      .set({ status: reported.status, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  let reversed = 0;
  if (reported.status === 'lost') {
    const kept = toAmount(payment.amount) - toAmount(payment.amount_refunded);
    reversed = await takeBackPayment(
      trx,
      now,
      payment,
      Math.min(reported.amount, kept),
      'chargeback_lost',
    );
  }
  await trx
    .updateTable('payment')
    .set({ chargeback_status: reported.status, updated_at: now })
    .where('id', '=', payment.id)
    .execute();
  if (CLOSED.has(reported.status)) {
    await recordEvent(trx, {
      ...scope,
      type: 'payment.chargeback_closed',
      objectId: payment.id,
      data: { id: payment.id, chargeback: id, status: reported.status, amount_reversed: reversed },
    });
  }
}
