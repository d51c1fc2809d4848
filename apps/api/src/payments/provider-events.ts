import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import type { Logger } from '../http/logger.js';
import { pauseAutopayOnMethod } from './autopay-after-failure.js';
import { applyChargeback } from './chargeback-ledger.js';
import type { LedgerChange, PaymentLookup, ProviderEvent } from './ledger-change.js';
import { lockPayment, type PaymentRow } from './payment-repository.js';
import { applyProviderRefunds } from './refund-ledger.js';
import { settleLockedPayment } from './settle-payment.js';

/**
 * Applies a verified provider event to the ledger, the only path by which a provider's
 * report changes it. One transaction records the event id first, so a redelivery changes
 * nothing. A change about a payment this API does not know (made elsewhere in the
 * provider's account) is skipped, not an error, so the provider does not retry it forever.
 */
export async function applyProviderEvent(
  db: Db,
  clock: Clock,
  event: ProviderEvent,
  logger?: Logger,
): Promise<{ duplicate: boolean }> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const recorded = await trx
      .insertInto('provider_event')
      .values({
        provider: event.provider,
        event_id: event.eventId,
        type: event.type,
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (recorded === undefined) return { duplicate: true };

    for (const change of event.changes) {
      await applyChange(trx, now, event.provider, change, logger);
    }
    return { duplicate: false };
  });
}

async function applyChange(
  trx: Trx,
  now: Date,
  provider: string,
  change: LedgerChange,
  logger: Logger | undefined,
): Promise<void> {
  if (change.kind === 'payment_method_disabled') {
    const methodProvider = change.methodProvider ?? provider;
    await disableMethod(trx, now, methodProvider, change.methodRef, change.reason);
    return;
  }

  const payment = await findPayment(trx, provider, change.payment);
  if (payment === undefined) {
    logger?.info('provider event names no payment of this API; skipped', {
      provider,
      kind: change.kind,
      ...change.payment,
    });
    return;
  }

  if (change.kind === 'charge') {
    await settleLockedPayment(trx, now, payment, change.outcome);
    return;
  }
  // A refund or a chargeback means the charge went through, even when the event saying
  // so has not arrived yet: settle it first, so the order of events does not matter.
  const settled = await settleArrivedFirst(trx, now, payment);
  if (change.kind === 'refunds') {
    await applyProviderRefunds(trx, now, settled, change.refunds);
  } else {
    await applyChargeback(trx, now, settled, change.chargeback);
  }
}

async function settleArrivedFirst(trx: Trx, now: Date, payment: PaymentRow): Promise<PaymentRow> {
  if (payment.status !== 'pending' && payment.status !== 'requires_action') return payment;
  await settleLockedPayment(trx, now, payment, {
    status: 'succeeded',
    providerRef: payment.provider_ref ?? payment.id,
  });
  return (await lockPayment(trx, payment.id)) as PaymentRow;
}

/** Finds and locks the payment by Duly's id (of this provider) or the provider's id. */
async function findPayment(
  trx: Trx,
  provider: string,
  lookup: PaymentLookup,
): Promise<PaymentRow | undefined> {
  let id = lookup.paymentId;
  if (id === undefined && lookup.providerRef !== undefined) {
    const row = await trx
      .selectFrom('payment')
      .select('id')
      .where('provider', '=', provider)
      .where('provider_ref', '=', lookup.providerRef)
      .executeTakeFirst();
    id = row?.id;
  }
  if (id === undefined) return undefined;
  const payment = await lockPayment(trx, id);
  return payment?.provider === provider ? payment : undefined;
}

async function disableMethod(
  trx: Trx,
  now: Date,
  provider: string,
  methodRef: string,
  reason: string,
): Promise<void> {
  const disabled = await trx
    .updateTable('payment_method')
    .set({ disabled_reason: reason })
    .where('provider', '=', provider)
    .where('provider_ref', '=', methodRef)
    .where('disabled_reason', 'is', null)
    .returning(['id', 'customer_id', 'vendor_id', 'livemode'])
    .execute();
  for (const method of disabled) {
    await recordEvent(trx, {
      vendorId: method.vendor_id,
      livemode: method.livemode,
      type: 'payment_method.disabled',
      objectId: method.id,
      data: { id: method.id, customer: method.customer_id, reason },
      createdAt: now,
    });
    await pauseAutopayOnMethod(trx, now, method.id, reason, null);
  }
}
