import type Stripe from 'stripe';
import type { ChargeOutcome } from '../payment-provider.js';
import { achReturnCode } from './ach-return-codes.js';

/** Why a charge failed, in the words the payment stores. */
export interface ChargeFailure {
  failureCode: string;
  failureMessage: string;
}

/**
 * Describes a Stripe error on a payment: for a card, the decline code when the issuer gave
 * a specific one (`insufficient_funds`), else Stripe's error code (`card_declined`); for a
 * bank debit, the ACH return code (`R01`). Stripe's message is kept.
 */
export function chargeFailure(
  error: { code?: string | null; decline_code?: string | null; message?: string | null } | null,
  isBankDebit: boolean,
): ChargeFailure {
  const code = error?.code ?? 'processing_error';
  const declineCode = error?.decline_code;
  const specific =
    declineCode !== undefined && declineCode !== null && declineCode !== 'generic_decline';
  return {
    failureCode: isBankDebit ? achReturnCode(code) : specific ? declineCode : code,
    failureMessage: error?.message ?? 'Stripe reported the payment as failed without a reason.',
  };
}

/** Whether a PaymentIntent debits a bank account rather than charging a card. */
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
