import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeBankAccount, makePaymentMethod } from '../testing/fake-client.js';
import { find, one, text } from '../testing/helpers.js';
import type { DulyAutopay } from './duly-autopay.js';

function clientWithMethods(): FakePortalClient {
  const client = new FakePortalClient();
  client.addSavedMethods(
    makePaymentMethod({ id: 'pm_visa', is_default: true }),
    makeBankAccount({ id: 'pm_bank' }),
  );
  return client;
}

async function renderAutopay(client: FakePortalClient, locale = 'en'): Promise<DulyAutopay> {
  const element = await fixture<DulyAutopay>(
    html`<duly-autopay .client=${client} locale=${locale}></duly-autopay>`,
  );
  await find(element, '[data-testid="autopay-status"]');
  return element;
}

function status(element: DulyAutopay): string | undefined {
  return one(element, '[data-testid="autopay-status"]').dataset.status;
}

describe('duly-autopay', () => {
  it('turns on with the accepted mandate', async () => {
    const client = clientWithMethods();
    const element = await renderAutopay(client);
    expect(status(element)).to.equal('off');
    expect(text(one(element, '[data-testid="autopay-mandate-text"]'))).to.contain(
      'By turning on autopay, you authorize Northwind Supply',
    );

    one(element, '[data-testid="autopay-on"]').click();
    await element.updateComplete;
    expect(one(element, '#autopay-mandate').getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(element, '#autopay-mandate-error'))).to.equal(
      'Accept the authorization to turn on autopay.',
    );
    expect(client.callsOf('updateAutopay')).to.have.length(0);

    const select = one<HTMLSelectElement>(element, '[data-testid="autopay-method"]');
    select.value = 'pm_bank';
    select.dispatchEvent(new Event('change'));
    one(element, '[data-testid="autopay-accept"]').click();
    setTimeout(() => one(element, '[data-testid="autopay-on"]').click());
    const event = await oneEvent(element, 'duly-autopay-change');

    expect(event.detail.autopay.status).to.equal('active');
    expect(client.lastArgument('updateAutopay')).to.deep.equal({
      enabled: true,
      payment_method: 'pm_bank',
      mandate: { accepted: true },
    });
    await element.updateComplete;
    expect(status(element)).to.equal('active');
    expect(text(one(element, '[data-testid="autopay-summary"]'))).to.equal(
      'Each invoice is paid with STRIPE TEST BANK account ending in 6789 on its due date.',
    );
  });

  it('asks to authorize a new method while on', async () => {
    const cases = [
      {
        locale: 'en',
        error: 'Accept the authorization to charge the new method.',
        summary: 'Each invoice is paid with bank account ending in 6789 on its due date.',
      },
      {
        locale: 'es',
        error: 'Acepte la autorización para cobrar con el nuevo método.',
        summary:
          'Cada factura se paga con la cuenta bancaria terminada en 6789 en su fecha de vencimiento.',
      },
    ];
    for (const { locale, error, summary } of cases) {
      const client = new FakePortalClient();
      client.addSavedMethods(
        makePaymentMethod({ id: 'pm_visa', is_default: true }),
        makeBankAccount({ id: 'pm_bank', bank_name: null }),
      );
      client.autopay = { ...client.autopay, status: 'active', payment_method: 'pm_visa' };
      const element = await renderAutopay(client, locale);

      const select = one<HTMLSelectElement>(element, '[data-testid="autopay-method"]');
      select.value = 'pm_bank';
      select.dispatchEvent(new Event('change'));
      one(element, '[data-testid="autopay-on"]').click();
      await element.updateComplete;

      expect(text(one(element, '#autopay-mandate-error')), locale).to.equal(error);
      expect(client.callsOf('updateAutopay'), locale).to.have.length(0);

      one(element, '[data-testid="autopay-accept"]').click();
      setTimeout(() => one(element, '[data-testid="autopay-on"]').click());
      await oneEvent(element, 'duly-autopay-change');
      await element.updateComplete;

      expect(client.lastArgument('updateAutopay'), locale).to.deep.equal({
        enabled: true,
        payment_method: 'pm_bank',
        mandate: { accepted: true },
      });
      expect(text(one(element, '[data-testid="autopay-summary"]')), locale).to.equal(summary);
    }
  });

  it('turns off', async () => {
    const client = clientWithMethods();
    client.autopay = { ...client.autopay, status: 'active', payment_method: 'pm_visa' };
    const element = await renderAutopay(client);
    expect(text(one(element, '[data-testid="autopay-on"]'))).to.equal('Save changes');

    one(element, '[data-testid="autopay-off"]').click();
    await oneEvent(element, 'duly-autopay-change');
    await element.updateComplete;

    expect(client.lastArgument('updateAutopay')).to.deep.equal({ enabled: false });
    expect(status(element)).to.equal('off');
  });

  it('shows why autopay is paused', async () => {
    const client = clientWithMethods();
    client.autopay = {
      ...client.autopay,
      status: 'paused',
      payment_method: 'pm_bank',
      paused_reason: 'R01',
      last_failed_payment: 'pay_7',
    };
    const element = await renderAutopay(client);

    const paused = one(element, '[data-testid="autopay-paused"]');
    expect(status(element)).to.equal('paused');
    expect(text(paused)).to.contain('a payment failed: insufficient funds (R01)');
    expect(text(paused)).to.contain('Failed payment: pay_7');
  });

  it('asks for a saved method first', async () => {
    const element = await renderAutopay(new FakePortalClient());

    expect(text(element.shadowRoot as unknown as Element)).to.contain(
      'Save a card or bank account in Payment methods first.',
    );
  });

  it('passes the axe accessibility check', async () => {
    const element = await renderAutopay(clientWithMethods());

    await expect(element).to.be.accessible();
  });
});
