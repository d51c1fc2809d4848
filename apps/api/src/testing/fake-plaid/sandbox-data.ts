/** A bank as `/institutions/get_by_id` returns it, trimmed to the fields the fake fills in. */
export interface FakeInstitution {
  institution_id: string;
  name: string;
  routing_numbers: string[];
  url: string | null;
  primary_color: string | null;
}

/** An account template. Each linked item gets its own copy with a fresh `account_id`. */
export interface FakeAccountTemplate {
  name: string;
  official_name: string;
  mask: string;
  type: 'depository' | 'credit' | 'loan' | 'investment' | 'other';
  subtype: string;
  balances: { available: number | null; current: number | null; limit: number | null };
}

/**
 * The banks of Plaid's sandbox, under the ids and names that Plaid's sandbox uses, so that
 * tests read like a session against it. Routing numbers are Stripe's test routing number.
 */
export const SANDBOX_INSTITUTIONS: readonly FakeInstitution[] = [
  {
    institution_id: 'ins_109508',
    name: 'First Platypus Bank',
    routing_numbers: ['110000000'],
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
  },
  {
    institution_id: 'ins_109509',
    name: 'First Gingham Credit Union',
    routing_numbers: ['110000000'],
    url: null,
    primary_color: null,
  },
  {
    institution_id: 'ins_109510',
    name: 'Tattersall Federal Credit Union',
    routing_numbers: ['110000000'],
    url: null,
    primary_color: null,
  },
  {
    institution_id: 'ins_109511',
    name: 'Tartan Bank',
    routing_numbers: ['110000000'],
    url: null,
    primary_color: null,
  },
];

/** The accounts of Plaid's `user_good` sandbox login, with their masks and subtypes. */
export const SANDBOX_ACCOUNTS: readonly FakeAccountTemplate[] = [
  {
    name: 'Plaid Checking',
    official_name: 'Plaid Gold Standard 0% Interest Checking',
    mask: '0000',
    type: 'depository',
    subtype: 'checking',
    balances: { available: 100, current: 110, limit: null },
  },
  {
    name: 'Plaid Saving',
    official_name: 'Plaid Silver Standard 0.1% Interest Saving',
    mask: '1111',
    type: 'depository',
    subtype: 'savings',
    balances: { available: 200, current: 210, limit: null },
  },
  {
    name: 'Plaid CD',
    official_name: 'Plaid Bronze Standard 0.2% Interest CD',
    mask: '2222',
    type: 'depository',
    subtype: 'cd',
    balances: { available: null, current: 1000, limit: null },
  },
  {
    name: 'Plaid Credit Card',
    official_name: 'Plaid Diamond 12.5% APR Interest Credit Card',
    mask: '3333',
    type: 'credit',
    subtype: 'credit card',
    balances: { available: null, current: 410, limit: 2000 },
  },
];
