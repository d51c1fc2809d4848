import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../app.js';
import { connectDatabase } from '../../db/index.js';
import { silentLogger } from '../../http/logger.js';
import { type FakePlaid, startFakePlaid } from '../../testing/index.js';
import { StripeFixture } from './stripe-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let stripe: StripeFixture;
let plaid: FakePlaid;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  stripe = await StripeFixture.create(db, 'Stripe And Plaid Vendor');
  plaid = await startFakePlaid();
  // Both modules, with Plaid handing its tokens to the Stripe module as the server does.
  app = createApp({
    db,
    clock: stripe.api.clock,
    publicUrl: 'https://api.duly.example',
    logger: silentLogger,
    stripe: stripe.fake.settings,
    plaid: {
      clientId: plaid.clientId,
      secret: plaid.secret,
      environment: 'sandbox',
      apiUrl: plaid.url,
    },
  });
});
afterAll(async () => {
  await plaid.close();
  await stripe.close();
  await db.destroy();
});

async function call(method: string, path: string, session: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: {
      Authorization: `Bearer ${session}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
      'User-Agent': 'DulyTest/1.0',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a bank account linked through Plaid and debited by Stripe', () => {
  it('is attached to the Stripe customer and debited', async () => {
    const customer = await stripe.customer();
    const token = await call('POST', '/v1/portal/plaid/link_token', customer.session);
    const link = plaid.completeLink({ linkToken: token.body.link_token as string });
    const account = link.accounts.find((candidate) => candidate.name === 'Plaid Checking');

    const linked = await call('POST', '/v1/portal/payment_methods/plaid', customer.session, {
      public_token: link.publicToken,
      account_id: account?.id,
      save: true,
    });

    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ type: 'us_bank_account', is_default: true });
    const row = await db
      .selectFrom('payment_method')
      .select(['provider', 'provider_ref', 'provider_data'])
      .where('id', '=', linked.body.id as string)
      .executeTakeFirstOrThrow();
    expect(row.provider).toBe('stripe');
    expect(row.provider_ref).toMatch(/^ba_/);
    expect(stripe.fake.object(row.provider_ref).customer).toBe(row.provider_data.customer);

    const invoice = await stripe.api.createInvoice(customer.id, { total: 12_000 });
    const paid = await call('POST', '/v1/portal/payments', customer.session, {
      payment_method: linked.body.id,
      invoices: [{ invoice: invoice.id, amount: 12_000 }],
      mandate: { accepted: true },
    });

    expect(paid.status).toBe(201);
    expect(paid.body.status).toBe('pending');
    const intent = stripe.intentOf(paid.body.id as string);
    expect(intent.payment_method).toBe(row.provider_ref);
    stripe.fake.clearDebit(intent.id as string);
    const delivered = await stripe.fake.deliver(
      stripe.fake.lastEvent('payment_intent.succeeded', intent.id),
      app,
    );
    expect(delivered.status).toBe(200);
    expect(await stripe.invoice(invoice.id)).toMatchObject({ status: 'paid', amount_due: '0' });
  });
});
