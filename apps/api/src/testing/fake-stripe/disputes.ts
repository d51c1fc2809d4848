import { latestCharge } from './payment-intents.js';
import { type FakeStripeStore, getOrThrow, type StripeObject, stripeId, unixNow } from './store.js';

/** Dispute statuses, as Stripe names them. */
export type DisputeStatus =
  | 'warning_needs_response'
  | 'warning_under_review'
  | 'warning_closed'
  | 'needs_response'
  | 'under_review'
  | 'won'
  | 'lost'
  | 'prevented';

const CLOSED: DisputeStatus[] = ['won', 'lost', 'warning_closed', 'prevented'];

/**
 * Opens a dispute on the card payment of a PaymentIntent, as the cardholder's bank does:
 * the dispute starts in `needs_response` and `charge.dispute.created` is sent.
 */
export function openDispute(
  store: FakeStripeStore,
  intentId: string,
  options: { amount?: number; reason?: string } = {},
): StripeObject {
  const charge = latestCharge(store, intentId);
  if (charge.status !== 'succeeded') {
    throw new Error(`Charge ${charge.id} did not succeed; only paid charges are disputed.`);
  }
  const dispute: StripeObject = {
    id: stripeId('du'),
    object: 'dispute',
    amount: options.amount ?? charge.amount,
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: intentId,
    reason: options.reason ?? 'fraudulent',
    status: 'needs_response',
  };
  store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  store.emit('charge.dispute.created', dispute);
  return dispute;
}

/**
 * Moves a dispute to `status`: `charge.dispute.closed` for a final status (won, lost),
 * else `charge.dispute.updated`.
 */
export function updateDispute(
  store: FakeStripeStore,
  id: string,
  status: DisputeStatus,
): StripeObject {
  const dispute = getOrThrow(store.disputes, 'dispute', id);
  dispute.status = status;
  store.emit(CLOSED.includes(status) ? 'charge.dispute.closed' : 'charge.dispute.updated', dispute);
  return dispute;
}
