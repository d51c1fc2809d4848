import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { clientName } from './link-token.js';
import { PlaidFixture, TEST_PUBLIC_URL } from './plaid-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let fixture: PlaidFixture;

beforeAll(async () => {
  fixture = await PlaidFixture.create(db);
});
afterAll(async () => {
  await fixture.close();
  await db.destroy();
});

async function storedMethods(customerId: string) {
  return db
    .selectFrom('payment_method')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
}

/** Returns a port nothing listens on: one the system handed out and that was closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('POST /v1/portal/plaid/link_token', () => {
  it('issues a token for the session customer', async () => {
    const { customerId, session } = await fixture.customerSession();

    const response = await fixture.request('POST', '/v1/portal/plaid/link_token', {
      auth: session,
    });

    expect(response.status).toBe(201);
    expect(response.body.object).toBe('plaid_link_token');
    expect(response.body.link_token).toMatch(/^link-sandbox-/);
    expect(Date.parse(response.body.expiration as string)).toBeGreaterThan(Date.now());
    const sent = fixture.plaid.linkTokenRequests.at(-1);
    expect(sent?.user).toEqual({ client_user_id: customerId });
    expect(sent?.client_name).toBe('Northwind Fasteners');
    expect(sent?.products).toEqual(['auth']);
    expect(sent?.country_codes).toEqual(['US']);
    expect(sent?.language).toBe('en');
    expect(sent?.webhook).toBe(`${TEST_PUBLIC_URL}/webhooks/plaid`);
    expect(sent?.account_filters).toEqual({
      depository: { account_subtypes: ['checking', 'savings'] },
    });
  });

  it('requires a portal session', async () => {
    const response = await fixture.request('POST', '/v1/portal/plaid/link_token');

    expect(response.status).toBe(401);
  });

  it('rejects a test session with production Plaid', async () => {
    const production = await PlaidFixture.create(db, { environment: 'production' });
    try {
      const { session } = await production.customerSession();

      const response = await production.request('POST', '/v1/portal/plaid/link_token', {
        auth: session,
      });

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('livemode_mismatch');
      expect(production.plaid.linkTokenRequests).toHaveLength(0);
    } finally {
      await production.close();
    }
  });
});

describe('clientName', () => {
  it('keeps a short vendor name', () => {
    expect(clientName('  Northwind Fasteners ')).toBe('Northwind Fasteners');
  });

  it('shortens a long name to 30 characters', () => {
    const name = clientName('Northwind Industrial Fasteners and Supply Company');

    expect(name).toHaveLength(30);
    expect(name).toBe('Northwind Industrial Fastener…');
  });
});

describe('POST /v1/portal/payment_methods/plaid', () => {
  it('saves the linked checking account', async () => {
    const { customerId, session } = await fixture.customerSession();

    const { response, link, accountId } = await fixture.linkBankAccount(session);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      object: 'payment_method',
      type: 'us_bank_account',
      brand: null,
      last4: '0000',
      bank_name: 'First Platypus Bank',
      is_default: true,
      disabled_reason: null,
      livemode: false,
    });
    const [row] = await storedMethods(customerId);
    expect(row?.provider).toBe('stripe');
    expect(row?.provider_ref).toMatch(/^pm_/);
    expect(row?.provider_data).toEqual({
      plaid_item_id: link.itemId,
      plaid_account_id: accountId,
    });
    const attached = fixture.attached.at(-1);
    expect(attached?.payer).toEqual({
      vendorId: fixture.api.vendor.id,
      livemode: false,
      customerId,
    });
    expect(
      fixture.plaid.bankAccountToken(attached?.bankAccountToken ?? '')?.account.account_id,
    ).toBe(accountId);
  });

  it('never returns or stores the access token', async () => {
    const { customerId, session } = await fixture.customerSession();

    const { response, link } = await fixture.linkBankAccount(session);

    const accessToken = fixture.plaid.item(link.itemId)?.accessToken;
    expect(accessToken).toMatch(/^access-sandbox-/);
    expect(JSON.stringify(response.body)).not.toContain('access-sandbox-');
    const [row] = await storedMethods(customerId);
    expect(JSON.stringify(row)).not.toContain(accessToken);
    expect(fixture.plaid.item(link.itemId)?.removed).toBe(false);
  });

  it('lists a saved savings account', async () => {
    const { session } = await fixture.customerSession();

    const { response } = await fixture.linkBankAccount(session, { accountName: 'Plaid Saving' });
    const listed = await fixture.request<{ data: Array<Record<string, unknown>> }>(
      'GET',
      '/v1/portal/payment_methods',
      { auth: session },
    );

    expect(response.status).toBe(201);
    expect(response.body.last4).toBe('1111');
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id: response.body.id,
        last4: '1111',
        bank_name: 'First Platypus Bank',
      }),
    ]);
  });

  it('keeps an unsaved account out of the list', async () => {
    const { customerId, session } = await fixture.customerSession();

    const { response } = await fixture.linkBankAccount(session, { save: false });
    const listed = await fixture.request<{ data: unknown[] }>('GET', '/v1/portal/payment_methods', {
      auth: session,
    });

    expect(response.status).toBe(201);
    expect(response.body.is_default).toBe(false);
    expect(listed.body.data).toEqual([]);
    expect(await storedMethods(customerId)).toHaveLength(1);
  });

  it('rejects an expired public token', async () => {
    const { customerId, session } = await fixture.customerSession();
    const link = fixture.plaid.completeLink();
    fixture.plaid.expirePublicToken(link.publicToken);
    const attachedBefore = fixture.attached.length;

    const response = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: link.publicToken, account_id: link.accounts[0]?.id, save: true },
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.body.code).toBe('invalid_parameter');
    expect(response.body.param).toBe('public_token');
    expect(response.body.detail).toContain('Link the bank account again');
    expect(await storedMethods(customerId)).toEqual([]);
    expect(fixture.attached).toHaveLength(attachedBefore);
  });

  it('rejects a public token used twice', async () => {
    const { customerId, session } = await fixture.customerSession();
    const { response: first, link, accountId } = await fixture.linkBankAccount(session);

    const second = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: link.publicToken, account_id: accountId },
    });

    expect(first.status).toBe(201);
    expect(second.status).toBe(400);
    expect(second.body.param).toBe('public_token');
    expect(await storedMethods(customerId)).toHaveLength(1);
  });

  it('rejects a token Link did not make', async () => {
    const { customerId, session } = await fixture.customerSession();

    const response = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: 'public-token-from-elsewhere', account_id: 'acc_1' },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_parameter');
    expect(response.body.param).toBe('public_token');
    expect(await storedMethods(customerId)).toEqual([]);
  });

  it('rejects a credit card account', async () => {
    const { customerId, session } = await fixture.customerSession();
    const attachedBefore = fixture.attached.length;

    const { response, link } = await fixture.linkBankAccount(session, {
      accountName: 'Plaid Credit Card',
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_parameter', param: 'account_id' });
    expect((response.body as unknown as { detail: string }).detail).toContain(
      'Plaid Credit Card (ending 3333) is a credit card account',
    );
    expect(await storedMethods(customerId)).toEqual([]);
    expect(fixture.attached).toHaveLength(attachedBefore);
    expect(fixture.plaid.item(link.itemId)?.removed).toBe(true);
  });

  it('rejects a certificate of deposit', async () => {
    const { session } = await fixture.customerSession();

    const { response } = await fixture.linkBankAccount(session, { accountName: 'Plaid CD' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_parameter', param: 'account_id' });
  });

  it('rejects an account of another login', async () => {
    const { customerId, session } = await fixture.customerSession();
    const link = fixture.plaid.completeLink();
    const other = fixture.plaid.completeLink();

    const response = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: link.publicToken, account_id: other.accounts[0]?.id },
    });

    expect(response.status).toBe(400);
    expect(response.body.param).toBe('account_id');
    expect(await storedMethods(customerId)).toEqual([]);
    expect(fixture.plaid.item(link.itemId)?.removed).toBe(true);
  });

  it('asks to link again when the bank login broke', async () => {
    const { customerId, session } = await fixture.customerSession();
    const link = fixture.plaid.completeLink({ institutionId: 'ins_109511' });
    fixture.plaid.setItemError(link.itemId, 'ITEM_LOGIN_REQUIRED');

    const response = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: link.publicToken, account_id: link.accounts[0]?.id },
    });

    expect(response.status).toBe(400);
    expect(response.body.param).toBe('public_token');
    expect(response.body.detail).toBe(
      'The login details of this account have changed. Sign in to your bank again. Link the bank account again.',
    );
    expect(await storedMethods(customerId)).toEqual([]);
  });

  it('rejects a body without account_id', async () => {
    const { session } = await fixture.customerSession();

    const response = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: 'public-sandbox-00000000-0000-0000-0000-000000000000' },
    });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', param: 'account_id' });
  });

  it('reports a Plaid outage as 502', async () => {
    const { customerId, session } = await fixture.customerSession();
    const link = fixture.plaid.completeLink();
    fixture.plaid.failNext('/item/public_token/exchange', {
      status: 500,
      error_type: 'API_ERROR',
      error_code: 'INTERNAL_SERVER_ERROR',
      error_message: 'an unexpected error occurred',
    });

    const response = await fixture.request('POST', '/v1/portal/payment_methods/plaid', {
      auth: session,
      body: { public_token: link.publicToken, account_id: link.accounts[0]?.id },
    });

    expect(response.status).toBe(502);
    expect(response.body.code).toBe('provider_error');
    expect(response.body.detail).toContain('API_ERROR INTERNAL_SERVER_ERROR');
    expect(await storedMethods(customerId)).toEqual([]);
  });

  it('shows the bank outage message', async () => {
    const { session } = await fixture.customerSession();
    fixture.plaid.failNext('/link/token/create', {
      status: 400,
      error_type: 'INSTITUTION_ERROR',
      error_code: 'INSTITUTION_DOWN',
      error_message: 'this institution is not currently responding to this request',
      display_message: 'This financial institution is not currently responding.',
    });

    const response = await fixture.request('POST', '/v1/portal/plaid/link_token', {
      auth: session,
    });

    expect(response.status).toBe(502);
    expect(response.body.detail).toContain(
      'This financial institution is not currently responding.',
    );
  });
});

describe('Plaid settings faults', () => {
  it('reports unreachable Plaid as 502', async () => {
    const unreachable = await PlaidFixture.create(db, {
      apiUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    try {
      const { session } = await unreachable.customerSession();

      const response = await unreachable.request('POST', '/v1/portal/plaid/link_token', {
        auth: session,
      });

      expect(response.status).toBe(502);
      expect(response.body.code).toBe('provider_error');
      expect(response.body.detail).toBe(
        'Plaid could not be reached (ECONNREFUSED). Try again in a few minutes.',
      );
    } finally {
      await unreachable.close();
    }
  });

  it('reports a wrong Plaid secret as 502', async () => {
    const misconfigured = await PlaidFixture.create(db, { secret: 'not-the-secret' });
    try {
      const { session } = await misconfigured.customerSession();

      const response = await misconfigured.request('POST', '/v1/portal/plaid/link_token', {
        auth: session,
      });

      expect(response.status).toBe(502);
      expect(response.body.code).toBe('provider_error');
      expect(response.body.detail).toContain('INVALID_INPUT INVALID_API_KEYS');
    } finally {
      await misconfigured.close();
    }
  });
});
