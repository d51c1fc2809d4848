import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import type { SignedWebhook, SignWebhookOptions } from '../../testing/index.js';
import { PlaidFixture } from './plaid-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let fixture: PlaidFixture;

beforeAll(async () => {
  fixture = await PlaidFixture.create(db);
});
afterAll(async () => {
  await fixture.close();
  await db.destroy();
});

/** Creates a customer with one saved bank account linked through Plaid. */
async function linkedAccount() {
  const { customerId, session } = await fixture.customerSession();
  const { response, link, accountId } = await fixture.linkBankAccount(session);
  if (response.status !== 201) throw new Error(`Linking failed: ${JSON.stringify(response.body)}`);
  return { customerId, session, methodId: response.body.id, itemId: link.itemId, accountId };
}

function revocation(itemId: string) {
  return {
    webhook_type: 'ITEM',
    webhook_code: 'USER_PERMISSION_REVOKED',
    item_id: itemId,
    error: null,
    environment: 'sandbox',
  };
}

function deliver(webhook: SignedWebhook) {
  return fixture.request('POST', '/webhooks/plaid', {
    body: webhook.body,
    headers: webhook.headers,
  });
}

function send(payload: object, options: SignWebhookOptions = {}) {
  return deliver(fixture.plaid.signedWebhook(payload, options));
}

async function disabledReason(methodId: string) {
  const row = await db
    .selectFrom('payment_method')
    .select('disabled_reason')
    .where('id', '=', methodId)
    .executeTakeFirstOrThrow();
  return row.disabled_reason;
}

async function plaidEventCount() {
  const row = await db
    .selectFrom('provider_event')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('provider', '=', 'plaid')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('POST /webhooks/plaid signature', () => {
  it('rejects a body the JWT does not sign', async () => {
    const { methodId, itemId } = await linkedAccount();
    const signed = fixture.plaid.signedWebhook(revocation('another-item'));
    const eventsBefore = await plaidEventCount();

    const response = await deliver({
      body: JSON.stringify(revocation(itemId), null, 2),
      headers: signed.headers,
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('webhook_signature_invalid');
    expect(response.body.detail).toBe(
      'Plaid webhook rejected: The body is not the one the JWT signs. Nothing was changed.',
    );
    expect(await disabledReason(methodId)).toBeNull();
    expect(await plaidEventCount()).toBe(eventsBefore);
  });

  it('rejects a re-serialized body', async () => {
    const { methodId, itemId } = await linkedAccount();
    const signed = fixture.plaid.signedWebhook(revocation(itemId));

    const response = await deliver({
      body: JSON.stringify(JSON.parse(signed.body)),
      headers: signed.headers,
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('webhook_signature_invalid');
    expect(await disabledReason(methodId)).toBeNull();
  });

  it('rejects a missing header', async () => {
    const { methodId, itemId } = await linkedAccount();

    const response = await fixture.request('POST', '/webhooks/plaid', {
      body: revocation(itemId),
    });

    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('The Plaid-Verification header is missing.');
    expect(await disabledReason(methodId)).toBeNull();
  });

  it('rejects a JWT with alg none', async () => {
    const { methodId, itemId } = await linkedAccount();
    const signed = fixture.plaid.signedWebhook(revocation(itemId));
    const [, payload] = signed.headers['Plaid-Verification']?.split('.') ?? [];
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');

    const response = await deliver({
      body: signed.body,
      headers: { ...signed.headers, 'Plaid-Verification': `${header}.${payload}.` },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('webhook_signature_invalid');
    expect(await disabledReason(methodId)).toBeNull();
  });

  it('rejects a JWT of an unknown key', async () => {
    const { methodId, itemId } = await linkedAccount();

    const response = await send(revocation(itemId), { key: 'unpublished' });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('webhook_signature_invalid');
    expect(response.body.detail).toContain('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
    expect(await disabledReason(methodId)).toBeNull();
  });

  it('rejects a JWT issued 6 minutes ago', async () => {
    const { methodId, itemId } = await linkedAccount();

    const response = await send(revocation(itemId), {
      issuedAt: new Date(Date.now() - 6 * 60 * 1000),
    });

    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('issued more than 5 minutes ago');
    expect(await disabledReason(methodId)).toBeNull();
  });

  it('rejects a key Plaid has expired', async () => {
    const rotated = await PlaidFixture.create(db);
    try {
      const { session } = await rotated.customerSession();
      const { link } = await rotated.linkBankAccount(session);
      // The app learns the first key before the rotation, as a running server would.
      const ignored = rotated.plaid.signedWebhook({ webhook_type: 'ITEM', webhook_code: 'NOOP' });
      const warmUp = await rotated.request('POST', '/webhooks/plaid', ignored);
      rotated.plaid.rotateWebhookKey();

      const fresh = await rotated.request(
        'POST',
        '/webhooks/plaid',
        rotated.plaid.signedWebhook(revocation('unrelated-item')),
      );
      const stale = await rotated.request(
        'POST',
        '/webhooks/plaid',
        rotated.plaid.signedWebhook(revocation(link.itemId), { key: 'previous' }),
      );

      expect(warmUp.status).toBe(200);
      expect(fresh.status).toBe(200);
      expect(stale.status).toBe(400);
      expect(stale.body.detail).toContain('which Plaid expired');
    } finally {
      await rotated.close();
    }
  });
});

describe('POST /webhooks/plaid events', () => {
  it('disables the methods of a revoked item', async () => {
    const revoked = await linkedAccount();
    const other = await linkedAccount();

    const response = await send(revocation(revoked.itemId));

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ received: true });
    expect(await disabledReason(revoked.methodId)).toBe('USER_PERMISSION_REVOKED');
    expect(await disabledReason(other.methodId)).toBeNull();
    const listed = await fixture.request<{ data: Array<Record<string, unknown>> }>(
      'GET',
      '/v1/portal/payment_methods',
      { auth: revoked.session },
    );
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: revoked.methodId, disabled_reason: 'USER_PERMISSION_REVOKED' }),
    ]);
    const events = await db
      .selectFrom('event')
      .select(['type', 'data'])
      .where('object_id', '=', revoked.methodId)
      .where('type', '=', 'payment_method.disabled')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ reason: 'USER_PERMISSION_REVOKED' });
  });

  it('handles a redelivered webhook once', async () => {
    const { methodId, itemId } = await linkedAccount();
    const signed = fixture.plaid.signedWebhook(revocation(itemId));
    const eventsBefore = await plaidEventCount();

    const first = await deliver(signed);
    const second = await deliver(signed);

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await disabledReason(methodId)).toBe('USER_PERMISSION_REVOKED');
    expect(await plaidEventCount()).toBe(eventsBefore + 1);
  });

  it('disables on ITEM_LOGIN_REQUIRED', async () => {
    const { methodId, itemId } = await linkedAccount();

    const response = await send({
      webhook_type: 'ITEM',
      webhook_code: 'ERROR',
      item_id: itemId,
      error: {
        error_type: 'ITEM_ERROR',
        error_code: 'ITEM_LOGIN_REQUIRED',
        error_message: 'the login details of this item have changed',
        display_message: null,
      },
      environment: 'sandbox',
    });

    expect(response.status).toBe(200);
    expect(await disabledReason(methodId)).toBe('ITEM_LOGIN_REQUIRED');
  });

  it('disables only the revoked account', async () => {
    const { methodId, itemId, accountId } = await linkedAccount();
    const revokedAccount = (account: string) => ({
      webhook_type: 'ITEM',
      webhook_code: 'USER_ACCOUNT_REVOKED',
      item_id: itemId,
      account_id: account,
      error: null,
      environment: 'sandbox',
    });

    const otherAccount = await send(revokedAccount('another-account-of-the-item'));
    const untouched = await disabledReason(methodId);
    const thisAccount = await send(revokedAccount(accountId));

    expect(otherAccount.status).toBe(200);
    expect(untouched).toBeNull();
    expect(thisAccount.status).toBe(200);
    expect(await disabledReason(methodId)).toBe('USER_ACCOUNT_REVOKED');
  });

  it('ignores other webhooks', async () => {
    const { methodId, itemId } = await linkedAccount();
    const eventsBefore = await plaidEventCount();
    const ignored = [
      { webhook_type: 'ITEM', webhook_code: 'PENDING_DISCONNECT', item_id: itemId },
      {
        webhook_type: 'ITEM',
        webhook_code: 'ERROR',
        item_id: itemId,
        error: { error_code: 'INSTITUTION_DOWN' },
      },
      { webhook_type: 'AUTH', webhook_code: 'DEFAULT_UPDATE', item_id: itemId },
    ];

    for (const payload of ignored) {
      const response = await send(payload);
      expect(response.status, payload.webhook_code).toBe(200);
    }

    expect(await disabledReason(methodId)).toBeNull();
    expect(await plaidEventCount()).toBe(eventsBefore);
  });

  it('accepts a delivery over HTTP', async () => {
    const { methodId, itemId } = await linkedAccount();
    const server = serve({ fetch: fixture.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fixture.plaid.sendWebhook(
        `http://127.0.0.1:${port}/webhooks/plaid`,
        revocation(itemId),
      );

      expect(response.status).toBe(200);
      expect(await disabledReason(methodId)).toBe('USER_PERMISSION_REVOKED');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
