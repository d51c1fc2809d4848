import type { PaymentMethod } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Saved Methods Vendor' });
});
afterAll(() => db.destroy());

async function customerSession() {
  const customer = await api.createCustomer();
  return { customer, session: await api.createSession(customer.id) };
}

async function savedCard(session: string, number: string) {
  const response = await api.request<PaymentMethod>('POST', '/v1/portal/payment_methods/sandbox', {
    auth: session,
    body: { card: { number, exp_month: 8, exp_year: 2031, cvc: '123' }, save: true },
  });
  expect(response.status).toBe(201);
  return response.body;
}

async function list(session: string) {
  const response = await api.request<{ data: PaymentMethod[] }>(
    'GET',
    '/v1/portal/payment_methods',
    { auth: session },
  );
  expect(response.status).toBe(200);
  return response.body.data;
}

describe('GET /v1/portal/payment_setup', () => {
  it('offers the sandbox card and bank forms with texts naming the vendor', async () => {
    const { session } = await customerSession();
    const response = await api.request('GET', '/v1/portal/payment_setup', { auth: session });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      object: 'payment_setup',
      card: { provider: 'sandbox', options: {} },
      bank: { provider: 'sandbox', options: {} },
    });
    const texts = response.body.mandate_text as { one_off: string; autopay: string };
    expect(texts.one_off).toContain('authorize Saved Methods Vendor to debit');
    expect(texts.autopay).toContain('on its due date');
  });

  it("gives the texts in the session's language", async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id, { locale: 'es-MX' });
    const response = await api.request('GET', '/v1/portal/payment_setup', { auth: session });
    const texts = response.body.mandate_text as { one_off: string; autopay: string };
    expect(texts.one_off).toMatch(/^Al pagar, autoriza a Saved Methods Vendor a cargar/);
    expect(texts.autopay).toMatch(/^Al activar el pago automático/);
  });

  it('says so when the vendor chose a provider this server does not run', async () => {
    const { session } = await customerSession();
    await db
      .updateTable('vendor')
      .set({ payment_provider: 'stripe' })
      .where('id', '=', api.vendor.id)
      .execute();
    try {
      const response = await api.request('GET', '/v1/portal/payment_setup', { auth: session });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'provider_not_configured' });
    } finally {
      await db
        .updateTable('vendor')
        .set({ payment_provider: 'sandbox' })
        .where('id', '=', api.vendor.id)
        .execute();
    }
  });
});

describe('saved payment methods', () => {
  it('lists saved cards and banks newest first, the first saved as default', async () => {
    const { session } = await customerSession();
    const visa = await savedCard(session, '4242424242424242');
    api.clock.advance(1_000);
    await api.createCard(session, '5555555555554444'); // used once, not saved
    api.clock.advance(1_000);
    const bank = await api.createBankAccount(session);

    const methods = await list(session);
    expect(methods.map((method) => method.id)).toEqual([bank, visa.id]);
    expect(methods[1]).toMatchObject({
      brand: 'visa',
      last4: '4242',
      exp_month: 8,
      exp_year: 2031,
      is_default: true,
    });
    expect(methods[0]).toMatchObject({
      type: 'us_bank_account',
      bank_name: 'STRIPE TEST BANK',
      last4: '6789',
      is_default: false,
      disabled_reason: null,
    });
  });

  it('changes the default, and moves it on when the default is removed', async () => {
    const { customer, session } = await customerSession();
    const visa = await savedCard(session, '4242424242424242');
    const mastercard = await savedCard(session, '5555555555554444');

    const made = await api.request('POST', `/v1/portal/payment_methods/${mastercard.id}/default`, {
      auth: session,
    });
    expect(made.body).toMatchObject({ id: mastercard.id, is_default: true });
    expect((await list(session)).find((method) => method.is_default)?.id).toBe(mastercard.id);

    const removed = await api.request('DELETE', `/v1/portal/payment_methods/${mastercard.id}`, {
      auth: session,
    });
    expect(removed.status).toBe(200);
    const left = await list(session);
    expect(left).toEqual([expect.objectContaining({ id: visa.id, is_default: true })]);
    const row = await db
      .selectFrom('customer')
      .select('default_payment_method_id')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.default_payment_method_id).toBe(visa.id);

    const payAfterRemoval = await api.pay(session, mastercard.id, [
      { invoice: (await api.createInvoice(customer.id)).id, amount: 100 },
    ]);
    expect(payAfterRemoval.status).toBe(404);
    expect(payAfterRemoval.body).toMatchObject({ code: 'payment_method_not_found' });
  });

  it('refuses to remove the method autopay charges', async () => {
    const { session } = await customerSession();
    const visa = await savedCard(session, '4242424242424242');
    await api.turnOnAutopay(session, visa.id);

    const response = await api.request('DELETE', `/v1/portal/payment_methods/${visa.id}`, {
      auth: session,
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'payment_method_in_use' });
    expect(await list(session)).toHaveLength(1);
  });

  it("treats another customer's method as not found, and a disabled one as no default", async () => {
    const owner = await customerSession();
    const visa = await savedCard(owner.session, '4242424242424242');
    const stranger = await customerSession();

    for (const [method, path] of [
      ['DELETE', `/v1/portal/payment_methods/${visa.id}`],
      ['POST', `/v1/portal/payment_methods/${visa.id}/default`],
    ] as const) {
      const response = await api.request(method, path, { auth: stranger.session });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'payment_method_not_found' });
    }
    expect(await list(owner.session)).toHaveLength(1);

    const bank = await api.createBankAccount(owner.session, '000111111113');
    await db
      .updateTable('payment_method')
      .set({ disabled_reason: 'R02' })
      .where('id', '=', bank)
      .execute();
    const response = await api.request('POST', `/v1/portal/payment_methods/${bank}/default`, {
      auth: owner.session,
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'payment_method_disabled' });
  });
});
