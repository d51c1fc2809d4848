import type { ChargebackStatus } from '@duly/core';
import type Stripe from 'stripe';
import type { LedgerChange, PaymentLookup, ProviderRefund } from '../../payments/ledger-change.js';
import { fromStripeAmount } from './stripe-amount.js';
import { chargeFailure, chargeOutcomeOf } from './stripe-outcomes.js';

/** PaymentIntent events whose intent state is a charge outcome. */
const INTENT_EVENTS = new Set([
  'payment_intent.succeeded',
  'payment_intent.processing',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
]);

/** Events about one refund; `charge.refunded` carries them all instead. */
const REFUND_EVENTS = new Set([
  'refund.created',
  'refund.updated',
  'refund.failed',
  'charge.refund.updated',
]);

const DISPUTE_EVENTS = new Set([
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
]);

/**
 * Translates a verified Stripe event into what it means for the ledger. Pure: it reads
 * only its arguments. `refunds` replaces the `refunds` list of a `charge.refunded` charge
 * when the event leaves it out (Stripe stopped including it by default in API 2022-11-15),
 * so the caller can list them from Stripe. Events that do not touch the ledger, such as
 * `setup_intent.succeeded`, and unknown types give no changes.
 *
 * - `payment_intent.succeeded | processing | payment_failed | canceled`: the charge's
 *   outcome; card failures carry the decline code, bank failures the ACH return code.
 * - `charge.failed`: a failed charge; after a succeeded bank debit it is a return (R01...).
 * - `charge.refunded`: every refund of the charge so far; `refund.*` events: that refund.
 * - `charge.dispute.*`: the chargeback and its status.
 */
export function toLedgerChanges(event: Stripe.Event, refunds?: Stripe.Refund[]): LedgerChange[] {
  if (INTENT_EVENTS.has(event.type)) {
    const intent = event.data.object as Stripe.PaymentIntent;
    return [{ kind: 'charge', payment: intentLookup(intent), outcome: chargeOutcomeOf(intent) }];
  }
  if (event.type === 'charge.failed') {
    return chargeFailedChanges(event.data.object as Stripe.Charge);
  }
  if (event.type === 'charge.refunded') {
    const charge = event.data.object as Stripe.Charge;
    const reported = charge.refunds?.data ?? refunds ?? [];
    const payment = chargeLookup(charge);
    if (payment === undefined) return [];
    return [{ kind: 'refunds', payment, refunds: reported.map(toProviderRefund) }];
  }
  if (REFUND_EVENTS.has(event.type)) {
    const refund = event.data.object as Stripe.Refund;
    const intentId = idOf(refund.payment_intent);
    if (intentId === undefined) return [];
    const payment: PaymentLookup = withPaymentId({ providerRef: intentId }, refund.metadata);
    return [{ kind: 'refunds', payment, refunds: [toProviderRefund(refund)] }];
  }
  if (DISPUTE_EVENTS.has(event.type)) {
    const dispute = event.data.object as Stripe.Dispute;
    const intentId = idOf(dispute.payment_intent);
    if (intentId === undefined) return [];
    return [
      {
        kind: 'chargeback',
        payment: { providerRef: intentId },
        chargeback: {
          providerRef: dispute.id,
          amount: fromStripeAmount(dispute.amount, dispute.currency),
          reason: dispute.reason,
          status: chargebackStatus(dispute.status),
        },
      },
    ];
  }
  return [];
}

function chargeFailedChanges(charge: Stripe.Charge): LedgerChange[] {
  const payment = chargeLookup(charge);
  if (payment === undefined) return [];
  const isBankDebit = charge.payment_method_details?.type === 'us_bank_account';
  const failure = chargeFailure(
    {
      code: charge.failure_code,
      decline_code: charge.outcome?.reason ?? null,
      message: charge.failure_message,
    },
    isBankDebit,
  );
  return [
    {
      kind: 'charge',
      payment,
      outcome: { status: 'failed', providerRef: payment.providerRef ?? null, ...failure },
    },
  ];
}

/** Finds the payment of a PaymentIntent: by the `duly_payment` metadata and the intent id. */
function intentLookup(intent: Stripe.PaymentIntent): PaymentLookup {
  return withPaymentId({ providerRef: intent.id }, intent.metadata);
}

/** Finds the payment of a charge through its PaymentIntent; undefined for a bare charge. */
function chargeLookup(charge: Stripe.Charge): PaymentLookup | undefined {
  const intentId = idOf(charge.payment_intent);
  if (intentId === undefined) return undefined;
  return withPaymentId({ providerRef: intentId }, charge.metadata);
}

function withPaymentId(
  lookup: PaymentLookup,
  metadata: Stripe.Metadata | null | undefined,
): PaymentLookup {
  const paymentId = metadata?.duly_payment;
  return paymentId === undefined ? lookup : { ...lookup, paymentId };
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.id;
}

function toProviderRefund(refund: Stripe.Refund): ProviderRefund {
  const refundId = refund.metadata?.duly_refund;
  return {
    providerRef: refund.id,
    ...(refundId === undefined ? {} : { refundId }),
    amount: fromStripeAmount(refund.amount, refund.currency),
    status: refundStatus(refund.status),
    reason: refund.reason ?? null,
  };
}

function refundStatus(status: string | null): ProviderRefund['status'] {
  if (status === 'succeeded' || status === 'failed' || status === 'canceled') return status;
  // `pending` and `requires_action` (the customer must give bank details) are in flight.
  return 'pending';
}

/**
 * Maps Stripe's dispute status to the chargeback's. Inquiries (`warning_*`) and appeals
 * count as their plain stages; `warning_closed` and `prevented` end with the money kept,
 * like `won`.
 */
export function chargebackStatus(status: Stripe.Dispute.Status): ChargebackStatus {
  switch (status) {
    case 'needs_response':
    case 'warning_needs_response':
    case 'appeal_needs_response':
      return 'needs_response';
    case 'won':
    case 'warning_closed':
    case 'prevented':
      return 'won';
    case 'lost':
      return 'lost';
    default:
      return 'under_review';
  }
}
