import { randomBytes, randomUUID } from 'node:crypto';
import { FakePlaidError, invalidField, invalidInput } from './plaid-error.js';
import {
  objectField,
  type RequestBody,
  requireFields,
  stringField,
  stringListField,
} from './request-fields.js';
import {
  type FakeAccountTemplate,
  type FakeInstitution,
  SANDBOX_ACCOUNTS,
  SANDBOX_INSTITUTIONS,
} from './sandbox-data.js';
import { WebhookSigningKey } from './webhook-signer.js';

/** Link tokens live four hours and public tokens thirty minutes, as in Plaid's docs. */
const LINK_TOKEN_TTL_MS = 4 * 60 * 60 * 1000;
const PUBLIC_TOKEN_TTL_MS = 30 * 60 * 1000;

/** One account of a linked item, as `/accounts/get` returns it. */
export interface FakeAccount {
  account_id: string;
  name: string;
  official_name: string;
  mask: string;
  type: FakeAccountTemplate['type'];
  subtype: string;
  balances: FakeAccountTemplate['balances'] & {
    iso_currency_code: 'USD';
    unofficial_currency_code: null;
  };
}

/** One login at a bank, made when Link finishes. */
export interface FakeItem {
  itemId: string;
  accessToken: string | null;
  institution: FakeInstitution;
  accounts: FakeAccount[];
  /** The `client_user_id` of the link token Link was opened with, when there was one. */
  clientUserId: string | null;
  webhook: string | null;
  /** An item error code such as `ITEM_LOGIN_REQUIRED`, with which calls on the item fail. */
  errorCode: string | null;
  removed: boolean;
}

/** Plaid Link's `onSuccess` data: the public token, the bank and its accounts. */
export interface LinkSuccess {
  publicToken: string;
  itemId: string;
  institution: { institution_id: string; name: string };
  accounts: Array<{ id: string; name: string; mask: string; type: string; subtype: string }>;
}

/** A Stripe bank account token the fake made, with the account it stands for. */
export interface FakeBankAccountToken {
  token: string;
  itemId: string;
  account: FakeAccount;
  institutionName: string;
}

interface LinkToken {
  token: string;
  clientUserId: string;
  webhook: string | null;
  expiresAt: Date;
}

interface PublicToken {
  itemId: string;
  createdAt: Date;
  used: boolean;
}

/**
 * The state and endpoint logic of the fake: link tokens, items, tokens and webhook keys,
 * with the checks Plaid documents for them. The HTTP server in front of it handles
 * credentials and the wire format.
 */
export class PlaidSandbox {
  readonly linkTokenRequests: RequestBody[] = [];
  readonly webhookKeys: WebhookSigningKey[];
  readonly #linkTokens = new Map<string, LinkToken>();
  readonly #publicTokens = new Map<string, PublicToken>();
  readonly #items = new Map<string, FakeItem>();
  readonly #bankAccountTokens = new Map<string, FakeBankAccountToken>();

  constructor(private readonly now: () => Date) {
    this.webhookKeys = [new WebhookSigningKey(now())];
  }

  /** The endpoints, by path, each with the fields it accepts besides the credentials. */
  readonly endpoints: Record<
    string,
    { fields: readonly string[]; handle: (body: RequestBody) => object }
  > = {
    '/link/token/create': {
      fields: [
        'client_name',
        'language',
        'country_codes',
        'user',
        'products',
        'webhook',
        'account_filters',
      ],
      handle: (body) => this.#createLinkToken(body),
    },
    '/item/public_token/exchange': {
      fields: ['public_token'],
      handle: (body) => this.#exchangePublicToken(body),
    },
    '/accounts/get': {
      fields: ['access_token', 'options'],
      handle: (body) => this.#getAccounts(body),
    },
    '/institutions/get_by_id': {
      fields: ['institution_id', 'country_codes', 'options'],
      handle: (body) => this.#getInstitution(body),
    },
    '/processor/stripe/bank_account_token/create': {
      fields: ['access_token', 'account_id'],
      handle: (body) => this.#createStripeBankAccountToken(body),
    },
    '/item/remove': {
      fields: ['access_token'],
      handle: (body) => {
        requireFields(body, ['access_token']);
        this.#itemByAccessToken(body).removed = true;
        return {};
      },
    },
    '/webhook_verification_key/get': {
      fields: ['key_id'],
      handle: (body) => this.#getWebhookVerificationKey(body),
    },
  };

  /**
   * Finishes Link as a customer would: logs in at the institution and makes a new item with
   * its own account ids. With `linkToken`, the token must be one `/link/token/create` issued
   * and not yet expired, and the item takes its user and webhook.
   */
  completeLink(options: { linkToken?: string; institutionId?: string } = {}): LinkSuccess {
    const institutionId = options.institutionId ?? 'ins_109508';
    const institution = SANDBOX_INSTITUTIONS.find((bank) => bank.institution_id === institutionId);
    if (institution === undefined) {
      throw new Error(`No sandbox institution ${institutionId}. Use one of SANDBOX_INSTITUTIONS.`);
    }
    let linkToken: LinkToken | undefined;
    if (options.linkToken !== undefined) {
      linkToken = this.#linkTokens.get(options.linkToken);
      if (linkToken === undefined || linkToken.expiresAt <= this.now()) {
        throw new Error(`Link cannot open with ${options.linkToken}: unknown or expired.`);
      }
    }

    const item: FakeItem = {
      itemId: plaidId(),
      accessToken: null,
      institution,
      accounts: SANDBOX_ACCOUNTS.map((template) => ({
        account_id: plaidId(),
        name: template.name,
        official_name: template.official_name,
        mask: template.mask,
        type: template.type,
        subtype: template.subtype,
        balances: {
          ...template.balances,
          iso_currency_code: 'USD',
          unofficial_currency_code: null,
        },
      })),
      clientUserId: linkToken?.clientUserId ?? null,
      webhook: linkToken?.webhook ?? null,
      errorCode: null,
      removed: false,
    };
    this.#items.set(item.itemId, item);
    const publicToken = `public-sandbox-${randomUUID()}`;
    this.#publicTokens.set(publicToken, {
      itemId: item.itemId,
      createdAt: this.now(),
      used: false,
    });

    return {
      publicToken,
      itemId: item.itemId,
      institution: { institution_id: institution.institution_id, name: institution.name },
      accounts: item.accounts.map((account) => ({
        id: account.account_id,
        name: account.name,
        mask: account.mask,
        type: account.type,
        subtype: account.subtype,
      })),
    };
  }

  /** Makes `publicToken` older than its thirty minutes, so that exchanging it fails. */
  expirePublicToken(publicToken: string): void {
    const record = this.#publicTokens.get(publicToken);
    if (record === undefined) throw new Error(`No public token ${publicToken}.`);
    record.createdAt = new Date(this.now().getTime() - PUBLIC_TOKEN_TTL_MS - 1);
  }

  item(itemId: string): FakeItem | undefined {
    return this.#items.get(itemId);
  }

  bankAccountToken(token: string): FakeBankAccountToken | undefined {
    return this.#bankAccountTokens.get(token);
  }

  #createLinkToken(body: RequestBody): object {
    requireFields(body, ['client_name', 'language', 'country_codes', 'user']);
    // Plaid accepts a longer client_name and shows "This Application" in Link instead.
    stringField(body, 'client_name');
    stringField(body, 'language');
    stringListField(body, 'country_codes');
    const user = objectField(body, 'user');
    requireFields(user, ['client_user_id']);
    const clientUserId = stringField(user, 'client_user_id');
    if (body.products !== undefined) stringListField(body, 'products');
    let webhook: string | null = null;
    if (body.webhook !== undefined) {
      webhook = stringField(body, 'webhook');
      if (!URL.canParse(webhook)) throw invalidField('webhook must be a valid URL');
    }
    this.linkTokenRequests.push(body);

    const token: LinkToken = {
      token: `link-sandbox-${randomUUID()}`,
      clientUserId,
      webhook,
      expiresAt: new Date(this.now().getTime() + LINK_TOKEN_TTL_MS),
    };
    this.#linkTokens.set(token.token, token);
    return { link_token: token.token, expiration: token.expiresAt.toISOString() };
  }

  #exchangePublicToken(body: RequestBody): object {
    requireFields(body, ['public_token']);
    const publicToken = stringField(body, 'public_token');
    if (!/^public-(sandbox|production)-[0-9a-f-]{36}$/.test(publicToken)) {
      throw invalidInput(
        'INVALID_PUBLIC_TOKEN',
        'provided public token is in an invalid format. expected format: public-<environment>-<identifier>',
      );
    }
    const record = this.#publicTokens.get(publicToken);
    if (record === undefined || record.used) {
      throw invalidInput(
        'INVALID_PUBLIC_TOKEN',
        'provided public token is unknown or already used',
      );
    }
    if (this.now().getTime() - record.createdAt.getTime() > PUBLIC_TOKEN_TTL_MS) {
      throw invalidInput(
        'INVALID_PUBLIC_TOKEN',
        'provided public token is expired; public tokens can be exchanged for 30 minutes after Link makes them',
      );
    }

    record.used = true;
    const item = this.#items.get(record.itemId) as FakeItem;
    item.accessToken = `access-sandbox-${randomUUID()}`;
    return { access_token: item.accessToken, item_id: item.itemId };
  }

  #getAccounts(body: RequestBody): object {
    requireFields(body, ['access_token']);
    const item = this.#usableItem(body);
    let accounts = item.accounts;
    if (body.options !== undefined) {
      const options = objectField(body, 'options');
      if (options.account_ids !== undefined) {
        const requestedIds = stringListField(options, 'account_ids');
        for (const id of requestedIds) this.#account(item, id);
        accounts = accounts.filter((account) => requestedIds.includes(account.account_id));
      }
    }
    return { accounts, item: itemObject(item) };
  }

  #getInstitution(body: RequestBody): object {
    requireFields(body, ['institution_id', 'country_codes']);
    const institutionId = stringField(body, 'institution_id');
    stringListField(body, 'country_codes');
    const institution = SANDBOX_INSTITUTIONS.find((bank) => bank.institution_id === institutionId);
    if (institution === undefined) {
      throw invalidInput('INVALID_INSTITUTION', 'invalid institution_id provided');
    }
    return {
      institution: {
        ...institution,
        products: ['auth', 'balance', 'identity', 'transactions'],
        country_codes: ['US'],
        logo: null,
        oauth: false,
      },
    };
  }

  #createStripeBankAccountToken(body: RequestBody): object {
    requireFields(body, ['access_token', 'account_id']);
    const item = this.#usableItem(body);
    const account = this.#account(item, stringField(body, 'account_id'));
    // NOTE: the fake returns INVALID_ACCOUNT_ID for an account that is not depository. Plaid's
    // docs name no error for this case, so real Plaid may return another code.
    if (account.type !== 'depository') {
      throw invalidInput(
        'INVALID_ACCOUNT_ID',
        'account_id must name a checking or savings account to make a Stripe bank account token',
      );
    }
    const token = `btok_${randomBytes(12).toString('hex')}`;
    this.#bankAccountTokens.set(token, {
      token,
      itemId: item.itemId,
      account,
      institutionName: item.institution.name,
    });
    return { stripe_bank_account_token: token };
  }

  #getWebhookVerificationKey(body: RequestBody): object {
    requireFields(body, ['key_id']);
    const keyId = stringField(body, 'key_id');
    const key = this.webhookKeys.find((candidate) => candidate.publicKey.kid === keyId);
    if (key === undefined) {
      throw invalidInput('INVALID_WEBHOOK_VERIFICATION_KEY_ID', 'invalid key_id provided');
    }
    return { key: key.publicKey };
  }

  #itemByAccessToken(body: RequestBody): FakeItem {
    const accessToken = stringField(body, 'access_token');
    if (!/^access-(sandbox|production)-/.test(accessToken)) {
      throw invalidInput(
        'INVALID_ACCESS_TOKEN',
        'provided access token is in an invalid format. expected format: access-<environment>-<identifier>',
      );
    }
    const item = [...this.#items.values()].find(
      (candidate) => candidate.accessToken === accessToken && !candidate.removed,
    );
    if (item === undefined) {
      throw invalidInput('INVALID_ACCESS_TOKEN', 'provided access token is unknown or removed');
    }
    return item;
  }

  /** Finds the item of the request's access token and rejects it when it is in an error state. */
  #usableItem(body: RequestBody): FakeItem {
    const item = this.#itemByAccessToken(body);
    if (item.errorCode !== null) {
      throw new FakePlaidError(
        400,
        'ITEM_ERROR',
        item.errorCode,
        `the item is in the ${item.errorCode} state; send the user through Link update mode`,
        'The login details of this account have changed. Sign in to your bank again.',
      );
    }
    return item;
  }

  #account(item: FakeItem, accountId: string): FakeAccount {
    const account = item.accounts.find((candidate) => candidate.account_id === accountId);
    if (account === undefined) {
      throw invalidInput(
        'INVALID_ACCOUNT_ID',
        `account_id ${accountId} is not an account of this item`,
      );
    }
    return account;
  }
}

function itemObject(item: FakeItem): object {
  return {
    item_id: item.itemId,
    institution_id: item.institution.institution_id,
    institution_name: item.institution.name,
    webhook: item.webhook,
    auth_method: 'INSTANT_AUTH',
    error: null,
    available_products: ['balance', 'identity', 'transactions'],
    billed_products: ['auth'],
    products: ['auth'],
    consented_products: ['auth'],
    consent_expiration_time: null,
    update_type: 'background',
  };
}

/** Returns a new item or account id in Plaid's style: 37 letters and digits. */
function plaidId(): string {
  return randomBytes(32).toString('base64url').replace(/[-_]/g, 'x').slice(0, 37);
}
