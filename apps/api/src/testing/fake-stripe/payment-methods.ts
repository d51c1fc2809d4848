import {
  type FormParams,
  metadataParam,
  objectParam,
  requiredStringParam,
  stringParam,
} from './form-params.js';
import {
  FakeStripeError,
  type FakeStripeStore,
  getOrThrow,
  invalidRequest,
  noSuchObject,
  type StripeObject,
  stripeId,
  unixNow,
} from './store.js';
import { type CardBehavior, findTestBankAccount, findTestCard } from './test-instruments.js';

const TEST_EXPIRY = { exp_month: 12, exp_year: new Date().getUTCFullYear() + 3 };

function cardPaymentMethod(brand: string, last4: string, expiry = TEST_EXPIRY): StripeObject {
  return {
    id: stripeId('pm'),
    object: 'payment_method',
    type: 'card',
    billing_details: { address: null, email: null, name: null, phone: null },
    card: {
      brand,
      country: 'US',
      exp_month: expiry.exp_month,
      exp_year: expiry.exp_year,
      funding: 'credit',
      last4,
      checks: { cvc_check: 'pass', address_line1_check: null, address_postal_code_check: null },
    },
    customer: null,
    created: unixNow(),
    livemode: false,
    metadata: {},
  };
}

/**
 * Makes a new PaymentMethod from a test token (`pm_card_visa`, `pm_usBankAccount_success`),
 * as Stripe does each time a token is used, or returns undefined for any other id.
 */
function paymentMethodFromToken(store: FakeStripeStore, token: string): StripeObject | undefined {
  const card = findTestCard(token);
  if (card !== undefined && token.startsWith('pm_card_')) {
    const method = cardPaymentMethod(card.brand, card.number.slice(-4));
    store.paymentMethods.set(method.id, method);
    store.cardBehaviors.set(method.id, card.behavior);
    return method;
  }
  const account = findTestBankAccount(token);
  if (account !== undefined && token.startsWith('pm_usBankAccount_')) {
    const method: StripeObject = {
      id: stripeId('pm'),
      object: 'payment_method',
      type: 'us_bank_account',
      billing_details: { address: null, email: null, name: 'Jenny Rosen', phone: null },
      us_bank_account: {
        account_holder_type: 'individual',
        account_type: 'checking',
        bank_name: 'STRIPE TEST BANK',
        last4: account.accountNumber.slice(-4),
        routing_number: account.routingNumber,
      },
      customer: null,
      created: unixNow(),
      livemode: false,
      metadata: {},
    };
    store.paymentMethods.set(method.id, method);
    store.bankOutcomes.set(method.id, account.outcome);
    return method;
  }
  return undefined;
}

/** Shows a legacy bank account (`ba_`) as a PaymentMethod, as Stripe's API does. */
function bankAccountAsPaymentMethod(bankAccount: StripeObject): StripeObject {
  return {
    id: bankAccount.id,
    object: 'payment_method',
    type: 'us_bank_account',
    billing_details: {
      address: null,
      email: null,
      name: bankAccount.account_holder_name,
      phone: null,
    },
    us_bank_account: {
      account_holder_type: bankAccount.account_holder_type,
      account_type: bankAccount.account_type,
      bank_name: bankAccount.bank_name,
      last4: bankAccount.last4,
      routing_number: bankAccount.routing_number,
    },
    customer: bankAccount.customer,
    created: unixNow(),
    livemode: false,
    metadata: bankAccount.metadata,
  };
}

/**
 * Finds the PaymentMethod an id names: a stored `pm_`, a test token (made into a new
 * `pm_`), or a customer's `ba_` bank account. Throws Stripe's 404 for anything else.
 */
export function resolvePaymentMethod(
  store: FakeStripeStore,
  id: string,
  param = 'payment_method',
): StripeObject {
  const stored = store.paymentMethods.get(id);
  if (stored !== undefined) return stored;
  const bankAccount = store.bankAccounts.get(id);
  if (bankAccount !== undefined) return bankAccountAsPaymentMethod(bankAccount);
  const fromToken = paymentMethodFromToken(store, id);
  if (fromToken !== undefined) return fromToken;
  throw noSuchObject('PaymentMethod', id, param);
}

/**
 * `POST /v1/payment_methods`, what Stripe.js does in the browser: a test card number (or a
 * test bank account) becomes a PaymentMethod. Any other number is rejected, as Stripe's
 * test mode rejects real cards.
 */
export function createPaymentMethod(store: FakeStripeStore, params: FormParams): StripeObject {
  const type = stringParam(params, 'type');
  if (type === 'card') {
    const card = objectParam(params, 'card') ?? {};
    const number = stringParam(card, 'number') ?? '';
    const testCard = findTestCard(number);
    if (testCard === undefined) {
      throw new FakeStripeError(402, {
        type: 'card_error',
        code: 'incorrect_number',
        message: 'Your card number is incorrect.',
        param: 'card[number]',
      });
    }
    const method = cardPaymentMethod(testCard.brand, testCard.number.slice(-4), {
      exp_month: Number(stringParam(card, 'exp_month') ?? TEST_EXPIRY.exp_month),
      exp_year: Number(stringParam(card, 'exp_year') ?? TEST_EXPIRY.exp_year),
    });
    method.metadata = metadataParam(params);
    store.paymentMethods.set(method.id, method);
    store.cardBehaviors.set(method.id, testCard.behavior);
    return method;
  }
  if (type === 'us_bank_account') {
    const bank = objectParam(params, 'us_bank_account') ?? {};
    const account = findTestBankAccount(stringParam(bank, 'account_number') ?? '');
    if (account === undefined || stringParam(bank, 'routing_number') !== account.routingNumber) {
      throw invalidRequest(
        'Use a Stripe test bank account: routing number 110000000 with a test account number.',
        'invalid_bank_account',
        'us_bank_account[account_number]',
      );
    }
    const method = paymentMethodFromToken(store, tokenOfBankAccount(account.accountNumber));
    if (method === undefined) throw new Error('Every test bank account has a token.');
    return method;
  }
  throw invalidRequest(
    `Invalid type: must be card or us_bank_account in this fake, not ${type ?? 'nothing'}.`,
    'parameter_invalid_empty',
    'type',
  );
}

function tokenOfBankAccount(accountNumber: string): string {
  const tokens: Record<string, string> = {
    '000123456789': 'pm_usBankAccount_success',
    '000222222227': 'pm_usBankAccount_insufficientFunds',
    '000111111113': 'pm_usBankAccount_accountClosed',
    '000111111116': 'pm_usBankAccount_noAccount',
    '000333333335': 'pm_usBankAccount_debitNotAuthorized',
  };
  return tokens[accountNumber] ?? 'pm_usBankAccount_success';
}

/** `GET /v1/payment_methods/:id`. */
export function retrievePaymentMethod(store: FakeStripeStore, id: string): StripeObject {
  return resolvePaymentMethod(store, id, 'payment_method');
}

/** Throws the card error a test card raises when attached or set up, if it raises one. */
export function checkCardOnSetup(behavior: CardBehavior | undefined): void {
  if (behavior?.kind !== 'declines') return;
  throw new FakeStripeError(402, {
    type: 'card_error',
    code: behavior.code,
    decline_code: behavior.declineCode,
    message: behavior.message,
  });
}

/**
 * `POST /v1/payment_methods/:id/attach`. A test token becomes a new attached PaymentMethod;
 * a card that declines everything is declined here already, as Stripe checks it.
 */
export function attachPaymentMethod(
  store: FakeStripeStore,
  id: string,
  params: FormParams,
): StripeObject {
  const customerId = requiredStringParam(params, 'customer');
  getOrThrow(store.customers, 'customer', customerId, 'customer');
  const method = resolvePaymentMethod(store, id);
  if (method.id.startsWith('ba_')) return method;
  if (store.detachedPaymentMethods.has(method.id)) {
    throw invalidRequest(
      'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      'payment_method_unexpected_state',
    );
  }
  if (method.customer !== null && method.customer !== customerId) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      'payment_method_unexpected_state',
    );
  }
  checkCardOnSetup(store.cardBehaviors.get(method.id));
  method.customer = customerId;
  store.emit('payment_method.attached', method);
  return method;
}

/** `POST /v1/payment_methods/:id/detach`; a `ba_` bank account is removed from its customer. */
export function detachPaymentMethod(store: FakeStripeStore, id: string): StripeObject {
  const bankAccount = store.bankAccounts.get(id);
  if (bankAccount !== undefined) {
    const view = bankAccountAsPaymentMethod(bankAccount);
    store.bankAccounts.delete(id);
    return { ...view, customer: null };
  }
  const method = getOrThrow(store.paymentMethods, 'PaymentMethod', id);
  if (method.customer === null) {
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      'payment_method_unexpected_state',
    );
  }
  method.customer = null;
  store.detachedPaymentMethods.add(method.id);
  store.emit('payment_method.detached', method);
  return method;
}
