import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import {
  FakePortalClient,
  makeCreditRequest,
  makeInvoice,
  makeSession,
} from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyCreditLimit } from './duly-credit-limit.js';

/** Builds the client of a customer with a USD 10,000.00 limit, USD 2,550.39 open and a JPY invoice. */
function creditClient(): FakePortalClient {
  const client = new FakePortalClient(
    [
      makeInvoice({ id: 'inv_1', total: 5039 }),
      makeInvoice({ id: 'inv_2', number: 'INV-0002', total: 250000 }),
      makeInvoice({ id: 'inv_3', number: 'JP-1', currency: 'JPY', total: 90000 }),
      makeInvoice({ id: 'inv_4', number: 'INV-0004', total: 70000, status: 'paid', amount_due: 0 }),
    ],
    makeSession(),
  );
  client.credit.currency = 'USD';
  client.credit.limit = 1_000_000;
  return client;
}

async function renderCredit(client: FakePortalClient, locale = 'en'): Promise<DulyCreditLimit> {
  const element = await fixture<DulyCreditLimit>(
    html`<duly-credit-limit .client=${client} locale=${locale}></duly-credit-limit>`,
  );
  await find(element, '[data-testid="credit-limit"], [data-testid="no-limit"]');
  return element;
}

function typeText(element: DulyCreditLimit, testId: string, value: string): void {
  const field = one<HTMLTextAreaElement>(element, `[data-testid="${testId}"]`);
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

describe('duly-credit-limit', () => {
  it('shows limit, used and available', async () => {
    const element = await renderCredit(creditClient());

    expect(text(one(element, '[data-testid="credit-limit"]'))).to.equal('$10,000.00');
    expect(text(one(element, '[data-testid="credit-used"]'))).to.equal('$2,550.39');
    expect(text(one(element, '[data-testid="credit-available"]'))).to.equal('$7,449.61');
    const meter = one(element, '[data-testid="credit-usage"]');
    expect(meter.getAttribute('role')).to.equal('meter');
    expect(meter.getAttribute('aria-valuenow')).to.equal('255039');
    expect(meter.getAttribute('aria-valuemax')).to.equal('1000000');
    expect(meter.getAttribute('aria-valuetext')).to.equal('$2,550.39 of $10,000.00 used');
    expect(one(meter, '.usage-fill').style.width).to.equal('25.5%');
    expect(all(element, '[data-testid="over-limit"]')).to.have.length(0);
  });

  it('warns when over the limit', async () => {
    const client = creditClient();
    client.credit.limit = 100_000;
    const element = await renderCredit(client);

    expect(text(one(element, '[data-testid="over-limit"]'))).to.equal('$1,550.39 over your limit');
    expect(text(one(element, '[data-testid="credit-available"]'))).to.equal('$0.00');
    expect(one(element, '[data-testid="credit-usage"]').classList.contains('over')).to.be.true;
  });

  it('requests a higher limit', async () => {
    const client = creditClient();
    const element = await renderCredit(client);

    one(element, '[data-testid="request-limit"]').click();
    await element.updateComplete;
    const amount = one<HTMLInputElement>(element, '[data-testid="credit-amount"]');
    expect(deepActiveElement() === amount, 'focused').to.be.true;
    expect(text(one(element, 'label[for="credit-amount"]'))).to.equal('Limit you need, USD');
    expect(all(element, '[data-testid="credit-currency"]')).to.have.length(0);
    typeInto(amount, '15,000');
    typeText(element, 'credit-reason', ' Second store opens in March. ');
    one(element, '[data-testid="credit-send"]').click();
    await find(element, '[data-testid="credit-request"]');

    expect(client.lastArgument('createCreditRequest')).to.deep.equal({
      amount: 1_500_000,
      reason: 'Second store opens in March.',
    });
    const request = one(element, '[data-testid="credit-request"]');
    expect(text(one(request, '[data-testid="request-status"]'))).to.equal('Pending');
    expect(text(request)).to.contain('$15,000.00, asked on Dec 4, 2025');
    expect(text(one(element, '[data-testid="credit-notice"]'))).to.equal(
      'Your request was sent. The vendor will approve or decline it.',
    );
    expect(text(one(element, '[data-testid="request-pending"]'))).to.equal(
      'Your request is waiting for the vendor.',
    );
    expect(all(element, '[data-testid="request-limit"]')).to.have.length(0);
    expect(deepActiveElement() === one(element, '#requests-heading'), 'focused').to.be.true;
  });

  it('asks for more than the current limit', async () => {
    const client = creditClient();
    const element = await renderCredit(client);
    one(element, '[data-testid="request-limit"]').click();
    await element.updateComplete;

    typeInto(one<HTMLInputElement>(element, '[data-testid="credit-amount"]'), '5000');
    one(element, '[data-testid="credit-send"]').click();
    await element.updateComplete;

    expect(text(one(element, '#credit-amount-error'))).to.equal(
      'Ask for more than your current limit of $10,000.00.',
    );
    expect(text(one(element, '#credit-reason-error'))).to.equal('Write a reason.');
    expect(one(element, '[data-testid="credit-reason"]').getAttribute('aria-describedby')).to.equal(
      'credit-reason-hint credit-reason-error',
    );
    expect(client.callsOf('createCreditRequest')).to.have.length(0);
  });

  it('asks for a first limit in a currency', async () => {
    const client = creditClient();
    client.credit.currency = null;
    client.credit.limit = null;
    client.session = makeSession({
      balances: [
        ...makeSession().balances,
        {
          currency: 'JPY',
          amount_due: 90000,
          amount_pending: 0,
          open_count: 1,
          overdue_count: 0,
          overdue_amount: 0,
          credit: 0,
        },
      ],
    });
    const element = await renderCredit(client);
    expect(text(one(element, '[data-testid="no-limit"]'))).to.contain('No credit limit set');

    one(element, '[data-testid="request-limit"]').click();
    await element.updateComplete;
    typeInto(one<HTMLInputElement>(element, '[data-testid="credit-amount"]'), '500000');
    typeText(element, 'credit-reason', 'We buy in bulk before the holidays.');
    one(element, '[data-testid="credit-send"]').click();
    await element.updateComplete;
    expect(text(one(element, '#credit-currency-error'))).to.equal('Choose a currency.');

    const currency = one<HTMLSelectElement>(element, '[data-testid="credit-currency"]');
    expect([...currency.options].map((option) => option.value)).to.deep.equal(['', 'USD', 'JPY']);
    currency.value = 'JPY';
    currency.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(text(one(element, 'label[for="credit-amount"]'))).to.equal('Limit you need, JPY');
    one(element, '[data-testid="credit-send"]').click();
    await find(element, '[data-testid="credit-request"]');

    expect(client.lastArgument('createCreditRequest')).to.deep.equal({
      amount: 500000,
      currency: 'JPY',
      reason: 'We buy in bulk before the holidays.',
    });
    expect(text(one(element, '[data-testid="credit-request"]'))).to.contain('¥500,000');
  });

  it('shows decided requests with the vendor note', async () => {
    const client = creditClient();
    client.credit.add(
      makeCreditRequest({
        id: 'crq_1',
        status: 'approved',
        amount: 1_500_000,
        amount_approved: 1_200_000,
        decision_note: 'Approved up to 12,000 for now.',
        created_at: '2025-10-01T10:00:00.000Z',
      }),
      makeCreditRequest({
        id: 'crq_2',
        status: 'declined',
        amount: 2_000_000,
        decision_note: 'Please pay the overdue invoices first.',
        created_at: '2025-11-20T10:00:00.000Z',
      }),
    );
    const element = await renderCredit(client);
    const requests = all(element, '[data-testid="credit-request"]');

    expect(requests.map((request) => request.dataset.requestId)).to.deep.equal(['crq_2', 'crq_1']);
    const [declined, approved] = requests as [HTMLElement, HTMLElement];
    expect(text(one(declined, '[data-testid="request-status"]'))).to.equal('Declined');
    expect(text(one(declined, '[data-testid="request-note"]'))).to.equal(
      'From the vendor: Please pay the overdue invoices first.',
    );
    expect(all(declined, '[data-testid="request-granted"]')).to.have.length(0);
    expect(text(one(approved, '[data-testid="request-status"]'))).to.equal('Approved');
    expect(text(one(approved, '[data-testid="request-granted"]'))).to.equal('Granted: $12,000.00');
    expect(all(element, '[data-testid="request-limit"]')).to.have.length(1);
  });

  it('shows the new limit once approved', async () => {
    const client = creditClient();
    client.credit.add(makeCreditRequest({ id: 'crq_9', amount: 1_500_000 }));
    const element = await renderCredit(client);
    expect(all(element, '[data-testid="request-limit"]')).to.have.length(0);

    client.credit.approve('crq_9');
    await element.refresh();
    await element.updateComplete;

    expect(text(one(element, '[data-testid="credit-limit"]'))).to.equal('$15,000.00');
    expect(text(one(element, '[data-testid="request-status"]'))).to.equal('Approved');
    expect(all(element, '[data-testid="request-limit"]')).to.have.length(1);
  });

  it('shows the API refusal of a second request', async () => {
    const client = creditClient();
    const element = await renderCredit(client);
    one(element, '[data-testid="request-limit"]').click();
    await element.updateComplete;
    // Sent from another tab after this one loaded.
    client.credit.add(makeCreditRequest({ id: 'crq_other' }));

    typeInto(one<HTMLInputElement>(element, '[data-testid="credit-amount"]'), '20000');
    typeText(element, 'credit-reason', 'Growth.');
    one(element, '[data-testid="credit-send"]').click();
    const alert = await find(element, '[data-testid="credit-error"]');

    expect(text(alert)).to.equal(
      'Your request could not be sent. A request for a higher limit is already waiting for the vendor.',
    );
    // The request sent elsewhere now shows as pending, so no second one is offered.
    await find(element, '[data-request-id="crq_other"]');
    expect(all(element, '[data-testid="credit-request-form"]')).to.have.length(0);
    expect(all(element, '[data-testid="request-pending"]')).to.have.length(1);
  });

  it('speaks Spanish with locale es', async () => {
    const element = await renderCredit(creditClient(), 'es');

    expect(text(one(element, 'h2'))).to.equal('Límite de crédito');
    const usage = one(element, '[data-testid="credit-usage"]').getAttribute('aria-valuetext');
    // Intl puts no-break spaces before the currency sign.
    expect(usage?.replace(/\s/g, ' ')).to.equal('2550,39 US$ usado de 10.000,00 US$');
  });

  it('passes the axe accessibility check', async () => {
    const client = creditClient();
    client.credit.add(makeCreditRequest({ status: 'declined', decision_note: 'Not now.' }));
    const element = await renderCredit(client);
    one(element, '[data-testid="request-limit"]').click();
    await element.updateComplete;

    await expect(element).to.be.accessible();
  });
});
