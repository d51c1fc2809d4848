import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import {
  connectionFailure,
  FakePortalClient,
  makeBankAccount,
  makePaymentMethod,
  makeStripeSetup,
} from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import {
  callsNamed,
  FAKE_SCRIPT_URLS,
  resetFakePlaid,
  resetFakeStripe,
} from '../testing/provider-fakes.js';
import type { DulyPaymentMethods } from './duly-payment-methods.js';

function savedClient(): FakePortalClient {
  const client = new FakePortalClient();
  client.addSavedMethods(
    makePaymentMethod({ id: 'pm_visa', is_default: true }),
    makePaymentMethod({
      id: 'pm_mc',
      brand: 'mastercard',
      last4: '4444',
      exp_month: 3,
      exp_year: 2031,
    }),
    makeBankAccount({ id: 'pm_closed', last4: '1113', disabled_reason: 'R02' }),
  );
  return client;
}

async function renderMethods(client: FakePortalClient, locale = 'en'): Promise<DulyPaymentMethods> {
  const element = await fixture<DulyPaymentMethods>(
    html`<duly-payment-methods
      .client=${client}
      .scriptUrls=${FAKE_SCRIPT_URLS}
      locale=${locale}
    ></duly-payment-methods>`,
  );
  await find(element, '[data-testid="method-row"], [part="empty"]');
  return element;
}

function row(element: DulyPaymentMethods, id: string): HTMLElement {
  return one(element, `[data-method-id="${id}"]`);
}

describe('duly-payment-methods', () => {
  it('lists cards and bank accounts', async () => {
    const element = await renderMethods(savedClient());

    const rows = all(element, '[data-testid="method-row"]');
    expect(rows.map((item) => item.dataset.methodId)).to.deep.equal([
      'pm_visa',
      'pm_mc',
      'pm_closed',
    ]);
    expect(text(row(element, 'pm_visa'))).to.contain('Visa ending in 4242');
    expect(text(row(element, 'pm_visa'))).to.contain('Expires 12/2030');
    expect(text(one(row(element, 'pm_visa'), '[data-testid="default-mark"]'))).to.equal('Default');
    expect(text(row(element, 'pm_mc'))).to.contain('Mastercard ending in 4444');
    expect(text(row(element, 'pm_mc'))).to.contain('Expires 03/2031');
    expect(text(row(element, 'pm_closed'))).to.contain('STRIPE TEST BANK account ending in 1113');
    expect(text(one(row(element, 'pm_closed'), '[data-testid="method-disabled"]'))).to.equal(
      'Can no longer be charged: account closed (R02)',
    );
    expect(all(row(element, 'pm_closed'), '[data-testid="make-default"]')).to.have.length(0);
  });

  it('sets the default method', async () => {
    const client = savedClient();
    const element = await renderMethods(client);

    one(row(element, 'pm_mc'), '[data-testid="make-default"]').click();
    await waitUntil(() => row(element, 'pm_mc').dataset.default === 'true');

    expect(client.lastArgument('setDefaultPaymentMethod')).to.equal('pm_mc');
    expect(row(element, 'pm_visa').dataset.default).to.equal('false');
  });

  it('removes a method after confirming', async () => {
    const client = savedClient();
    const element = await renderMethods(client);

    one(row(element, 'pm_mc'), '[data-testid="remove-method"]').click();
    const keep = await find(element, '[data-testid="keep-method"]');
    expect(text(one(element, '.confirm'))).to.contain('Remove Mastercard ending in 4444?');
    expect(element.shadowRoot?.activeElement).to.equal(keep);
    keep.click();
    await element.updateComplete;
    expect(all(element, '.confirm')).to.have.length(0);
    expect(client.callsOf('removePaymentMethod')).to.have.length(0);

    one(row(element, 'pm_mc'), '[data-testid="remove-method"]').click();
    (await find(element, '[data-testid="confirm-remove"]')).click();
    const event = await oneEvent(element, 'duly-payment-method-removed');

    expect(event.detail.paymentMethod.id).to.equal('pm_mc');
    await waitUntil(() => all(element, '[data-method-id="pm_mc"]').length === 0);
    expect(client.lastArgument('removePaymentMethod')).to.equal('pm_mc');
  });

  it('explains on its row why autopay keeps a method', async () => {
    const client = savedClient();
    client.autopay = { ...client.autopay, status: 'active', payment_method: 'pm_visa' };
    const element = await renderMethods(client);

    one(row(element, 'pm_visa'), '[data-testid="remove-method"]').click();
    (await find(element, '[data-testid="confirm-remove"]')).click();
    const notice = await find(element, '[data-testid="methods-notice"]');

    expect(text(notice)).to.equal(
      'Autopay uses this method. Turn autopay off, or switch it to another method, first.',
    );
    expect(notice.closest('[data-testid="method-row"]')).to.equal(row(element, 'pm_visa'));
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(all(element, '[data-testid="methods-notice"]')).to.have.length(1);
    expect(element.shadowRoot?.activeElement).to.equal(
      one(row(element, 'pm_visa'), '[data-testid="remove-method"]'),
    );
    expect(all(element, '[data-method-id="pm_visa"]')).to.have.length(1);
  });

  it('marks the method autopay uses', async () => {
    for (const status of ['active', 'paused'] as const) {
      const client = savedClient();
      client.autopay = { ...client.autopay, status, payment_method: 'pm_mc' };
      const element = await renderMethods(client);

      const marks = all(element, '[data-testid="autopay-mark"]');
      expect(marks, status).to.have.length(1);
      expect(marks[0]?.closest('[data-testid="method-row"]'), status).to.equal(
        row(element, 'pm_mc'),
      );
      expect(text(marks[0] as HTMLElement), status).to.equal('Used by autopay');
    }
  });

  it('marks no method while autopay is off', async () => {
    const client = savedClient();
    client.autopay = { ...client.autopay, status: 'off', payment_method: 'pm_mc' };
    const element = await renderMethods(client);

    expect(all(element, '[data-testid="autopay-mark"]')).to.have.length(0);
  });

  it('lists methods when autopay fails to load', async () => {
    const client = savedClient();
    client.failNextCallOf.set('getAutopay', connectionFailure());
    const element = await renderMethods(client);

    expect(all(element, '[data-testid="method-row"]')).to.have.length(3);
    expect(all(element, '[data-testid="autopay-mark"]')).to.have.length(0);
  });

  it('adds a sandbox card as saved', async () => {
    const client = new FakePortalClient();
    const element = await renderMethods(client);
    expect(text(one(element, '[part="empty"]'))).to.contain('No saved payment methods');

    one(element, '[data-testid="add-card"]').click();
    typeInto(await find(element, '[data-testid="card-number"]'), '5555 5555 5555 4444');
    typeInto(one(element, '[data-testid="card-expiry"]'), '0931');
    typeInto(one(element, '[data-testid="card-cvc"]'), '321');
    setTimeout(() => one(element, '[data-testid="save-new-method"]').click());
    const event = await oneEvent(element, 'duly-payment-method-added');

    expect(event.detail.paymentMethod.last4).to.equal('4444');
    expect(client.lastArgument<{ save?: boolean }>('createSandboxPaymentMethod').save).to.equal(
      true,
    );
    await find(element, '[data-testid="method-row"]');
    expect(all(element, '[part="add-form"]')).to.have.length(0);
  });

  it('saves a card with a SetupIntent', async () => {
    const stripe = resetFakeStripe();
    const client = new FakePortalClient();
    client.setup = makeStripeSetup();
    const element = await renderMethods(client);

    one(element, '[data-testid="add-card"]').click();
    await waitUntil(() => element.querySelector('iframe'), 'the Payment Element never mounted');
    expect(callsNamed(stripe, 'elements')[0]?.args[0]).to.include({ mode: 'setup' });
    one(element, '[data-testid="save-new-method"]').click();
    await find(element, '[data-testid="method-row"]');

    expect(callsNamed(stripe, 'submit')).to.have.length(1);
    expect(callsNamed(stripe, 'confirmSetup')[0]?.args[0]).to.include({
      clientSecret: 'seti_secret_1',
      redirect: 'if_required',
    });
    expect(client.lastArgument('createStripePaymentMethod')).to.deep.equal({
      setup_intent: 'seti_fake_4242424242424242',
    });
    expect(callsNamed(stripe, 'createPaymentMethod')).to.have.length(0);
    expect(element.querySelectorAll('iframe')).to.have.length(0);
  });

  it('links a bank account with Plaid', async () => {
    const plaid = resetFakePlaid({ accountId: 'acc_000123456789' });
    const client = new FakePortalClient();
    client.setup = makeStripeSetup();
    const element = await renderMethods(client);

    one(element, '[data-testid="add-us_bank_account"]').click();
    (await find(element, '[data-testid="save-new-method"]')).click();
    await find(element, '[data-testid="method-row"]');

    expect(callsNamed(plaid, 'open')).to.have.length(1);
    expect(client.lastArgument('createPlaidPaymentMethod')).to.deep.equal({
      public_token: 'public-sandbox-fake',
      account_id: 'acc_000123456789',
      save: true,
    });
    expect(text(one(element, '[data-testid="method-row"]'))).to.contain(
      'STRIPE TEST BANK account ending in 6789',
    );
  });

  it('speaks Spanish', async () => {
    const client = savedClient();
    client.autopay = { ...client.autopay, status: 'active', payment_method: 'pm_mc' };
    const element = await renderMethods(client, 'es');

    expect(text(one(element, 'h2'))).to.equal('Métodos de pago');
    expect(text(row(element, 'pm_visa'))).to.contain('Predeterminado');
    expect(text(one(row(element, 'pm_mc'), '[data-testid="autopay-mark"]'))).to.equal(
      'Usado por el pago automático',
    );

    one(row(element, 'pm_mc'), '[data-testid="remove-method"]').click();
    await find(element, '[data-testid="keep-method"]');
    expect(text(one(element, '.confirm p'))).to.equal(
      '¿Eliminar la tarjeta Mastercard terminada en 4444? Puede volver a añadirla más tarde.',
    );
  });

  it('names a bank mid-sentence when removing it', async () => {
    const client = savedClient();
    client.addSavedMethods(makeBankAccount({ bank_name: null, last4: '6789' }));
    const element = await renderMethods(client);

    one(row(element, 'pm_bank'), '[data-testid="remove-method"]').click();
    await find(element, '[data-testid="keep-method"]');

    expect(text(one(element, '.confirm p'))).to.equal(
      'Remove bank account ending in 6789? You can add it again later.',
    );
  });

  it('passes the axe accessibility check', async () => {
    const element = await renderMethods(savedClient());

    await expect(element).to.be.accessible();
  });
});
