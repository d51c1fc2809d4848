import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { ApiFixture } from '../../http/api-fixture.js';
import { StripeFixture } from './stripe-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let stripe: StripeFixture;

beforeAll(async () => {
  stripe = await StripeFixture.create(db, 'Stripe Methods Vendor');
});
afterAll(async () => {
  await stripe.close();
  await db.destroy();
});

async function startSetup(session: string): Promise<{ id: string; clientSecret: string }> {
  const response = await stripe.api.request('POST', '/v1/portal/setup_intents', { auth: session });
  expect(response.status).toBe(201);
  expect(response.body.object).toBe('setup_intent');
  const clientSecret = response.body.client_secret as string;
  return { id: clientSecret.split('_secret_')[0] as string, clientSecret };
}

function saveSetup(session: string, setupIntent: string) {
  return stripe.api.request('POST', '/v1/portal/payment_methods/stripe', {
    auth: session,
    body: { setup_intent: setupIntent },
  });
}

describe('POST /v1/portal/setup_intents and payment_methods/stripe', () => {
  it('saves a card through a SetupIntent', async () => {
    const customer = await stripe.customer();
    const setup = await startSetup(customer.session);
    const confirmed = stripe.fake.confirmSetupIntent(
      setup.id,
      stripe.fake.createPaymentMethod('4000 0025 0000 3155'),
    );

    const saved = await saveSetup(customer.session, setup.id);
    const again = await saveSetup(customer.session, setup.id);

    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      object: 'payment_method',
      type: 'card',
      brand: 'visa',
      last4: '3155',
      exp_month: 12,
      is_default: true,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(saved.body.id);
    const listed = await stripe.api.request<{ data: Array<{ id: string }> }>(
      'GET',
      '/v1/portal/payment_methods',
      { auth: customer.session },
    );
    expect(listed.body.data.map((method) => method.id)).toEqual([saved.body.id]);
    const row = await db
      .selectFrom('payment_method')
      .select(['provider', 'provider_ref', 'saved'])
      .where('id', '=', saved.body.id as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      provider: 'stripe',
      provider_ref: confirmed.payment_method,
      saved: true,
    });
    const setupRequest = stripe.fake.requests.find(
      (request) => request.path === '/v1/setup_intents' && request.method === 'POST',
    );
    expect(setupRequest?.params).toMatchObject({
      allowed_payment_method_types: ['card'],
      usage: 'off_session',
    });
  });

  it('rejects a SetupIntent not yet confirmed', async () => {
    const customer = await stripe.customer();
    const setup = await startSetup(customer.session);

    const response = await saveSetup(customer.session, setup.id);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'invalid_parameter', param: 'setup_intent' });
    expect(response.body.detail).toMatch(/requires_payment_method/);
  });

  it("treats another customer's SetupIntent as not found", async () => {
    const owner = await stripe.customer();
    const other = await stripe.customer();
    const setup = await startSetup(owner.session);
    stripe.fake.confirmSetupIntent(setup.id, 'pm_card_visa');

    const response = await saveSetup(other.session, setup.id);

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'payment_method_not_found',
      param: 'setup_intent',
    });
  });

  it("treats another customer's PaymentMethod as not found", async () => {
    const owner = await stripe.customer();
    const other = await stripe.customer();
    const saved = await stripe.saveMethod(owner.session, 'pm_card_visa');
    const row = await db
      .selectFrom('payment_method')
      .select('provider_ref')
      .where('id', '=', saved.body.id as string)
      .executeTakeFirstOrThrow();

    const response = await stripe.api.request('POST', '/v1/portal/payment_methods/stripe', {
      auth: other.session,
      body: { payment_method: row.provider_ref },
    });
    const unknown = await stripe.api.request('POST', '/v1/portal/payment_methods/stripe', {
      auth: other.session,
      body: { payment_method: 'pm_doesNotExist' },
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      code: 'payment_method_not_found',
      param: 'payment_method',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('payment_method_not_found');
  });

  it('keeps a one-off card out of the saved methods', async () => {
    const customer = await stripe.customer();

    const response = await stripe.saveMethod(customer.session, 'pm_card_mastercard', false);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ brand: 'mastercard', last4: '4444', is_default: false });
    const listed = await stripe.api.request<{ data: unknown[] }>(
      'GET',
      '/v1/portal/payment_methods',
      { auth: customer.session },
    );
    expect(listed.body.data).toEqual([]);
  });

  it('makes one Stripe customer for concurrent saves', async () => {
    const customer = await stripe.customer();

    const responses = await Promise.all([
      stripe.saveMethod(customer.session, 'pm_card_visa'),
      stripe.saveMethod(customer.session, 'pm_card_mastercard'),
      stripe.api.request('POST', '/v1/portal/setup_intents', { auth: customer.session }),
    ]);

    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    const rows = await db
      .selectFrom('payment_method')
      .select('provider_data')
      .where('customer_id', '=', customer.id)
      .execute();
    const stored = await db
      .selectFrom('customer')
      .select('provider_refs')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(stored.provider_refs.stripe).toMatch(/^cus_/);
    expect(rows.map((row) => row.provider_data.customer)).toEqual([
      stored.provider_refs.stripe,
      stored.provider_refs.stripe,
    ]);
  });

  it('detaches a removed card at Stripe', async () => {
    const customer = await stripe.customer();
    const saved = await stripe.saveMethod(customer.session, 'pm_card_visa');
    const row = await db
      .selectFrom('payment_method')
      .select('provider_ref')
      .where('id', '=', saved.body.id as string)
      .executeTakeFirstOrThrow();
    expect(stripe.fake.object(row.provider_ref).customer).toMatch(/^cus_/);

    const removed = await stripe.api.request(
      'DELETE',
      `/v1/portal/payment_methods/${saved.body.id}`,
      {
        auth: customer.session,
      },
    );

    expect(removed.status).toBe(200);
    expect(stripe.fake.object(row.provider_ref).customer).toBeNull();
  });
});

describe('GET /v1/portal/payment_setup with Stripe', () => {
  it("gives the widget Stripe's publishable key", async () => {
    const customer = await stripe.customer();

    const response = await stripe.api.request('GET', '/v1/portal/payment_setup', {
      auth: customer.session,
    });

    expect(response.status).toBe(200);
    expect(response.body.card).toEqual({
      provider: 'stripe',
      options: { publishable_key: stripe.fake.settings.publishableKey },
    });
  });
});

describe('a vendor on the sandbox', () => {
  it('cannot save methods through Stripe', async () => {
    const sandbox = await ApiFixture.create(db, {
      vendorName: 'Sandbox Vendor Beside Stripe',
      stripe: stripe.fake.settings,
    });
    const customer = await sandbox.createCustomer();
    const session = await sandbox.createSession(customer.id);

    const method = await sandbox.request('POST', '/v1/portal/payment_methods/stripe', {
      auth: session,
      body: { payment_method: stripe.fake.createPaymentMethod('pm_card_visa') },
    });
    const setup = await sandbox.request('POST', '/v1/portal/setup_intents', { auth: session });

    expect(method.status).toBe(409);
    expect(method.body.code).toBe('provider_not_configured');
    expect(setup.status).toBe(409);
  });
});
