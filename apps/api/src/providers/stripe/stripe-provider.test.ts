import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { silentLogger } from '../../http/logger.js';
import { FakeStripe } from '../../testing/fake-stripe/index.js';
import { invoiceList, StripeProvider } from './stripe-provider.js';

describe('invoiceList', () => {
  it('joins a few invoice ids', () => {
    expect(invoiceList(['inv_a', 'inv_b'])).toBe('inv_a,inv_b');
  });

  it('fits many ids in 500 characters and counts the rest', () => {
    const ids = Array.from({ length: 40 }, (_, index) => `inv_${String(index).padStart(20, '0')}`);

    const value = invoiceList(ids);

    expect(value.length).toBeLessThanOrEqual(500);
    const [kept, rest] = value.split(',+');
    const keptIds = kept?.split(',') ?? [];
    expect(keptIds).toEqual(ids.slice(0, keptIds.length));
    expect(rest).toBe(`${ids.length - keptIds.length} more`);
  });
});

describe('StripeProvider off-session charges', () => {
  const db = connectDatabase(inject('databaseUrl'), { max: 2 });
  let fake: FakeStripe;
  let provider: StripeProvider;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    provider = new StripeProvider(fake.settings, { db, logger: silentLogger });
  });
  afterAll(async () => {
    await fake.close();
    await db.destroy();
  });

  /** Charges a card set up through a SetupIntent (or not) as autopay does, off-session. */
  async function chargeOffSession(card: string, setUp: boolean) {
    const customer = await provider.stripe.customers.create({});
    let method = fake.createPaymentMethod(card);
    if (setUp) {
      const setup = await provider.stripe.setupIntents.create({ customer: customer.id });
      method = fake.confirmSetupIntent(setup.id, method).payment_method as string;
    } else {
      await provider.stripe.paymentMethods.attach(method, { customer: customer.id });
    }
    const paymentId = `pay_${crypto.randomUUID().replaceAll('-', '')}`;
    const outcome = await provider.charge({
      paymentId,
      amount: 1_200,
      currency: 'USD',
      livemode: false,
      method: { type: 'card', providerRef: method, providerData: {} },
      customer: { id: 'cus_duly', providerRefs: { stripe: customer.id } },
      invoiceIds: ['inv_1'],
      mandate: null,
      offSession: true,
      idempotencyKey: paymentId,
    });
    const request = fake.requests.find((candidate) => candidate.idempotencyKey === paymentId);
    return { outcome, params: request?.params };
  }

  it('charges a card set up for later without a challenge', async () => {
    const { outcome, params } = await chargeOffSession('4000 0025 0000 3155', true);

    expect(outcome.status).toBe('succeeded');
    expect(params).toMatchObject({ off_session: 'true', confirm: 'true' });
    expect(params?.use_stripe_sdk).toBeUndefined();
  });

  it('fails a card that needs the cardholder', async () => {
    const { outcome } = await chargeOffSession('4000 0000 0000 3220', false);

    expect(outcome).toMatchObject({
      status: 'failed',
      failureCode: 'authentication_required',
      providerRef: expect.stringMatching(/^pi_/),
    });
  });
});
