import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/index.js';
import { ApiFixture } from '../../http/api-fixture.js';
import { invoiceState } from '../../testing/ledger-reads.js';

const db = connectDatabase(inject('databaseUrl'), { max: 10 });
let api: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Sandbox Flows Vendor' });
});
afterAll(() => db.destroy());

async function customerWithInvoice(total = 10_000) {
  const customer = await api.createCustomer();
  const session = await api.createSession(customer.id);
  const invoice = await api.createInvoice(customer.id, { total });
  return { customer, session, invoice };
}

function challenge(session: string, paymentId: string, result: string) {
  return api.request('POST', `/v1/portal/payments/${paymentId}/sandbox_challenge`, {
    auth: session,
    body: { result },
  });
}

describe('3-D Secure on the sandbox', () => {
  it('reserves the amount, then pays once passed', async () => {
    const { session, invoice } = await customerWithInvoice();
    const card = await api.createCard(session, '4000 0025 0000 3155');

    const started = await api.pay(session, card, [{ invoice: invoice.id, amount: 10_000 }]);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'requires_action',
      next_action: { type: 'sandbox_challenge' },
    });
    expect(await invoiceState(db, invoice.id)).toEqual({
      status: 'open',
      due: 10_000,
      pending: 10_000,
    });

    const passed = await challenge(session, started.body.id as string, 'succeeded');
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'succeeded', next_action: null });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });

    const again = await challenge(session, started.body.id as string, 'succeeded');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'payment_not_requiring_action' });
  });

  it('fails the payment and frees the invoice when the challenge is failed', async () => {
    const { session, invoice } = await customerWithInvoice();
    const card = await api.createCard(session, '4000002500003155');
    const started = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 2_500 }]);

    const failed = await challenge(session, started.body.id as string, 'failed');
    expect(failed.body).toMatchObject({ status: 'failed', failure_code: 'authentication_failed' });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
  });

  it('lets the customer try again after closing the challenge, cancelling the first try', async () => {
    const { session, invoice } = await customerWithInvoice();
    const card = await api.createCard(session, '4000002500003155');
    const closed = await api.pay(session, card, [{ invoice: invoice.id, amount: 10_000 }]);
    expect(closed.body).toMatchObject({ status: 'requires_action' });

    const retry = await api.pay(session, card, [{ invoice: invoice.id, amount: 10_000 }]);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ status: 'requires_action' });
    const first = await db
      .selectFrom('payment')
      .select('status')
      .where('id', '=', closed.body.id as string)
      .executeTakeFirstOrThrow();
    expect(first.status).toBe('canceled');
    expect(await invoiceState(db, invoice.id)).toEqual({
      status: 'open',
      due: 10_000,
      pending: 10_000,
    });

    await challenge(session, retry.body.id as string, 'succeeded');
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'paid', due: 0, pending: 0 });
  });

  it("refuses another customer's payment as not found", async () => {
    const { session, invoice } = await customerWithInvoice();
    const card = await api.createCard(session, '4000002500003155');
    const started = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 100 }]);
    const stranger = await customerWithInvoice();

    const response = await challenge(stranger.session, started.body.id as string, 'succeeded');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'payment_not_found' });
    expect(await invoiceState(db, invoice.id)).toMatchObject({ pending: 100 });
  });
});

describe('bank debits on the sandbox', () => {
  it('answers pending, records the authorization, and shows the amount as pending', async () => {
    const { customer, session, invoice } = await customerWithInvoice();
    const bank = await api.createBankAccount(session);

    const response = await api.pay(
      session,
      bank,
      [{ invoice: invoice.id, amount: 10_000 }],
      crypto.randomUUID(),
      true,
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'pending',
      method_details: { type: 'us_bank_account', last4: '6789' },
    });
    expect(await invoiceState(db, invoice.id)).toEqual({
      status: 'open',
      due: 10_000,
      pending: 10_000,
    });

    const mandate = await db
      .selectFrom('payment')
      .innerJoin('mandate', 'mandate.id', 'payment.mandate_id')
      .select(['mandate.kind', 'mandate.text', 'mandate.user_agent', 'mandate.customer_id'])
      .where('payment.id', '=', response.body.id as string)
      .executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({
      kind: 'one_off',
      user_agent: 'DulyTest/1.0',
      customer_id: customer.id,
    });
    expect(mandate.text).toContain('Sandbox Flows Vendor');
  });

  it('records the authorization in the language the customer read', async () => {
    const customer = await api.createCustomer();
    const session = await api.createSession(customer.id, { locale: 'es' });
    const invoice = await api.createInvoice(customer.id, { total: 4_000 });
    const bank = await api.createBankAccount(session);
    const setup = await api.request('GET', '/v1/portal/payment_setup', { auth: session });

    const response = await api.pay(
      session,
      bank,
      [{ invoice: invoice.id, amount: 4_000 }],
      crypto.randomUUID(),
      true,
    );
    const mandate = await db
      .selectFrom('payment')
      .innerJoin('mandate', 'mandate.id', 'payment.mandate_id')
      .select('mandate.text')
      .where('payment.id', '=', response.body.id as string)
      .executeTakeFirstOrThrow();
    expect(mandate.text).toBe((setup.body.mandate_text as { one_off: string }).one_off);
    expect(mandate.text).toMatch(/^Al pagar, autoriza a Sandbox Flows Vendor/);
  });

  it('refuses a debit without the accepted authorization and changes nothing', async () => {
    const { session, invoice } = await customerWithInvoice();
    const bank = await api.createBankAccount(session);

    const response = await api.pay(session, bank, [{ invoice: invoice.id, amount: 10_000 }]);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'mandate_required', param: 'mandate' });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
    const payments = await db
      .selectFrom('payment')
      .select('id')
      .where('payment_method_id', '=', bank)
      .execute();
    expect(payments).toHaveLength(0);
  });

  it('takes only the test bank accounts, naming the field at fault', async () => {
    const { session } = await customerWithInvoice();
    const post = (account: Record<string, string>) =>
      api.request('POST', '/v1/portal/payment_methods/sandbox', {
        auth: session,
        body: { us_bank_account: { account_holder_type: 'individual', ...account } },
      });

    const wrongRouting = await post({
      routing_number: '021000021',
      account_number: '000123456789',
    });
    expect(wrongRouting.status).toBe(400);
    expect(wrongRouting.body).toMatchObject({
      code: 'bank_account_not_test_account',
      param: 'us_bank_account.routing_number',
    });
    const unknownAccount = await post({ routing_number: '110000000', account_number: '12345678' });
    expect(unknownAccount.body).toMatchObject({ param: 'us_bank_account.account_number' });
    const malformed = await post({ routing_number: '11000', account_number: '000123456789' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a payment with a disabled account before anything is reserved', async () => {
    const { session, invoice } = await customerWithInvoice();
    const bank = await api.createBankAccount(session, '000111111113');
    await db
      .updateTable('payment_method')
      .set({ disabled_reason: 'R02' })
      .where('id', '=', bank)
      .execute();

    const response = await api.pay(
      session,
      bank,
      [{ invoice: invoice.id, amount: 10_000 }],
      crypto.randomUUID(),
      true,
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'payment_method_disabled',
      param: 'payment_method',
    });
    expect(await invoiceState(db, invoice.id)).toEqual({ status: 'open', due: 10_000, pending: 0 });
  });
});

describe('refresh', () => {
  it('returns a sandbox payment as it is, the sandbox having settled it itself', async () => {
    const { session, invoice } = await customerWithInvoice();
    const card = await api.createCard(session);
    const paid = await api.payPartly(session, card, [{ invoice: invoice.id, amount: 500 }]);

    const refreshed = await api.request('POST', `/v1/portal/payments/${paid.body.id}/refresh`, {
      auth: session,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ id: paid.body.id, status: 'succeeded', amount: 500 });
  });
});
