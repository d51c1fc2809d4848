import { type AccountBase, CountryCode, type PlaidApi } from 'plaid';
import { ApiError } from '../../http/api-error.js';
import type { Payer } from '../../payments/payer.js';
import type { ProviderPaymentMethod } from '../payment-provider.js';
import { callPlaid, type ExpectedPlaidErrors, type PlaidCallContext } from './plaid-call.js';

/**
 * Turns a Stripe bank account token that Plaid made into a payment method that can be
 * charged, attached to the payer's Stripe customer. The Stripe module provides it.
 */
export type AttachBankAccountToken = (
  payer: Payer,
  bankAccountToken: string,
) => Promise<ProviderPaymentMethod>;

/** Plaid links the account and Stripe keeps and debits it, so the saved method is Stripe's. */
export const CHARGING_PROVIDER = 'stripe';

/** The public token and account id from Plaid Link's `onSuccess`. */
export interface LinkedAccountChoice {
  publicToken: string;
  accountId: string;
}

/** The account subtypes a Stripe ACH debit can draw on. */
const DEBITABLE_SUBTYPES: ReadonlySet<string> = new Set(['checking', 'savings']);

/**
 * Turns what Plaid Link returned into a charge-ready bank account: exchanges the public token,
 * checks the chosen account, has Plaid make a Stripe bank account token and attaches it.
 * The access token is used here and dropped: nothing later needs it, since Stripe debits the
 * account and Plaid's webhooks name the item. When a step after the exchange fails, the item
 * is removed at Plaid so that no unused login is left behind.
 */
export async function linkBankAccount(
  client: PlaidApi,
  call: PlaidCallContext,
  attach: AttachBankAccountToken,
  payer: Payer,
  choice: LinkedAccountChoice,
): Promise<ProviderPaymentMethod> {
  const exchange = await callPlaid(
    call,
    'item/public_token/exchange',
    () => client.itemPublicTokenExchange({ public_token: choice.publicToken }),
    publicTokenRejected,
  );
  const accessToken = exchange.access_token;

  try {
    const { accounts, item } = await callPlaid(
      call,
      'accounts/get',
      () => client.accountsGet({ access_token: accessToken }),
      itemNeedsRelink,
    );
    const account = debitableAccount(accounts, choice.accountId);
    const bankName = await findInstitutionName(client, call, item.institution_id ?? null);

    const { stripe_bank_account_token: bankAccountToken } = await callPlaid(
      call,
      'processor/stripe/bank_account_token/create',
      () =>
        client.processorStripeBankAccountTokenCreate({
          access_token: accessToken,
          account_id: account.account_id,
        }),
      itemNeedsRelink,
    );
    const attached = await attach(payer, bankAccountToken);

    return {
      ...attached,
      bankName: bankName ?? attached.bankName ?? null,
      providerData: {
        ...attached.providerData,
        plaid_item_id: exchange.item_id,
        plaid_account_id: account.account_id,
      },
    };
  } catch (error) {
    await removeItem(client, call, accessToken, exchange.item_id);
    throw error;
  }
}

function debitableAccount(accounts: AccountBase[], accountId: string): AccountBase {
  const account = accounts.find((candidate) => candidate.account_id === accountId);
  if (account === undefined) {
    throw new ApiError(
      'invalid_parameter',
      `The bank login from Plaid Link has no account ${accountId}. Send the account_id from the same Link session as the public_token.`,
      { param: 'account_id' },
    );
  }
  if (account.type !== 'depository' || !DEBITABLE_SUBTYPES.has(account.subtype ?? '')) {
    const kind = account.subtype ?? account.type;
    throw new ApiError(
      'invalid_parameter',
      `${account.name} (ending ${account.mask ?? 'unknown'}) is a ${kind} account, and only checking or savings accounts can be debited. Link again and choose a checking or savings account.`,
      { param: 'account_id' },
    );
  }
  return account;
}

/**
 * Looks up the bank's name, for the customer to recognize the account by. It is a label only, so
 * when Plaid cannot name the bank the link goes on without it (the failure is logged).
 */
async function findInstitutionName(
  client: PlaidApi,
  call: PlaidCallContext,
  institutionId: string | null,
): Promise<string | null> {
  if (institutionId === null) return null;
  try {
    const { institution } = await callPlaid(call, 'institutions/get_by_id', () =>
      client.institutionsGetById({
        institution_id: institutionId,
        country_codes: [CountryCode.Us],
      }),
    );
    return institution.name;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'provider_error') return null;
    throw error;
  }
}

async function removeItem(
  client: PlaidApi,
  call: PlaidCallContext,
  accessToken: string,
  itemId: string,
): Promise<void> {
  try {
    await callPlaid(call, 'item/remove', () => client.itemRemove({ access_token: accessToken }));
  } catch (error) {
    // The link already failed for the customer. A leftover item costs money, not correctness.
    call.logger.warn('Plaid item left in place after a failed link', {
      request_id: call.requestId,
      plaid_item_id: itemId,
      error,
    });
  }
}

const publicTokenRejected: ExpectedPlaidErrors = (error) => {
  if (error.error_code !== 'INVALID_PUBLIC_TOKEN') return undefined;
  return new ApiError(
    'invalid_parameter',
    'Plaid did not accept the public token: it has expired, was already used, or is not one Plaid Link made. A public token works once, within 30 minutes. Link the bank account again.',
    { param: 'public_token' },
  );
};

const itemNeedsRelink: ExpectedPlaidErrors = (error) => {
  if (error.error_code === 'INVALID_ACCOUNT_ID') {
    return new ApiError(
      'invalid_parameter',
      'Plaid cannot use this account for debits. Link again and choose a checking or savings account.',
      { param: 'account_id' },
    );
  }
  if (error.error_type !== 'ITEM_ERROR') return undefined;
  const reason =
    error.display_message ?? `Plaid can no longer reach this bank login (${error.error_code}).`;
  return new ApiError('invalid_parameter', `${reason} Link the bank account again.`, {
    param: 'public_token',
  });
};
