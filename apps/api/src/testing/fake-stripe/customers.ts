import { type FormParams, metadataParam, requiredStringParam, stringParam } from './form-params.js';
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

/** `POST /v1/customers`. */
export function createCustomer(store: FakeStripeStore, params: FormParams): StripeObject {
  const customer: StripeObject = {
    id: stripeId('cus'),
    object: 'customer',
    name: stringParam(params, 'name') ?? null,
    email: stringParam(params, 'email') ?? null,
    description: stringParam(params, 'description') ?? null,
    metadata: metadataParam(params),
    created: unixNow(),
    livemode: false,
  };
  store.customers.set(customer.id, customer);
  return customer;
}

/**
 * Reads the optional `customer` param of a request, such as an intent's, and throws
 * Stripe's 404 when it names no customer. Returns null when it is left out.
 */
export function customerParam(store: FakeStripeStore, params: FormParams): string | null {
  const customer = stringParam(params, 'customer') ?? null;
  if (customer !== null) getOrThrow(store.customers, 'customer', customer, 'customer');
  return customer;
}

/** `GET /v1/customers/:id`. */
export function retrieveCustomer(store: FakeStripeStore, id: string): StripeObject {
  return getOrThrow(store.customers, 'customer', id);
}

/**
 * `POST /v1/customers/:id/sources` with `source=btok_...`: turns a bank account token into
 * a verified bank account (`ba_`) on the customer. Tokens are single-use, as Stripe's are.
 * A `btok_` token the test did not make stands for Stripe's succeeding test account, so
 * tokens from another fake (Plaid's) work without setup.
 */
export function createSource(
  store: FakeStripeStore,
  customerId: string,
  params: FormParams,
): StripeObject {
  const customer = getOrThrow(store.customers, 'customer', customerId);
  const source = requiredStringParam(params, 'source');
  if (!source.startsWith('btok_')) throw noSuchObject('token', source, 'source');

  const token = store.bankAccountTokens.get(source) ?? {
    accountNumber: '000123456789',
    routingNumber: '110000000',
    accountHolderName: 'Jenny Rosen',
    accountHolderType: 'individual' as const,
    bankName: 'STRIPE TEST BANK',
    outcome: 'succeeded' as const,
    used: false,
  };
  if (token.used) {
    throw invalidRequest(
      `You cannot use a Stripe token more than once: ${source}.`,
      'token_already_used',
      'source',
    );
  }
  token.used = true;
  store.bankAccountTokens.set(source, token);

  const bankAccount: StripeObject = {
    id: stripeId('ba'),
    object: 'bank_account',
    account_holder_name: token.accountHolderName,
    account_holder_type: token.accountHolderType,
    account_type: 'checking',
    bank_name: token.bankName,
    country: 'US',
    currency: 'usd',
    customer: customer.id,
    fingerprint: token.accountNumber.slice(-8),
    last4: token.accountNumber.slice(-4),
    metadata: {},
    routing_number: token.routingNumber,
    // Plaid verified the account, so it can be debited at once.
    status: 'verified',
  };
  store.bankAccounts.set(bankAccount.id, bankAccount);
  store.bankOutcomes.set(bankAccount.id, token.outcome);
  return bankAccount;
}

/** `DELETE /v1/customers/:id/sources/:source`. */
export function deleteSource(
  store: FakeStripeStore,
  customerId: string,
  sourceId: string,
): StripeObject {
  getOrThrow(store.customers, 'customer', customerId);
  const bankAccount = store.bankAccounts.get(sourceId);
  if (bankAccount === undefined || bankAccount.customer !== customerId) {
    throw new FakeStripeError(404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: `Customer ${customerId} does not have bank account with ID ${sourceId}`,
    });
  }
  store.bankAccounts.delete(sourceId);
  return { id: sourceId, object: 'bank_account', customer: customerId, deleted: true };
}
