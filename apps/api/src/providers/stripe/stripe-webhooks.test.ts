import type Stripe from 'stripe';
import StripeSdk from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { silentLogger } from '../../http/logger.js';
import { createRefundRecord, settleRefund } from '../../payments/refund-ledger.js';
import { StripeFixture } from './stripe-fixture.js';
import { StripeProvider } from './stripe-provider.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let stripe: StripeFixture;
/** The SDK on the fake, standing in for the vendor's Stripe dashboard. */
let dashboard: Stripe;

beforeAll(async () => {
  stripe = await StripeFixture.create(db, 'Stripe Webhooks Vendor');
  dashboard = new StripeProvider(stripe.fake.settings, { db, logger: silentLogger }).stripe;
});
afterAll(async () => {
  await stripe.close();
  await db.destroy();
});

/** Pays invoices of `amounts` (one each) by a card that Stripe charges at once. */
async function paidByCard(...amounts: number[]) {
  const customer = await stripe.customer();
  const card = await stripe.methodId(customer.session, 'pm_card_visa');
  const invoices = [];
  for (const amount of amounts) {
    invoices.push(await stripe.api.createInvoice(customer.id, { total: amount }));
  }
  const response = await stripe.api.pay(
    customer.session,
    card,
    invoices.map((invoice, index) => ({ invoice: invoice.id, amount: amounts[index] as number })),
  );
  expect(response.body.status).toBe('succeeded');
  const paymentId = response.body.id as string;
  return { customer, paymentId, intentId: stripe.intentOf(paymentId).id, invoices };
}

/** Starts a bank debit, which stays processing at Stripe. */
async function pendingDebit(amount: number) {
  const customer = await stripe.customer();
  const account = await stripe.methodId(customer.session, '000123456789');
  const invoice = await stripe.api.createInvoice(customer.id, { total: amount });
  const response = await stripe.api.pay(
    customer.session,
    account,
    [{ invoice: invoice.id, amount }],
    crypto.randomUUID(),
    true,
  );
  const paymentId = response.body.id as string;
  return { paymentId, intentId: stripe.intentOf(paymentId).id, invoice };
}

async function providerEventCount() {
  const row = await db
    .selectFrom('provider_event')
    .select(db.fn.countAll<string>().as('count'))
    .where('provider', '=', 'stripe')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('POST /webhooks/stripe signatures', () => {
  it('rejects a bad signature and changes nothing', async () => {
    const debit = await pendingDebit(2_000);
    stripe.fake.clearDebit(debit.intentId);
    const succeeded = stripe.fake.lastEvent('payment_intent.succeeded', debit.intentId);
    const before = await providerEventCount();

    const cases = [
      { secret: 'whsec_not_this_endpoint' },
      { signature: null },
      { signature: 't=1,v1=00' },
      { timestamp: Math.floor(Date.now() / 1000) - 3_600 },
      { body: JSON.stringify({ ...succeeded, id: 'evt_forged' }, null, 2) },
    ];
    for (const options of cases) {
      const response = await stripe.fake.deliver(succeeded, stripe.api.app, options);
      const body = await response.json();
      expect(response.status).toBe(400);
      expect(body).toMatchObject({ code: 'webhook_signature_invalid', param: 'Stripe-Signature' });
    }

    expect(await providerEventCount()).toBe(before);
    expect(await stripe.payment(debit.paymentId)).toMatchObject({ status: 'pending' });
    expect(await stripe.invoice(debit.invoice.id)).toMatchObject({ amount_pending: '2000' });
  });

  it('rejects a signed body that is not JSON', async () => {
    const event = { id: 'evt_not_json' } as Stripe.Event;
    const body = '{nope';
    const signature = StripeSdk.webhooks.generateTestHeaderString({
      payload: body,
      secret: stripe.fake.settings.webhookSecret,
    });
    const before = await providerEventCount();

    const response = await stripe.fake.deliver(event, stripe.api.app, { signature, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'malformed_json' });
    expect(await providerEventCount()).toBe(before);
  });

  it('acknowledges events that touch no ledger', async () => {
    const customer = await stripe.customer();
    const setup = await stripe.api.request('POST', '/v1/portal/setup_intents', {
      auth: customer.session,
    });
    const id = (setup.body.client_secret as string).split('_secret_')[0] as string;
    stripe.fake.confirmSetupIntent(id, 'pm_card_visa');
    const before = await providerEventCount();

    const response = await stripe.deliver(stripe.fake.lastEvent('setup_intent.succeeded', id));

    expect(response).toEqual({
      status: 200,
      body: { received: true, ignored: 'no_ledger_change' },
    });
    expect(await providerEventCount()).toBe(before);
  });
});

describe('POST /webhooks/stripe ordering', () => {
  it('handles the same event twice once', async () => {
    const debit = await pendingDebit(4_000);
    stripe.fake.clearDebit(debit.intentId);
    const succeeded = stripe.fake.lastEvent('payment_intent.succeeded', debit.intentId);

    const first = await stripe.deliver(succeeded);
    const events = await db
      .selectFrom('event')
      .select('id')
      .where('object_id', 'in', [debit.paymentId, debit.invoice.id])
      .execute();
    const second = await stripe.deliver(succeeded);

    expect(first.body).toEqual({ received: true, duplicate: false });
    expect(second.body).toEqual({ received: true, duplicate: true });
    const after = await db
      .selectFrom('event')
      .select('id')
      .where('object_id', 'in', [debit.paymentId, debit.invoice.id])
      .execute();
    expect(after).toHaveLength(events.length);
    expect(await stripe.invoice(debit.invoice.id)).toMatchObject({
      status: 'paid',
      amount_due: '0',
    });
  });

  it('keeps a refund when succeeded arrives after it', async () => {
    const debit = await pendingDebit(6_000);
    stripe.fake.clearDebit(debit.intentId);
    const succeeded = stripe.fake.lastEvent('payment_intent.succeeded', debit.intentId);
    const refund = await dashboard.refunds.create({ payment_intent: debit.intentId });

    const refunded = await stripe.deliver(stripe.fake.lastEvent('charge.refunded'));
    expect(await stripe.payment(debit.paymentId)).toMatchObject({
      status: 'succeeded',
      amount_refunded: '0',
    });
    const [updated] = stripe.fake.settleRefund(refund.id);
    const settled = await stripe.deliver(updated as Stripe.Event);
    const late = await stripe.deliver(succeeded);

    expect(refund.status).toBe('pending');
    expect(refunded.status).toBe(200);
    expect(settled.status).toBe(200);
    expect(late.body).toEqual({ received: true, duplicate: false });
    expect(await stripe.payment(debit.paymentId)).toMatchObject({
      status: 'refunded',
      amount_refunded: '6000',
    });
    expect(await stripe.invoice(debit.invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '6000',
      amount_pending: '0',
    });
  });

  it('ignores a processing event after success', async () => {
    const debit = await pendingDebit(1_500);
    const processing = stripe.fake.lastEvent('payment_intent.processing', debit.intentId);
    stripe.fake.clearDebit(debit.intentId);

    await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded', debit.intentId));
    await stripe.deliver(processing);

    expect(await stripe.payment(debit.paymentId)).toMatchObject({ status: 'succeeded' });
  });

  it('skips events about payments made elsewhere', async () => {
    const customer = await dashboard.customers.create({});
    await dashboard.paymentIntents.create({
      amount: 900,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });

    const response = await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded'));

    expect(response).toEqual({ status: 200, body: { received: true, duplicate: false } });
  });
});

describe('refunds reported by Stripe', () => {
  it('applies two partial refunds from cumulative lists', async () => {
    const paid = await paidByCard(6_000, 4_000);
    await dashboard.refunds.create({ payment_intent: paid.intentId, amount: 3_000 });
    const firstEvent = stripe.fake.lastEvent('charge.refunded');
    await dashboard.refunds.create({ payment_intent: paid.intentId, amount: 2_500 });
    const secondEvent = stripe.fake.lastEvent('charge.refunded');

    await stripe.deliver(firstEvent);
    await stripe.deliver(secondEvent);
    await stripe.deliver(firstEvent);

    expect(await stripe.payment(paid.paymentId)).toMatchObject({
      status: 'succeeded',
      amount_refunded: '5500',
    });
    const refunds = await db
      .selectFrom('refund')
      .select(['amount', 'status', 'provider_ref'])
      .where('payment_id', '=', paid.paymentId)
      .orderBy('amount')
      .execute();
    expect(refunds).toEqual([
      { amount: '2500', status: 'succeeded', provider_ref: expect.stringMatching(/^re_/) },
      { amount: '3000', status: 'succeeded', provider_ref: expect.stringMatching(/^re_/) },
    ]);
    const [first, second] = paid.invoices;
    const dues = [
      await stripe.invoice(first?.id as string),
      await stripe.invoice(second?.id as string),
    ].map((invoice) => Number(invoice.amount_due));
    expect(dues.reduce((sum, due) => sum + due, 0)).toBe(5_500);
  });

  it('never refunds more than was paid', async () => {
    const paid = await paidByCard(5_000);
    await dashboard.refunds.create({ payment_intent: paid.intentId, amount: 2_000 });
    const partial = stripe.fake.lastEvent('charge.refunded');
    await dashboard.refunds.create({ payment_intent: paid.intentId });
    const full = stripe.fake.lastEvent('charge.refunded');

    await stripe.deliver(full);
    await stripe.deliver(partial);
    await stripe.deliver(full);

    expect(await stripe.payment(paid.paymentId)).toMatchObject({
      status: 'refunded',
      amount_refunded: '5000',
    });
    expect(await stripe.invoice(paid.invoices[0]?.id as string)).toMatchObject({
      status: 'open',
      amount_due: '5000',
    });
  });

  it('counts a refund made through Duly once', async () => {
    const paid = await paidByCard(8_000);
    const provider = new StripeProvider(stripe.fake.settings, { db, logger: silentLogger });
    const tenant = { vendorId: stripe.api.vendor.id, livemode: false };
    const { refund, payment } = await createRefundRecord(
      db,
      stripe.api.clock,
      tenant,
      paid.paymentId,
      { amount: 3_000 },
    );

    const outcome = await provider.refund({
      refundId: refund.id,
      paymentId: payment.id,
      paymentRef: payment.provider_ref as string,
      amount: 3_000,
      currency: payment.currency,
      livemode: false,
      idempotencyKey: refund.id,
    });
    await settleRefund(db, stripe.api.clock, refund.id, outcome);
    await stripe.deliver(stripe.fake.lastEvent('charge.refunded'));

    expect(outcome).toMatchObject({
      status: 'succeeded',
      providerRef: expect.stringMatching(/^re_/),
    });
    expect(stripe.fake.object(outcome.providerRef as string).metadata).toEqual({
      duly_refund: refund.id,
      duly_payment: paid.paymentId,
    });
    expect(await stripe.payment(paid.paymentId)).toMatchObject({ amount_refunded: '3000' });
    const rows = await db
      .selectFrom('refund')
      .select('id')
      .where('payment_id', '=', paid.paymentId)
      .execute();
    expect(rows).toEqual([{ id: refund.id }]);
  });
});

describe('POST /v1/payments/:id/refunds with Stripe', () => {
  it('refunds through Stripe and settles once', async () => {
    const paid = await paidByCard(4_000);

    const response = await stripe.api.request('POST', `/v1/payments/${paid.paymentId}/refunds`, {
      auth: stripe.api.vendor.secret_key,
      body: { amount: 1_500 },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    const delivered = await stripe.deliver(stripe.fake.lastEvent('charge.refunded'));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'succeeded', amount: 1_500 });
    expect(delivered.status).toBe(200);
    const charge = stripe.fake.lastEvent('charge.refunded').data.object as Stripe.Charge;
    expect(charge.amount_refunded).toBe(1_500);
    expect(await stripe.payment(paid.paymentId)).toMatchObject({ amount_refunded: '1500' });
    expect(await stripe.invoice(paid.invoices[0]?.id as string)).toMatchObject({
      status: 'open',
      amount_due: '1500',
    });
  });
});

describe('chargebacks reported by Stripe', () => {
  it('marks the payment, then reopens the invoice when lost', async () => {
    const paid = await paidByCard(7_500);
    stripe.fake.openDispute(paid.intentId);
    const created = stripe.fake.lastEvent('charge.dispute.created');
    const disputeId = (created.data.object as { id: string }).id;

    await stripe.deliver(created);

    expect(await stripe.payment(paid.paymentId)).toMatchObject({
      status: 'succeeded',
      chargeback_status: 'needs_response',
    });
    expect(await stripe.invoice(paid.invoices[0]?.id as string)).toMatchObject({ status: 'paid' });

    stripe.fake.updateDispute(disputeId, 'lost');
    await stripe.deliver(stripe.fake.lastEvent('charge.dispute.closed', disputeId));
    await stripe.deliver(created);

    expect(await stripe.payment(paid.paymentId)).toMatchObject({ chargeback_status: 'lost' });
    expect(await stripe.invoice(paid.invoices[0]?.id as string)).toMatchObject({
      status: 'open',
      amount_due: '7500',
    });
  });

  it('keeps the invoice paid when the dispute is won', async () => {
    const paid = await paidByCard(2_500);
    stripe.fake.openDispute(paid.intentId);
    const created = stripe.fake.lastEvent('charge.dispute.created');
    const disputeId = (created.data.object as { id: string }).id;
    stripe.fake.updateDispute(disputeId, 'won');

    await stripe.deliver(stripe.fake.lastEvent('charge.dispute.closed', disputeId));
    await stripe.deliver(created);

    expect(await stripe.payment(paid.paymentId)).toMatchObject({ chargeback_status: 'won' });
    expect(await stripe.invoice(paid.invoices[0]?.id as string)).toMatchObject({ status: 'paid' });
  });
});
