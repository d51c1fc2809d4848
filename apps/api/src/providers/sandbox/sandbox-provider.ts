import type { SandboxBankAccount, SandboxCard } from '@duly/core';
import { ApiError } from '../../http/api-error.js';
import type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  ProviderPaymentMethod,
  RefundOutcome,
  RefundRequest,
} from '../payment-provider.js';
import { STRIPE_MINIMUM_CHARGES } from '../stripe/stripe-minimums.js';

/** Stripe's test routing number and test accounts (https://docs.stripe.com/testing#ach-direct-debit). */
const TEST_ROUTING_NUMBER = '110000000';

/** The final result of a debit of each test bank account, stored as the method's `provider_ref`. */
export type SandboxBankOutcome = 'ach_succeeds' | 'ach_R01' | 'ach_R02' | 'ach_R03';

const TEST_BANK_ACCOUNTS: ReadonlyMap<string, SandboxBankOutcome> = new Map([
  ['000123456789', 'ach_succeeds'],
  ['000222222227', 'ach_R01'],
  ['000111111113', 'ach_R02'],
  ['000111111116', 'ach_R03'],
]);

const RETURN_MESSAGES: Record<Exclude<SandboxBankOutcome, 'ach_succeeds'>, string> = {
  ach_R01:
    'The bank returned the debit: insufficient funds (R01). Add funds or use another account.',
  ach_R02: 'The bank returned the debit: the account is closed (R02). Use another account.',
  ach_R03:
    'The bank returned the debit: no account was found (R03). Check the account or use another.',
};

/**
 * Returns the result of a sandbox bank debit once the clearing delay has passed, from the
 * method's `provider_ref`: succeeded, or failed with the return code.
 */
export function sandboxBankOutcome(methodRef: string, providerRef: string): ChargeOutcome {
  if (methodRef === 'ach_succeeds') return { status: 'succeeded', providerRef };
  if (methodRef === 'ach_R01' || methodRef === 'ach_R02' || methodRef === 'ach_R03') {
    return {
      status: 'failed',
      providerRef,
      failureCode: methodRef.slice(4),
      failureMessage: RETURN_MESSAGES[methodRef],
    };
  }
  throw new Error(`Sandbox bank account reference "${methodRef}" names no test account outcome.`);
}

/** The result of charging a test card, stored as the method's `provider_ref`. */
type SandboxOutcome =
  | 'succeeds'
  | 'requires_authentication'
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
  ['4000002500003155', { brand: 'visa', outcome: 'requires_authentication' }],
]);

const DECLINE_MESSAGES: Record<
  Exclude<SandboxOutcome, 'succeeds' | 'requires_authentication'>,
  string
> = {
  card_declined: 'The card was declined. Use another card.',
  insufficient_funds: 'The card has insufficient funds. Use another card.',
  expired_card: 'The card has expired. Check the expiry date or use another card.',
  incorrect_cvc: "The card's security code is incorrect. Check it and try again.",
};

function isSandboxOutcome(value: string): value is SandboxOutcome {
  return (
    value === 'succeeds' ||
    value === 'requires_authentication' ||
    Object.hasOwn(DECLINE_MESSAGES, value)
  );
}

/**
 * The built-in provider for test mode: no keys, no network. It accepts only the test
 * cards above, keeps brand, last four and expiry, stores the outcome instead of the
 * number, and settles each charge at once.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  // Stripe's, so that a payment the sandbox takes is one Stripe test mode takes too.
  readonly minimumCharges = STRIPE_MINIMUM_CHARGES;

  createPaymentMethod(
    card: SandboxCard,
    context: { livemode: boolean; now: Date },
  ): ProviderPaymentMethod {
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

  /**
   * Takes one of Stripe's test bank accounts (routing 110000000). What a debit of it does
   * is stored as the method's `provider_ref`, as for cards.
   */
  createBankAccount(
    account: SandboxBankAccount,
    context: { livemode: boolean },
  ): ProviderPaymentMethod {
    if (context.livemode) {
      throw new ApiError(
        'sandbox_not_available',
        'The sandbox provider works in test mode only; use a test-mode secret key (sk_test_...).',
      );
    }
    const outcome = TEST_BANK_ACCOUNTS.get(account.account_number);
    if (account.routing_number !== TEST_ROUTING_NUMBER || outcome === undefined) {
      throw new ApiError(
        'bank_account_not_test_account',
        `The sandbox accepts only test bank accounts: routing number ${TEST_ROUTING_NUMBER} with account 000123456789 (settles), 000222222227 (R01), 000111111113 (R02) or 000111111116 (R03).`,
        {
          param:
            account.routing_number === TEST_ROUTING_NUMBER
              ? 'us_bank_account.account_number'
              : 'us_bank_account.routing_number',
        },
      );
    }
    return {
      type: 'us_bank_account',
      brand: null,
      last4: account.account_number.slice(-4),
      expMonth: null,
      expYear: null,
      bankName: 'STRIPE TEST BANK',
      accountHolderType: account.account_holder_type,
      providerRef: outcome,
    };
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    if (request.method.type === 'us_bank_account') {
      // A debit is pending until the clearing job settles or returns it after the delay.
      return { status: 'pending', providerRef: `sandbox_${request.idempotencyKey}` };
    }
    const outcome = request.method.providerRef;
    if (!isSandboxOutcome(outcome)) {
      throw new Error(`Sandbox payment method reference "${outcome}" names no test card outcome.`);
    }
    const providerRef = `sandbox_${request.idempotencyKey}`;
    if (outcome === 'succeeds') return { status: 'succeeded', providerRef };
    if (outcome === 'requires_authentication') {
      if (request.offSession) {
        return {
          status: 'failed',
          providerRef,
          failureCode: 'authentication_required',
          failureMessage:
            'The bank asked the cardholder to confirm this payment, which autopay cannot do. Pay it in the portal.',
        };
      }
      return {
        status: 'requires_action',
        providerRef,
        nextAction: { type: 'sandbox_challenge', client_secret: `${providerRef}_secret` },
      };
    }
    return {
      status: 'failed',
      providerRef,
      failureCode: outcome,
      failureMessage: DECLINE_MESSAGES[outcome],
    };
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    return { status: 'succeeded', providerRef: `sandbox_${request.idempotencyKey}` };
  }

  async cancel(): Promise<void> {}
}

/** Checks whether the card's expiry month is past. Cards are valid to the month's end, UTC. */
function isExpiredBy(card: SandboxCard, now: Date): boolean {
  const firstDayAfterExpiry = Date.UTC(card.exp_year, card.exp_month, 1);
  return now.getTime() >= firstDayAfterExpiry;
}
