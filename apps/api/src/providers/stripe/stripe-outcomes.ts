import type Stripe from 'stripe';
import type { ChargeOutcome } from '../payment-provider.js';
import { achReturnCode } from './ach-return-codes.js';

/** Failure code and message of a failed charge, as the payment stores them. */
export interface ChargeFailure {
  failureCode: string;
  failureMessage: string;
}

/**
 * Describes a Stripe error on a payment, keeping Stripe's message. A card failure gets the
 * issuer's decline code when it is specific (`insufficient_funds`), else Stripe's error
 * code (`card_declined`). A bank debit failure gets the ACH return code (`R01`).
 */
export function chargeFailure(
  error: { code?: string | null; decline_code?: string | null; message?: string | null } | null,
  isBankDebit: boolean,
): ChargeFailure {
  const code = error?.code ?? 'processing_error';
  const declineCode = error?.decline_code;
  let failureCode = code;
  if (isBankDebit) {
    failureCode = achReturnCode(code);
  } else if (
    declineCode !== undefined &&
    declineCode !== null &&
    declineCode !== 'generic_decline'
  ) {
    failureCode = declineCode;
  }
  return {
    failureCode,
    failureMessage: error?.message ?? 'Stripe reported the payment as failed without a reason.',
  };
}

/** Checks whether a PaymentIntent debits a bank account rather than charging a card. */
export function isBankDebitIntent(intent: Stripe.PaymentIntent): boolean {
  const failedMethod = intent.last_payment_error?.payment_method;
  if (failedMethod?.type !== undefined) return failedMethod.type === 'us_bank_account';
  return (
    intent.payment_method_types.length > 0 &&
    intent.payment_method_types.every((type) => type === 'us_bank_account')
  );
}

/**
 * Maps a PaymentIntent's state to a charge outcome: `processing` (a bank debit in flight)
 * is pending, `requires_action` carries the client secret that Stripe.js's
 * `handleNextAction` needs, and `requires_payment_method` after an attempt is a failure.
 */
export function chargeOutcomeOf(intent: Stripe.PaymentIntent): ChargeOutcome {
  const providerRef = intent.id;
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', providerRef };
    case 'processing':
    case 'requires_capture':
    case 'requires_confirmation':
      return { status: 'pending', providerRef };
    case 'requires_action':
      if (intent.client_secret === null) {
        throw new Error(
          `Stripe returned PaymentIntent ${intent.id} in requires_action without a client secret.`,
        );
      }
      return {
        status: 'requires_action',
        providerRef,
        nextAction: { type: 'stripe_sdk', client_secret: intent.client_secret },
      };
    case 'canceled':
      return { status: 'canceled', providerRef };
    default:
      return {
        status: 'failed',
        providerRef,
        ...chargeFailure(intent.last_payment_error, isBankDebitIntent(intent)),
      };
  }
}
