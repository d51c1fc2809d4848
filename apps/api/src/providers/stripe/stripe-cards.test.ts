import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { StripeFixture } from './stripe-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let stripe: StripeFixture;

beforeAll(async () => {
  stripe = await StripeFixture.create(db, 'Stripe Cards Vendor');
});
afterAll(async () => {
  await stripe.close();
  await db.destroy();
});

describe('card payments through Stripe', () => {
  it('settles a card that succeeds at once', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, 'pm_card_visa');
    const first = await stripe.api.createInvoice(customer.id, { total: 6_000 });
    const second = await stripe.api.createInvoice(customer.id, { total: 4_000 });

    const response = await stripe.api.payPartly(customer.session, card, [
      { invoice: first.id, amount: 6_000 },
      { invoice: second.id, amount: 1_500 },
    ]);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'succeeded', amount: 7_500, currency: 'USD' });
    expect(await stripe.invoice(first.id)).toMatchObject({ status: 'paid', amount_due: '0' });
    expect(await stripe.invoice(second.id)).toMatchObject({ status: 'open', amount_due: '2500' });

    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);
    expect(intent).toMatchObject({ amount: 7_500, currency: 'usd', status: 'succeeded' });
    const metadata = intent.metadata as Record<string, string>;
    expect(metadata.duly_payment).toBe(paymentId);
    expect(metadata.duly_invoices?.split(',').sort()).toEqual([first.id, second.id].sort());
    const stored = await db
      .selectFrom('customer')
      .select('provider_refs')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(intent.customer).toBe(stored.provider_refs.stripe);
    const ownCreate = stripe.fake.requests.filter(
      (request) => request.path === '/v1/payment_intents' && request.idempotencyKey === paymentId,
    );
    expect(ownCreate).toHaveLength(1);
    expect(ownCreate[0]?.params).toMatchObject({
      confirm: 'true',
      use_stripe_sdk: 'true',
      allowed_payment_method_types: ['card'],
    });
  });

  it('settles on the webhook when the response was lost', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, 'pm_card_visa');
    const invoice = await stripe.api.createInvoice(customer.id, { total: 3_000 });

    stripe.fake.dropResponses(2);
    const response = await stripe.api.pay(customer.session, card, [
      { invoice: invoice.id, amount: 3_000 },
    ]);

    expect(response.status).toBe(201);
    expect(response.body.status).toBe('pending');
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'open',
      amount_pending: '3000',
    });

    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);
    const delivered = await stripe.deliver(
      stripe.fake.lastEvent('payment_intent.succeeded', intent.id),
    );

    expect(delivered).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await stripe.payment(paymentId)).toMatchObject({
      status: 'succeeded',
      provider_ref: intent.id,
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      amount_due: '0',
      amount_pending: '0',
    });
  });

  it('answers a decline with 402 naming the payment', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, '4000 0000 0000 0341');
    const invoice = await stripe.api.createInvoice(customer.id, { total: 2_000 });

    const response = await stripe.api.pay(customer.session, card, [
      { invoice: invoice.id, amount: 2_000 },
    ]);

    expect(response.status).toBe(402);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'card_declined',
      decline_code: 'card_declined',
      detail: 'Your card was declined.',
    });
    const paymentId = response.body.payment as string;
    expect(await stripe.payment(paymentId)).toMatchObject({
      status: 'failed',
      failure_code: 'card_declined',
      provider_ref: stripe.intentOf(paymentId).id,
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '2000',
      amount_pending: '0',
    });
  });

  it('rejects a card that declines when saved', async () => {
    const customer = await stripe.customer();

    const response = await stripe.saveMethod(customer.session, '4000 0000 0000 9995');

    expect(response.status).toBe(402);
    expect(response.body).toMatchObject({
      code: 'insufficient_funds',
      decline_code: 'insufficient_funds',
    });
    const methods = await stripe.api.request<{ data: unknown[] }>(
      'GET',
      '/v1/portal/payment_methods',
      { auth: customer.session },
    );
    expect(methods.body.data).toEqual([]);
  });

  it('completes 3-D Secure through the webhook', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, 'pm_card_threeDSecure2Required');
    const invoice = await stripe.api.createInvoice(customer.id, { total: 5_000 });

    const response = await stripe.api.pay(customer.session, card, [
      { invoice: invoice.id, amount: 5_000 },
    ]);

    expect(response.status).toBe(201);
    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);
    expect(response.body).toMatchObject({
      status: 'requires_action',
      next_action: { type: 'stripe_sdk', client_secret: intent.client_secret },
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({ amount_pending: '5000' });

    stripe.fake.finishNextAction(intent.id as string);
    const delivered = await stripe.deliver(
      stripe.fake.lastEvent('payment_intent.succeeded', intent.id),
    );

    expect(delivered.status).toBe(200);
    expect(await stripe.payment(paymentId)).toMatchObject({
      status: 'succeeded',
      next_action: null,
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      amount_pending: '0',
    });
  });

  it('completes 3-D Secure through the refresh route', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, '4000 0025 0000 3155');
    const invoice = await stripe.api.createInvoice(customer.id, { total: 5_000 });
    const response = await stripe.api.pay(customer.session, card, [
      { invoice: invoice.id, amount: 5_000 },
    ]);
    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);

    const early = await stripe.api.request('POST', `/v1/portal/payments/${paymentId}/refresh`, {
      auth: customer.session,
    });
    stripe.fake.finishNextAction(intent.id as string);
    const refreshed = await stripe.api.request('POST', `/v1/portal/payments/${paymentId}/refresh`, {
      auth: customer.session,
    });
    const late = await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded', intent.id));

    expect(early.body.status).toBe('requires_action');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.status).toBe('succeeded');
    expect(late).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await stripe.invoice(invoice.id)).toMatchObject({ status: 'paid', amount_due: '0' });
  });

  it('fails a payment whose challenge failed', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, 'pm_card_authenticationRequired');
    const invoice = await stripe.api.createInvoice(customer.id, { total: 1_000 });
    const response = await stripe.api.pay(customer.session, card, [
      { invoice: invoice.id, amount: 1_000 },
    ]);
    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);

    stripe.fake.finishNextAction(intent.id as string, 'failed');
    await stripe.deliver(stripe.fake.lastEvent('payment_intent.payment_failed', intent.id));

    expect(await stripe.payment(paymentId)).toMatchObject({
      status: 'failed',
      failure_code: 'payment_intent_authentication_failure',
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'open',
      amount_pending: '0',
    });
  });

  it('rejects a KWD amount Stripe cannot take before reserving', async () => {
    const customer = await stripe.customer();
    const card = await stripe.methodId(customer.session, 'pm_card_visa');
    const invoice = await stripe.api.createInvoice(customer.id, { total: 12_345, currency: 'KWD' });
    const intents = stripe.fake.paymentIntents().length;

    const response = await stripe.api.pay(customer.session, card, [
      { invoice: invoice.id, amount: 12_345 },
    ]);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'amount_not_supported', param: 'invoices' });
    expect(response.body.detail).toMatch(/multiples of 10/);
    expect(stripe.fake.paymentIntents()).toHaveLength(intents);
    expect(await stripe.invoice(invoice.id)).toMatchObject({ amount_pending: '0' });
    const payments = await stripe.api.db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(payments).toHaveLength(0);
  });
});
