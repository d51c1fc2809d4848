import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStripe } from './fake-stripe.js';
import { parseFormParams } from './form-params.js';

let fake: FakeStripe;
let stripe: Stripe;

beforeAll(async () => {
  fake = await FakeStripe.start();
  const url = new URL(fake.url);
  stripe = new Stripe(fake.settings.secretKey, {
    host: url.hostname,
    port: url.port,
    protocol: 'http',
    telemetry: false,
    maxNetworkRetries: 0,
  });
});
afterAll(() => fake.close());

async function customerWith(token: string) {
  const customer = await stripe.customers.create({ name: 'Acme Hardware' });
  const method = await stripe.paymentMethods.attach(token, { customer: customer.id });
  return { customer: customer.id, method: method.id };
}

function cardIntent(
  customer: string,
  method: string,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
) {
  return stripe.paymentIntents.create({
    amount: 1_000,
    currency: 'usd',
    customer,
    payment_method: method,
    allowed_payment_method_types: ['card'],
    confirm: true,
    ...extra,
  });
}

describe('form params', () => {
  it('nests brackets and builds arrays from indexes', () => {
    const params = parseFormParams(
      'amount=100&metadata[a]=1&payment_method_types[0]=card&payment_method_types[1]=us_bank_account&mandate_data[customer_acceptance][online][ip_address]=1.2.3.4&expand[]=x',
    );

    expect(params).toEqual({
      amount: '100',
      metadata: { a: '1' },
      payment_method_types: ['card', 'us_bank_account'],
      mandate_data: { customer_acceptance: { online: { ip_address: '1.2.3.4' } } },
      expand: ['x'],
    });
  });
});

describe('FakeStripe through the stripe SDK', () => {
  it('rejects a wrong secret key with 401', async () => {
    const url = new URL(fake.url);
    const other = new Stripe('sk_test_wrong', {
      host: url.hostname,
      port: url.port,
      protocol: 'http',
      telemetry: false,
      maxNetworkRetries: 0,
    });

    await expect(other.customers.create({})).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
  });

  it('charges pm_card_visa at once', async () => {
    const { customer, method } = await customerWith('pm_card_visa');

    const intent = await cardIntent(customer, method, { metadata: { duly_payment: 'pay_1' } });

    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 1_000,
      amount_received: 1_000,
      metadata: { duly_payment: 'pay_1' },
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.latest_charge).toMatch(/^ch_/);
    expect(fake.lastEvent('payment_intent.succeeded', intent.id).data.object).toMatchObject({
      status: 'succeeded',
    });
  });

  it('declines 4000 0000 0000 0341 with 402 naming the intent', async () => {
    const { customer, method } = await customerWith('pm_card_chargeCustomerFail');

    const error = await cardIntent(customer, method).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = error as Stripe.errors.StripeCardError;
    expect(cardError.statusCode).toBe(402);
    expect(cardError.code).toBe('card_declined');
    expect(cardError.decline_code).toBe('generic_decline');
    expect(cardError.payment_intent?.status).toBe('requires_payment_method');
    expect(cardError.payment_intent?.last_payment_error?.code).toBe('card_declined');
  });

  it('declines pm_card_chargeDeclined on attach', async () => {
    const customer = await stripe.customers.create({});

    await expect(
      stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id }),
    ).rejects.toMatchObject({ statusCode: 402, code: 'card_declined' });
  });

  it('asks for 3-D Secure with use_stripe_sdk, then succeeds', async () => {
    const { customer, method } = await customerWith('pm_card_threeDSecure2Required');

    const intent = await cardIntent(customer, method, { use_stripe_sdk: true });

    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('use_stripe_sdk');
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    const events = fake.finishNextAction(intent.id);
    expect(events.map((event) => event.type)).toEqual([
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('rejects the retired payment_method_types parameter', async () => {
    const { customer, method } = await customerWith('pm_card_visa');
    const retired = { payment_method_types: ['card'] } as Partial<Stripe.PaymentIntentCreateParams>;

    await expect(cardIntent(customer, method, retired)).rejects.toMatchObject({
      statusCode: 400,
      code: 'payment_method_types_no_longer_supported',
    });
  });

  it('replays a repeated Idempotency-Key', async () => {
    const { customer, method } = await customerWith('pm_card_visa');
    const key = `pay_${Date.now()}`;

    const first = await stripe.paymentIntents.create(
      { amount: 700, currency: 'usd', customer, payment_method: method, confirm: true },
      { idempotencyKey: key },
    );
    const second = await stripe.paymentIntents.create(
      { amount: 700, currency: 'usd', customer, payment_method: method, confirm: true },
      { idempotencyKey: key },
    );
    const changed = stripe.paymentIntents.create(
      { amount: 800, currency: 'usd', customer, payment_method: method, confirm: true },
      { idempotencyKey: key },
    );

    expect(second.id).toBe(first.id);
    await expect(changed).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    expect(fake.paymentIntents().filter((intent) => intent.id === first.id)).toHaveLength(1);
  });

  it('keeps a bank debit processing until cleared', async () => {
    const customer = await stripe.customers.create({});
    const account = await stripe.customers.createSource(customer.id, {
      source: fake.createBankAccountToken('000222222227'),
    });
    const params = {
      amount: 5_000,
      currency: 'usd',
      customer: customer.id,
      payment_method: account.id,
      allowed_payment_method_types: [
        'us_bank_account',
      ] as Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType[],
      confirm: true,
    };

    await expect(stripe.paymentIntents.create(params)).rejects.toMatchObject({
      code: 'parameter_missing',
      param: 'mandate_data',
    });
    const intent = await stripe.paymentIntents.create({
      ...params,
      mandate_data: {
        customer_acceptance: {
          type: 'online',
          accepted_at: 1_773_000_000,
          online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0' },
        },
      },
    });

    expect(intent.status).toBe('processing');
    const events = fake.clearDebit(intent.id);
    expect(events.map((event) => event.type)).toEqual([
      'charge.failed',
      'payment_intent.payment_failed',
    ]);
    expect(events[0]?.data.object).toMatchObject({ failure_code: 'insufficient_funds' });
  });

  it('rejects a bank token used twice', async () => {
    const customer = await stripe.customers.create({});
    const token = fake.createBankAccountToken();
    await stripe.customers.createSource(customer.id, { source: token });

    await expect(
      stripe.customers.createSource(customer.id, { source: token }),
    ).rejects.toMatchObject({
      code: 'token_already_used',
    });
  });

  it('lists refunds cumulatively up to the amount', async () => {
    const { customer, method } = await customerWith('pm_card_visa');
    const intent = await cardIntent(customer, method);

    const first = await stripe.refunds.create({ payment_intent: intent.id, amount: 300 });
    const second = await stripe.refunds.create({ payment_intent: intent.id, amount: 200 });
    const tooMuch = stripe.refunds.create({ payment_intent: intent.id, amount: 501 });

    await expect(tooMuch).rejects.toMatchObject({ code: 'amount_too_large' });
    const charge = fake.lastEvent('charge.refunded').data.object as Stripe.Charge;
    expect(charge.amount_refunded).toBe(500);
    expect(charge.refunds?.data.map((refund) => refund.id)).toEqual([second.id, first.id]);
    const listed = await stripe.refunds.list({ charge: charge.id });
    expect(listed.data.map((refund) => refund.amount)).toEqual([200, 300]);
  });

  it('runs requests whose responses it drops', async () => {
    const customer = await stripe.customers.create({});
    const count = fake.paymentIntents().length;

    fake.dropResponses(1);
    const retried = await cardIntent(customer.id, 'pm_card_visa');
    fake.dropResponses(2);
    const lost = cardIntent(customer.id, 'pm_card_visa');

    await expect(lost).rejects.toMatchObject({ type: 'StripeConnectionError' });
    expect(retried.status).toBe('succeeded');
    expect(fake.paymentIntents()).toHaveLength(count + 2);
    expect(fake.paymentIntents().at(-1)?.status).toBe('succeeded');
  });

  it('signs events that constructEvent accepts', async () => {
    const received: string[] = [];
    const target = {
      fetch: async (request: Request) => {
        const payload = await request.text();
        const event = stripe.webhooks.constructEvent(
          payload,
          request.headers.get('Stripe-Signature') ?? '',
          fake.settings.webhookSecret,
        );
        received.push(event.id);
        return new Response(null, { status: 200 });
      },
    };
    const event = fake.events.at(-1) as Stripe.Event;

    const response = await fake.deliver(event, target);
    const forged = fake.deliver(event, target, { secret: 'whsec_other' });

    expect(response.status).toBe(200);
    await expect(forged).rejects.toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(received).toEqual([event.id]);
  });

  it('saves a card through a SetupIntent', async () => {
    const customer = await stripe.customers.create({});
    const setup = await stripe.setupIntents.create({
      customer: customer.id,
      allowed_payment_method_types: ['card'],
      usage: 'off_session',
    });

    fake.confirmSetupIntent(setup.id, fake.createPaymentMethod('4000 0025 0000 3155'));
    const read = await stripe.setupIntents.retrieve(setup.id, { expand: ['payment_method'] });

    expect(read.status).toBe('succeeded');
    const method = read.payment_method as Stripe.PaymentMethod;
    expect(method.customer).toBe(customer.id);
    expect(method.card?.last4).toBe('3155');
    const offSession = await cardIntent(customer.id, method.id, { off_session: true });
    expect(offSession.status).toBe('succeeded');
  });
});
