import type { PlaidLinkToken } from '@duly/core';
import { CountryCode, DepositoryAccountSubtype, type PlaidApi, Products } from 'plaid';
import { callPlaid, type PlaidCallContext } from './plaid-call.js';

/** Link shows "This Application" in place of a `client_name` longer than 30 characters. */
const MAX_CLIENT_NAME_LENGTH = 30;

/** The languages Plaid Link is translated into (SDK 47 docs of `language`). */
const LINK_LANGUAGES: ReadonlySet<string> = new Set([
  'da',
  'nl',
  'en',
  'et',
  'fr',
  'de',
  'hi',
  'it',
  'lv',
  'lt',
  'no',
  'pl',
  'pt',
  'ro',
  'es',
  'sv',
  'vi',
]);

export interface LinkTokenInput {
  /** The Duly customer id, Plaid's `client_user_id`: no personal data goes there. */
  customerId: string;
  /** Shown in Link as the name of the application asking for the account. */
  vendorName: string;
  /** The session's locale, such as `es-US`. Link uses English for a language it lacks. */
  locale: string;
  /** URL that Plaid sends the item's webhooks to, undefined when the API's is unknown. */
  webhookUrl: string | undefined;
}

/**
 * Creates the link token Plaid Link opens with, for Auth on US checking and savings accounts:
 * the only accounts a Stripe ACH debit can draw on, so Link shows no others.
 */
export async function createLinkToken(
  client: PlaidApi,
  call: PlaidCallContext,
  input: LinkTokenInput,
): Promise<PlaidLinkToken> {
  const data = await callPlaid(call, 'link/token/create', () =>
    client.linkTokenCreate({
      client_name: clientName(input.vendorName),
      language: linkLanguage(input.locale),
      country_codes: [CountryCode.Us],
      user: { client_user_id: input.customerId },
      products: [Products.Auth],
      account_filters: {
        depository: {
          account_subtypes: [DepositoryAccountSubtype.Checking, DepositoryAccountSubtype.Savings],
        },
      },
      ...(input.webhookUrl === undefined ? {} : { webhook: input.webhookUrl }),
    }),
  );
  return {
    object: 'plaid_link_token',
    link_token: data.link_token,
    expiration: new Date(data.expiration).toISOString(),
  };
}

/** Cuts the vendor's name to what Link shows, so a long name is shortened, not replaced. */
export function clientName(vendorName: string): string {
  const name = vendorName.trim();
  if (name.length <= MAX_CLIENT_NAME_LENGTH) return name;
  return `${name.slice(0, MAX_CLIENT_NAME_LENGTH - 1).trimEnd()}…`;
}

function linkLanguage(locale: string): string {
  const language = locale.split('-')[0]?.toLowerCase() ?? '';
  return LINK_LANGUAGES.has(language) ? language : 'en';
}
