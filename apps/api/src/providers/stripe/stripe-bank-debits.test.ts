import { PORTAL_FEATURES } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { silentLogger } from '../../http/logger.js';
import { savePaymentMethod } from '../../payments/payment-method-service.js';
import { StripeFixture } from './stripe-fixture.js';
import { StripeProvider } from './stripe-provider.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let stripe: StripeFixture;

beforeAll(async () => {
  stripe = await StripeFixture.create(db, 'Stripe Bank Vendor');
});
afterAll(async () => {
  await stripe.close();
  await db.destroy();
});

/** Creates a customer with a saved bank account, Stripe's test account `accountNumber`. */
async function bankPayer(accountNumber: string) {
  const customer = await stripe.customer();
  const account = await stripe.methodId(customer.session, accountNumber);
  return { ...customer, account };
}

async function payByBank(session: string, account: string, invoice: string, amount: number) {
  const response = await stripe.api.pay(
    session,
    account,
    [{ invoice, amount }],
    crypto.randomUUID(),
    true,
  );
  return response;
}

describe('bank debits through Stripe', () => {
  it('stays pending until the debit succeeds', async () => {
    const payer = await bankPayer('000123456789');
    const invoice = await stripe.api.createInvoice(payer.id, { total: 40_000 });

    const response = await payByBank(payer.session, payer.account, invoice.id, 40_000);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'pending', amount: 40_000 });
    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);
    expect(intent.status).toBe('processing');
    const create = stripe.fake.requests.find(
      (request) => request.path === '/v1/payment_intents' && request.idempotencyKey === paymentId,
    );
    expect(create?.params).toMatchObject({
      allowed_payment_method_types: ['us_bank_account'],
      mandate_data: {
        customer_acceptance: {
          type: 'online',
          accepted_at: String(Date.parse('2026-03-15T12:00:00Z') / 1000),
          online: { user_agent: 'DulyTest/1.0' },
        },
      },
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'open',
      amount_pending: '40000',
    });

    stripe.fake.clearDebit(intent.id as string);
    await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded', intent.id));

    expect(await stripe.payment(paymentId)).toMatchObject({ status: 'succeeded' });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'paid',
      amount_due: '0',
      amount_pending: '0',
    });
  });

  it('needs the accepted debit authorization', async () => {
    const payer = await bankPayer('000123456789');
    const invoice = await stripe.api.createInvoice(payer.id, { total: 1_000 });

    const response = await stripe.api.pay(payer.session, payer.account, [
      { invoice: invoice.id, amount: 1_000 },
    ]);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('mandate_required');
  });

  it('fails a debit the bank rejects before success', async () => {
    const payer = await bankPayer('000111111116');
    const invoice = await stripe.api.createInvoice(payer.id, { total: 9_000 });
    const response = await payByBank(payer.session, payer.account, invoice.id, 9_000);
    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);

    stripe.fake.clearDebit(intent.id as string);
    await stripe.deliver(stripe.fake.lastEvent('payment_intent.payment_failed', intent.id));

    expect(await stripe.payment(paymentId)).toMatchObject({
      status: 'failed',
      failure_code: 'R03',
      failure_message: "The customer's bank account could not be located.",
    });
    expect(await stripe.invoice(invoice.id)).toMatchObject({
      status: 'open',
      amount_due: '9000',
      amount_pending: '0',
    });
  });

  it('reverses a debit returned R01 after success', async () => {
    const payer = await bankPayer('000123456789');
    const first = await stripe.api.createInvoice(payer.id, { total: 7_000 });
    const second = await stripe.api.createInvoice(payer.id, { total: 3_000 });
    const response = await stripe.api.pay(
      payer.session,
      payer.account,
      [
        { invoice: first.id, amount: 7_000 },
        { invoice: second.id, amount: 3_000 },
      ],
      crypto.randomUUID(),
      true,
    );
    const paymentId = response.body.id as string;
    const intent = stripe.intentOf(paymentId);
    stripe.fake.clearDebit(intent.id as string);
    await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded', intent.id));
    expect(await stripe.invoice(first.id)).toMatchObject({ status: 'paid' });

    const [returned] = stripe.fake.returnDebit(intent.id as string, 'insufficient_funds');
    const delivered = await stripe.deliver(returned as NonNullable<typeof returned>);

    expect(delivered).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await stripe.payment(paymentId)).toMatchObject({
      status: 'failed',
      failure_code: 'R01',
      failure_message: "The customer's bank account has insufficient funds.",
    });
    expect(await stripe.invoice(first.id)).toMatchObject({ status: 'open', amount_due: '7000' });
    expect(await stripe.invoice(second.id)).toMatchObject({ status: 'open', amount_due: '3000' });
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', payer.account)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBeNull();
  });

  it('disables an account returned R02', async () => {
    const payer = await bankPayer('000123456789');
    const invoice = await stripe.api.createInvoice(payer.id, { total: 5_000 });
    const response = await payByBank(payer.session, payer.account, invoice.id, 5_000);
    const intent = stripe.intentOf(response.body.id as string);
    stripe.fake.clearDebit(intent.id as string);
    await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded', intent.id));

    const [returned] = stripe.fake.returnDebit(intent.id as string, 'account_closed');
    await stripe.deliver(returned as NonNullable<typeof returned>);

    expect(await stripe.payment(response.body.id as string)).toMatchObject({
      status: 'failed',
      failure_code: 'R02',
    });
    const method = await db
      .selectFrom('payment_method')
      .select('disabled_reason')
      .where('id', '=', payer.account)
      .executeTakeFirstOrThrow();
    expect(method.disabled_reason).toBe('R02');
  });

  it('debits an account linked from a Plaid bank token', async () => {
    const customer = await stripe.customer();
    const provider = new StripeProvider(stripe.fake.settings, { db, logger: silentLogger });
    const payer = { vendorId: stripe.api.vendor.id, livemode: false, customerId: customer.id };
    const token = stripe.fake.createBankAccountToken('000123456789', {
      type: 'company',
      bankName: 'STRIPE TEST BANK',
    });

    const details = await provider.attachBankAccountToken(payer, token);
    const reused = provider.attachBankAccountToken(payer, token);

    expect(details).toMatchObject({
      type: 'us_bank_account',
      last4: '6789',
      bankName: 'STRIPE TEST BANK',
      accountHolderType: 'company',
    });
    expect(details.providerRef).toMatch(/^ba_/);
    await expect(reused).rejects.toMatchObject({ code: 'invalid_parameter', status: 400 });

    const portal = {
      ...payer,
      sessionId: 'ps_test',
      locale: 'en',
      timeZone: 'UTC',
      expiresAt: new Date(),
      features: PORTAL_FEATURES,
    };
    const method = await savePaymentMethod(db, stripe.api.clock, portal, 'stripe', details, true);
    const invoice = await stripe.api.createInvoice(customer.id, { total: 2_500 });
    const response = await payByBank(customer.session, method.id, invoice.id, 2_500);

    expect(response.status).toBe(201);
    const intent = stripe.intentOf(response.body.id as string);
    expect(intent).toMatchObject({ status: 'processing', payment_method: details.providerRef });
    stripe.fake.clearDebit(intent.id as string);
    await stripe.deliver(stripe.fake.lastEvent('payment_intent.succeeded', intent.id));
    expect(await stripe.invoice(invoice.id)).toMatchObject({ status: 'paid' });
  });
});
