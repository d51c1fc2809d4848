import { type FormParams, metadataParam, stringParam } from './form-params.js';
import { latestCharge } from './payment-intents.js';
import {
  type FakeStripeStore,
  getOrThrow,
  invalidRequest,
  type StripeObject,
  stripeId,
  unixNow,
} from './store.js';

interface RefundList {
  object: 'list';
  data: StripeObject[];
  has_more: boolean;
  total_count: number;
  url: string;
}

/**
 * `POST /v1/refunds` for a `payment_intent` or a `charge`. Card refunds succeed at once;
 * bank refunds stay `pending` until the test settles them. Sends `refund.created` and
 * `charge.refunded`, whose charge carries every refund so far, newest first.
 */
export function createRefund(store: FakeStripeStore, params: FormParams): StripeObject {
  const intentId = stringParam(params, 'payment_intent');
  const chargeId = stringParam(params, 'charge');
  if (intentId === undefined && chargeId === undefined) {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
      'parameter_missing',
    );
  }
  const charge =
    intentId === undefined
      ? getOrThrow(store.charges, 'charge', chargeId as string, 'charge')
      : latestCharge(store, intentId);
  if (charge.status !== 'succeeded') {
    throw invalidRequest(
      `Charge ${charge.id} has a status of ${String(charge.status)}; only succeeded charges can be refunded.`,
      'charge_not_refundable',
    );
  }
  if (charge.disputed === true) {
    throw invalidRequest(
      `Charge ${charge.id} has been charged back; refunds are not possible.`,
      'charge_disputed',
    );
  }
  const remaining = (charge.amount as number) - (charge.amount_refunded as number);
  if (remaining === 0) {
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      'charge_already_refunded',
    );
  }
  const amount = parseRefundAmount(params, remaining);

  const isBank = (charge.payment_method_details as { type: string }).type === 'us_bank_account';
  const refund: StripeObject = {
    id: stripeId('re'),
    object: 'refund',
    amount,
    charge: charge.id,
    created: unixNow(),
    currency: charge.currency,
    failure_reason: null,
    metadata: metadataParam(params),
    payment_intent: charge.payment_intent,
    reason: stringParam(params, 'reason') ?? null,
    status: isBank ? 'pending' : 'succeeded',
  };
  store.refunds.set(refund.id, refund);
  const list = charge.refunds as RefundList;
  list.data.unshift(refund);
  list.total_count = list.data.length;
  charge.amount_refunded = (charge.amount_refunded as number) + amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  store.emit('refund.created', refund);
  store.emit('charge.refunded', charge);
  return refund;
}

function parseRefundAmount(params: FormParams, remaining: number): number {
  const text = stringParam(params, 'amount');
  if (text === undefined) return remaining;
  const amount = Number(text);
  if (!/^\d+$/.test(text) || amount < 1) {
    throw invalidRequest(
      'Invalid integer: amount must be a positive whole number.',
      'parameter_invalid_integer',
      'amount',
    );
  }
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      'amount_too_large',
      'amount',
    );
  }
  return amount;
}

/** `GET /v1/refunds?charge=...` or `?payment_intent=...`, newest first. */
export function listRefunds(store: FakeStripeStore, params: FormParams): RefundList {
  const chargeId = stringParam(params, 'charge');
  const intentId = stringParam(params, 'payment_intent');
  const limit = Number(stringParam(params, 'limit') ?? 10);
  const matching = [...store.refunds.values()]
    .filter((refund) => chargeId === undefined || refund.charge === chargeId)
    .filter((refund) => intentId === undefined || refund.payment_intent === intentId)
    .reverse();
  return {
    object: 'list',
    data: matching.slice(0, limit),
    has_more: matching.length > limit,
    total_count: matching.length,
    url: '/v1/refunds',
  };
}

/** `GET /v1/refunds/:id`. */
export function retrieveRefund(store: FakeStripeStore, id: string): StripeObject {
  return getOrThrow(store.refunds, 'refund', id);
}

/**
 * Settles a pending refund: `succeeded`, or `failed` with a reason, which gives the amount
 * back to the charge. Sends `refund.updated` (or `refund.failed`) and `charge.refund.updated`.
 */
export function settleRefund(
  store: FakeStripeStore,
  id: string,
  result: 'succeeded' | 'failed',
): StripeObject {
  const refund = getOrThrow(store.refunds, 'refund', id);
  if (refund.status !== 'pending') {
    throw new Error(`Refund ${id} is ${String(refund.status)}, not pending.`);
  }
  refund.status = result;
  if (result === 'failed') {
    refund.failure_reason = 'declined';
    const charge = getOrThrow(store.charges, 'charge', refund.charge as string);
    charge.amount_refunded = (charge.amount_refunded as number) - (refund.amount as number);
    charge.refunded = false;
  }
  store.emit(result === 'failed' ? 'refund.failed' : 'refund.updated', refund);
  store.emit('charge.refund.updated', refund);
  return refund;
}
