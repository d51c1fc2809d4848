import type { CreateSandboxPaymentMethodRequest } from '@duly/core';
import { ApiError } from '../http/api-error.js';
import type { ChargeOutcome, ChargeRequest, PaymentProvider } from './payment-provider.js';

type SandboxCard = CreateSandboxPaymentMethodRequest['card'];

/** The result of charging a test card, stored as the method's `provider_ref`. */
type SandboxOutcome =
  | 'succeeds'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc';

/**
 * Stripe's documented test card numbers (https://docs.stripe.com/testing#cards and
 * #declined-payments) and what each does, so that a switch to Stripe test mode changes
 * no test data.
 */
const TEST_CARDS: ReadonlyMap<string, { brand: string; outcome: SandboxOutcome }> = new Map([
  ['4242424242424242', { brand: 'visa', outcome: 'succeeds' }],
  ['5555555555554444', { brand: 'mastercard', outcome: 'succeeds' }],
  ['4000000000000002', { brand: 'visa', outcome: 'card_declined' }],
  ['4000000000009995', { brand: 'visa', outcome: 'insufficient_funds' }],
  ['4000000000000069', { brand: 'visa', outcome: 'expired_card' }],
  ['4000000000000127', { brand: 'visa', outcome: 'incorrect_cvc' }],
]);

const DECLINE_MESSAGES: Record<Exclude<SandboxOutcome, 'succeeds'>, string> = {
  card_declined: 'The card was declined. Use another card.',
  insufficient_funds: 'The card has insufficient funds. Use another card.',
  expired_card: 'The card has expired. Check the expiry date or use another card.',
  incorrect_cvc: "The card's security code is incorrect. Check it and try again.",
};

function isSandboxOutcome(value: string): value is SandboxOutcome {
  return value === 'succeeds' || Object.hasOwn(DECLINE_MESSAGES, value);
}

/**
 * The built-in provider for test mode: no keys, no network. It accepts only the test
 * cards above, keeps brand, last four and expiry, stores the outcome instead of the
 * number, and settles each charge at once.
 */
export class SandboxProvider implements PaymentProvider<SandboxCard> {
  readonly name = 'sandbox';

  createPaymentMethod(card: SandboxCard, context: { livemode: boolean; now: Date }) {
    if (context.livemode) {
      throw new ApiError(
        'sandbox_not_available',
        'The sandbox provider works in test mode only; use a test-mode secret key (sk_test_...).',
      );
    }
    const testCard = TEST_CARDS.get(card.number.replaceAll(' ', ''));
    if (testCard === undefined) {
      throw new ApiError(
        'card_not_test_card',
        'The sandbox accepts only test card numbers, such as 4242 4242 4242 4242; no real card is charged in test mode.',
        { param: 'card.number' },
      );
    }
    if (isExpiredBy(card, context.now)) {
      throw new ApiError(
        'validation_failed',
        `The card expired at the end of ${String(card.exp_month).padStart(2, '0')}/${card.exp_year}; use a future expiry date.`,
        { param: 'card.exp_year' },
      );
    }

    const number = card.number.replaceAll(' ', '');
    return {
      type: 'card' as const,
      brand: testCard.brand,
      last4: number.slice(-4),
      expMonth: card.exp_month,
      expYear: card.exp_year,
      providerRef: testCard.outcome,
    };
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const outcome = request.methodRef;
    if (!isSandboxOutcome(outcome)) {
      throw new Error(`Sandbox payment method reference "${outcome}" names no test card outcome.`);
    }
    const providerRef = `sandbox_${request.idempotencyKey}`;
    if (outcome === 'succeeds') return { status: 'succeeded', providerRef };
    return {
      status: 'failed',
      providerRef,
      failureCode: outcome,
      failureMessage: DECLINE_MESSAGES[outcome],
    };
  }
}

/** Checks whether the card's expiry month is past. Cards are valid to the month's end, UTC. */
function isExpiredBy(card: SandboxCard, now: Date): boolean {
  const firstDayAfterExpiry = Date.UTC(card.exp_year, card.exp_month, 1);
  return now.getTime() >= firstDayAfterExpiry;
}
