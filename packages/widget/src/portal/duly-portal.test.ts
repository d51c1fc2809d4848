import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DulyAccountSummary } from '../account-summary/duly-account-summary.js';
import '../define.js';
import type { DulyInvoiceDetail } from '../invoice-detail/duly-invoice-detail.js';
import type { DulyInvoiceList } from '../invoice-list/duly-invoice-list.js';
import type { DulyPay } from '../pay/duly-pay.js';
import {
  connectionFailure,
  FakePortalClient,
  makeInvoice,
  makeSession,
} from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text } from '../testing/helpers.js';
import type { DulyPortal } from './duly-portal.js';

async function renderPortal(client: FakePortalClient, locale?: string): Promise<DulyPortal> {
  const portal = await fixture<DulyPortal>(
    html`<duly-portal .client=${client} locale=${locale ?? ''}></duly-portal>`,
  );
  await waitUntil(() => listOf(portal).shadowRoot?.querySelector('[data-testid="invoice-row"]'));
  return portal;
}

function listOf(portal: DulyPortal): DulyInvoiceList {
  return one<DulyInvoiceList>(portal, 'duly-invoice-list');
}

/** Presses Tab until the focused element has `data-testid` `testId`. */
async function tabTo(testId: string): Promise<HTMLElement> {
  for (let presses = 0; presses < 30; presses += 1) {
    const active = deepActiveElement();
    if (active instanceof HTMLElement && active.dataset.testid === testId) return active;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached [data-testid="${testId}"]`);
}

const twoCurrencies = () => [
  makeInvoice({ id: 'inv_a', number: 'A-100', total: 5039, overdue: true, due_date: '2025-11-01' }),
  makeInvoice({ id: 'inv_b', number: 'B-200', total: 700000, currency: 'JPY' }),
];

const sessionWithBalances = () =>
  makeSession({
    balances: [
      {
        currency: 'USD',
        amount_due: 5039,
        amount_pending: 0,
        open_count: 1,
        overdue_count: 1,
        overdue_amount: 5039,
        credit: 0,
      },
      {
        currency: 'JPY',
        amount_due: 700000,
        amount_pending: 0,
        open_count: 1,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 0,
      },
    ],
    overdue_count: 1,
  });

describe('duly-portal', () => {
  it('shows a balance per currency', async () => {
    const portal = await renderPortal(new FakePortalClient(twoCurrencies(), sessionWithBalances()));
    const summary = await find(portal, 'duly-account-summary');
    await find(summary, '[part="balance"]');

    const balances = all(summary, '[part="balance"]');
    expect(balances.map((balance) => balance.dataset.currency)).to.deep.equal(['USD', 'JPY']);
    expect(text(one(balances[0] as HTMLElement, '.total'))).to.equal('$50.39');
    expect(text(one(balances[1] as HTMLElement, '.total'))).to.equal('¥700,000');
    expect(text(one(summary, '[data-testid="overdue-count"]'))).to.contain('1 overdue');
  });

  it('opens an invoice and goes back', async () => {
    const invoice = makeInvoice({
      id: 'inv_a',
      number: 'A-100',
      total: 5039,
      amount_due: 3039,
      lines: [{ description: 'Pallets of flour', quantity: 2, unit_amount: 2519, amount: 5038 }],
      payments: [
        { payment: 'pay_9', amount: 2000, status: 'succeeded', created_at: '2025-11-20T10:00:00Z' },
      ],
    });
    const portal = await renderPortal(new FakePortalClient([invoice]));

    one(listOf(portal), '.number').click();
    const detail = await find<DulyInvoiceDetail>(portal, 'duly-invoice-detail');
    await find(detail, 'table');

    expect(text(one(detail, 'h2'))).to.equal('Invoice A-100');
    expect(text(one(detail, 'tbody'))).to.contain('Pallets of flour');
    expect(text(one(detail, '.payments'))).to.contain('$20.00');
    expect(text(one(detail, '[data-testid="invoice-amount-due"]'))).to.equal('$30.39');
    expect(one(portal, '.home').hidden).to.be.true;

    one(detail, '.back').click();
    await portal.updateComplete;
    expect(all(portal, 'duly-invoice-detail')).to.have.length(0);
    expect(one(portal, '.home').hidden).to.be.false;
  });

  it('pays and refreshes the list', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_a', number: 'A-100' })]);
    const portal = await renderPortal(client);
    const list = listOf(portal);
    one<HTMLInputElement>(list, '[data-testid="invoice-select"]').click();
    await list.updateComplete;
    one(list, '[data-testid="pay-selected"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    await pay.updateComplete;
    const type = (testId: string, value: string) => {
      const input = one<HTMLInputElement>(pay, `[data-testid="${testId}"]`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('card-number', '4242424242424242');
    type('card-expiry', '12 / 30');
    type('card-cvc', '123');

    setTimeout(() => one(pay, '[data-testid="pay-submit"]').click());
    const event = await oneEvent(portal, 'duly-payment-succeeded');
    expect(event.detail.payment.applications[0].invoice).to.equal('inv_a');

    await waitUntil(() => list.shadowRoot?.querySelector('[part="empty"]'));
    expect(client.callsOf('listInvoices').length).to.be.greaterThan(1);
    expect(client.callsOf('getSession').length).to.equal(2);
  });

  it("resets for another customer's session", async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_a', number: 'A-100' })]);
    const portal = await renderPortal(client);
    const list = listOf(portal);
    one<HTMLInputElement>(list, '[data-testid="invoice-select"]').click();
    await list.updateComplete;
    one(list, '[data-testid="pay-selected"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    await pay.updateComplete;

    client.session = makeSession({
      customer: { id: 'cus_2', name: 'Bistro Verde', external_id: 'C-200', email: null },
    });
    client.invoices = [makeInvoice({ id: 'inv_z', number: 'Z-900', customer: 'cus_2' })];
    portal.setAttribute('session', 'pst_other_customer');
    await waitUntil(() => list.shadowRoot?.querySelector('[data-invoice-number="Z-900"]'));
    await portal.updateComplete;

    expect(client.sessions).to.deep.equal(['pst_other_customer']);
    expect(all(portal, 'duly-pay')).to.have.length(0);
    expect(one(portal, '.home').hidden).to.be.false;
    const summary = one<DulyAccountSummary>(portal, 'duly-account-summary');
    await summary.updateComplete;
    expect(text(one(summary, '.heading'))).to.contain('Account of Bistro Verde');
    expect(
      all(list, '[data-testid="invoice-row"]').map((row) => row.dataset.invoiceNumber),
    ).to.deep.equal(['Z-900']);
    expect(all<HTMLInputElement>(list, '[data-testid="invoice-select"]:checked')).to.have.length(0);
  });

  it('hides the old summary when a new session fails', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_a', number: 'A-100' })]);
    const portal = await renderPortal(client);
    await find<DulyAccountSummary>(portal, 'duly-account-summary');

    client.failNextCallOf.set('getSession', connectionFailure());
    portal.setAttribute('session', 'pst_unreachable');
    await waitUntil(() => portal.shadowRoot?.querySelector('[part="error"]'));

    expect(all(portal, 'duly-account-summary')).to.have.length(0);
    expect(text(one(portal, '[part="summary"]'))).not.to.contain('Account of');
  });

  it('keeps typed fields on a renewal', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_a', number: 'A-100' })]);
    const portal = await renderPortal(client);
    const list = listOf(portal);
    one<HTMLInputElement>(list, '[data-testid="invoice-select"]').click();
    await list.updateComplete;
    one(list, '[data-testid="pay-selected"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    await pay.updateComplete;
    const number = one<HTMLInputElement>(pay, '[data-testid="card-number"]');
    number.value = '4242424242424242';
    number.dispatchEvent(new Event('input'));

    portal.setAttribute('session', 'pst_renewed');
    await waitUntil(() => client.callsOf('getSession').length === 2);
    await portal.updateComplete;

    expect(client.sessions).to.deep.equal(['pst_renewed']);
    expect(one(portal, 'duly-pay')).to.equal(pay);
    expect(one<HTMLInputElement>(pay, '[data-testid="card-number"]').value).to.equal(
      '4242 4242 4242 4242',
    );
    expect(client.callsOf('listInvoices')).to.have.length(1);
  });

  it('pays by keyboard alone', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_a', number: 'A-100' })]);
    const portal = await renderPortal(client);
    let succeeded = false;
    portal.addEventListener('duly-payment-succeeded', () => {
      succeeded = true;
    });
    one(listOf(portal), '[role="tab"][aria-selected="true"]').focus();

    await tabTo('invoice-select');
    await sendKeys({ press: 'Space' });
    await tabTo('pay-selected');
    await sendKeys({ press: 'Enter' });
    await find(portal, 'duly-pay');
    await tabTo('card-number');
    await sendKeys({ type: '4242424242424242' });
    await tabTo('card-expiry');
    await sendKeys({ type: '1230' });
    await tabTo('card-cvc');
    await sendKeys({ type: '123' });
    await tabTo('pay-submit');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => succeeded, 'payment by keyboard did not succeed');
    const pay = one<DulyPay>(portal, 'duly-pay');
    expect(one(pay, '[data-testid="payment-result"]').dataset.status).to.equal('succeeded');
    expect(deepActiveElement()?.tagName).to.equal('H2');
  });

  it('renews the session once for concurrent requests', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    client.expireCalls = 2;
    let renewals = 0;
    let expiredEvents = 0;
    const portal = await fixture<DulyPortal>(html`<duly-portal
      .client=${client}
      .fetchSession=${async () => {
        renewals += 1;
        return 'pst_renewed';
      }}
      @duly-session-expired=${() => {
        expiredEvents += 1;
      }}
    ></duly-portal>`);

    await waitUntil(() => listOf(portal).shadowRoot?.querySelector('[data-testid="invoice-row"]'));
    await find(portal, 'duly-account-summary');

    expect(renewals).to.equal(1);
    expect(expiredEvents).to.equal(1);
    expect(client.sessions).to.deep.equal(['pst_renewed']);
  });

  it('speaks the session language', async () => {
    const client = new FakePortalClient([makeInvoice()], makeSession({ locale: 'es-ES' }));
    const portal = await renderPortal(client);
    const summary = await find(portal, 'duly-account-summary');
    await find(summary, '.balance');
    await listOf(portal).updateComplete;

    expect(text(one(summary, '.label'))).to.contain('Saldo pendiente');
    expect(text(one(listOf(portal), 'h2'))).to.equal('Facturas');
  });

  it('prefers the locale attribute', async () => {
    const client = new FakePortalClient([makeInvoice()], makeSession({ locale: 'es' }));
    const portal = await renderPortal(client, 'en');
    await find(portal, 'duly-account-summary');
    await listOf(portal).updateComplete;

    expect(text(one(listOf(portal), 'h2'))).to.equal('Invoices');
  });

  it('paints dark with theme dark', async () => {
    const portal = await fixture<DulyPortal>(
      html`<duly-portal theme="dark" .client=${new FakePortalClient()}></duly-portal>`,
    );
    const list = listOf(portal);
    await list.updateComplete;

    expect(getComputedStyle(one(list, '.card')).backgroundColor).to.equal('rgb(23, 25, 30)');
  });

  it('takes the primary colour from a custom property', async () => {
    const wrapper =
      await fixture<HTMLElement>(html`<div style="--duly-color-primary: rgb(10, 95, 255)">
      <duly-portal .client=${new FakePortalClient()}></duly-portal>
    </div>`);
    const portal = wrapper.querySelector('duly-portal') as DulyPortal;
    await waitUntil(() =>
      listOf(portal).shadowRoot?.querySelector('[data-testid="invoice-select"]'),
    );
    const list = listOf(portal);
    one<HTMLInputElement>(list, '[data-testid="invoice-select"]').click();
    await list.updateComplete;

    expect(getComputedStyle(one(list, '[data-testid="pay-selected"]')).backgroundColor).to.equal(
      'rgb(10, 95, 255)',
    );
  });

  it('passes the axe accessibility check', async () => {
    const portal = await renderPortal(new FakePortalClient(twoCurrencies(), sessionWithBalances()));
    await find(portal, 'duly-account-summary');

    await expect(portal).to.be.accessible();
  });
});
