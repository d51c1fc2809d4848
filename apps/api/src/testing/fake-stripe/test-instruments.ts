/**
 * Stripe's documented test cards and test bank accounts, with what each does in the fake.
 * Numbers, tokens and outcomes follow https://docs.stripe.com/testing and
 * https://docs.stripe.com/payments/ach-direct-debit/accept-a-payment (test account numbers).
 */

/** Outcome of charging a test card. */
export type CardBehavior =
  | { kind: 'succeeds' }
  /** Declines when attached to a customer as well as when charged. */
  | { kind: 'declines'; code: string; declineCode: string; message: string }
  /** Attaches to a customer, then every charge declines (4000 0000 0000 0341). */
  | { kind: 'declines_on_charge'; code: string; declineCode: string; message: string }
  /**
   * Asks for 3-D Secure on every payment. `setupExempts`: once set up with a SetupIntent,
   * off-session payments succeed without a challenge (4000 0025 0000 3155).
   */
  | { kind: 'requires_authentication'; setupExempts: boolean };

export interface TestCard {
  number: string;
  brand: string;
  behavior: CardBehavior;
}

const GENERIC_DECLINE = {
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

const TEST_CARDS: TestCard[] = [
  { number: '4242424242424242', brand: 'visa', behavior: { kind: 'succeeds' } },
  { number: '5555555555554444', brand: 'mastercard', behavior: { kind: 'succeeds' } },
  { number: '4000000000000002', brand: 'visa', behavior: { kind: 'declines', ...GENERIC_DECLINE } },
  {
    number: '4000000000009995',
    brand: 'visa',
    behavior: {
      kind: 'declines',
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    },
  },
  {
    number: '4000000000000069',
    brand: 'visa',
    behavior: {
      kind: 'declines',
      code: 'expired_card',
      declineCode: 'expired_card',
      message: 'Your card has expired.',
    },
  },
  {
    number: '4000000000000127',
    brand: 'visa',
    behavior: {
      kind: 'declines',
      code: 'incorrect_cvc',
      declineCode: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
    },
  },
  {
    number: '4000000000000341',
    brand: 'visa',
    behavior: { kind: 'declines_on_charge', ...GENERIC_DECLINE },
  },
  {
    number: '4000002500003155',
    brand: 'visa',
    behavior: { kind: 'requires_authentication', setupExempts: true },
  },
  {
    number: '4000000000003220',
    brand: 'visa',
    behavior: { kind: 'requires_authentication', setupExempts: false },
  },
  {
    number: '4000002760003184',
    brand: 'visa',
    behavior: { kind: 'requires_authentication', setupExempts: false },
  },
];

/** Test PaymentMethod tokens that stand for a test card, such as `pm_card_visa`. */
const CARD_TOKENS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequiredOnSetup: '4000002500003155',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_authenticationRequired: '4000002760003184',
};

/** Finds a test card by number (spaces allowed) or by test token. */
export function findTestCard(numberOrToken: string): TestCard | undefined {
  const number = CARD_TOKENS[numberOrToken] ?? numberOrToken.replaceAll(' ', '');
  return TEST_CARDS.find((card) => card.number === number);
}

/**
 * Outcome of debiting a test bank account: `succeeded`, or the charge's `failure_code`
 * when the bank rejects the debit.
 */
export type BankOutcome =
  | 'succeeded'
  | 'insufficient_funds'
  | 'account_closed'
  | 'no_account'
  | 'debit_not_authorized';

export interface TestBankAccount {
  routingNumber: string;
  accountNumber: string;
  outcome: BankOutcome;
}

export const TEST_ROUTING_NUMBER = '110000000';

const TEST_BANK_ACCOUNTS: Record<string, BankOutcome> = {
  '000123456789': 'succeeded',
  '000222222227': 'insufficient_funds',
  '000111111113': 'account_closed',
  '000111111116': 'no_account',
  '000333333335': 'debit_not_authorized',
};

const BANK_TOKENS: Record<string, string> = {
  pm_usBankAccount_success: '000123456789',
  pm_usBankAccount_insufficientFunds: '000222222227',
  pm_usBankAccount_accountClosed: '000111111113',
  pm_usBankAccount_noAccount: '000111111116',
  pm_usBankAccount_debitNotAuthorized: '000333333335',
};

/** Finds a test bank account by account number or by test token. */
export function findTestBankAccount(numberOrToken: string): TestBankAccount | undefined {
  const accountNumber = BANK_TOKENS[numberOrToken] ?? numberOrToken;
  const outcome = TEST_BANK_ACCOUNTS[accountNumber];
  if (outcome === undefined) return undefined;
  return { routingNumber: TEST_ROUTING_NUMBER, accountNumber, outcome };
}

/** Stripe's messages for a returned or rejected bank debit, by failure code. */
export const BANK_FAILURE_MESSAGES: Record<string, string> = {
  insufficient_funds: "The customer's bank account has insufficient funds.",
  account_closed: "The customer's bank account has been closed.",
  no_account: "The customer's bank account could not be located.",
  debit_not_authorized: 'The customer has notified their bank that this payment was unauthorized.',
  invalid_account_number: 'The bank account number is invalid.',
};

/** Three-decimal currencies; Stripe takes only amounts whose last digit is 0. */
export const THREE_DECIMAL_CURRENCIES = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
