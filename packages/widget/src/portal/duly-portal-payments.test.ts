import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { DulyInvoiceList } from '../invoice-list/duly-invoice-list.js';
import type { DulyPay } from '../pay/duly-pay.js';
import { PROVIDER_SLOT } from '../providers/provider-context.js';
import {
  FakePortalClient,
  makeInvoice,
  makePayment,
  makeStripeSetup,
} from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import { FAKE_SCRIPT_URLS, resetFakeStripe } from '../testing/provider-fakes.js';
import type { DulyPortal } from './duly-portal.js';

const PROVIDER_HOSTS = /js\.stripe\.com|cdn\.plaid\.com/;

async function renderPortal(
  client: FakePortalClient,
  scriptUrls?: Record<string, string>,
): Promise<DulyPortal> {
  const portal = await fixture<DulyPortal>(
    html`<duly-portal .client=${client} .scriptUrls=${scriptUrls}></duly-portal>`,
  );
  await waitUntil(() => listOf(portal).shadowRoot?.querySelector('[data-testid="invoice-row"]'));
  return portal;
}

function listOf(portal: DulyPortal): DulyInvoiceList {
  return one<DulyInvoiceList>(portal, 'duly-invoice-list');
}

/** Selects every invoice of the list and opens the pay form. */
async function openPay(portal: DulyPortal): Promise<DulyPay> {
  const list = listOf(portal);
  for (const checkbox of all<HTMLInputElement>(list, '[data-testid="invoice-select"]')) {
    checkbox.click();
  }
  await list.updateComplete;
  one(list, '[data-testid="pay-selected"]').click();
  const pay = await find<DulyPay>(portal, 'duly-pay');
  await find(pay, 'fieldset[part="method"]');
  return pay;
}

describe('duly-portal payments', () => {
  it('loads no provider script on first paint', async () => {
    const client = new FakePortalClient();
    client.setup = makeStripeSetup();
    const requested: string[] = [];
    const observer = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) requested.push(entry.name);
    });
    observer.observe({ type: 'resource', buffered: true });

    const portal = await renderPortal(client);
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();

    const resources = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect([...requested, ...resources].filter((url) => PROVIDER_HOSTS.test(url))).to.deep.equal(
      [],
    );
    const scripts = [...document.querySelectorAll('script[src]')].map(
      (script) => (script as HTMLScriptElement).src,
    );
    expect(scripts.filter((url) => PROVIDER_HOSTS.test(url))).to.deep.equal([]);
    expect('Stripe' in window).to.equal(false);
    expect('Plaid' in window).to.equal(false);
    expect(client.callsOf('getPaymentSetup')).to.have.length(0);
    expect(portal.querySelector(`[slot="${PROVIDER_SLOT}"]`)).to.equal(null);
  });

  it('switches tabs by keyboard', async () => {
    const portal = await renderPortal(new FakePortalClient());
    const tab = (name: string) => one(portal, `[role="tab"][data-tab="${name}"]`);

    tab('invoices').focus();
    await sendKeys({ press: 'ArrowRight' });
    await find(portal, 'duly-payments');
    expect(tab('payments').getAttribute('aria-selected')).to.equal('true');
    expect(portal.shadowRoot?.activeElement).to.equal(tab('payments'));
    expect(one(portal, '#panel-invoices').hidden).to.equal(true);

    await sendKeys({ press: 'End' });
    await find(portal, 'duly-account');
    await sendKeys({ press: 'ArrowLeft' });
    await find(portal, 'duly-autopay');
    expect(all(portal, 'duly-account')).to.have.length(0);

    await sendKeys({ press: 'Home' });
    await portal.updateComplete;
    expect(one(portal, '#panel-invoices').hidden).to.equal(false);
  });

  it('shows the history in its tab', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_9' }));
    const portal = await renderPortal(client);

    one(portal, '[data-tab="payments"]').click();
    const payments = await find(portal, 'duly-payments');
    const row = await find(payments, '[data-testid="payment-row"]');

    expect(row.dataset.paymentId).to.equal('pay_9');
  });

  it('mounts Stripe once per portal', async () => {
    resetFakeStripe();
    const first = new FakePortalClient();
    first.setup = makeStripeSetup();
    const second = new FakePortalClient();
    second.setup = makeStripeSetup();
    const portals = await fixture<HTMLElement>(html`<div>
      <duly-portal .client=${first} .scriptUrls=${FAKE_SCRIPT_URLS}></duly-portal>
      <duly-portal .client=${second} .scriptUrls=${FAKE_SCRIPT_URLS}></duly-portal>
    </div>`);
    const [one1, two] = [...portals.querySelectorAll('duly-portal')] as DulyPortal[];
    if (!one1 || !two) throw new Error('two portals expected');
    for (const portal of [one1, two]) {
      await waitUntil(() =>
        listOf(portal).shadowRoot?.querySelector('[data-testid="invoice-row"]'),
      );
      await openPay(portal);
      await waitUntil(() => portal.querySelector('iframe'), 'the Payment Element never mounted');
    }

    for (const portal of [one1, two]) {
      const points = portal.querySelectorAll(`:scope > [slot="${PROVIDER_SLOT}"]`);
      expect(points).to.have.length(1);
      expect(points[0]?.querySelectorAll('iframe')).to.have.length(1);
      const pay = one<DulyPay>(portal, 'duly-pay');
      expect(pay.querySelectorAll(`[slot="${PROVIDER_SLOT}"]`)[0]?.localName).to.equal('slot');
      // The slot forwarded into <duly-pay> receives the portal's light-DOM mount point.
      const inner = one<HTMLSlotElement>(pay, `slot[name="${PROVIDER_SLOT}"]`);
      expect(inner.assignedElements({ flatten: true })).to.deep.equal([points[0]]);
    }
    expect(document.querySelectorAll('iframe[data-fake-stripe]')).to.have.length(2);
  });

  it('marks invoices of a pending payment and reopens them on a return', async () => {
    const client = new FakePortalClient([
      makeInvoice({ id: 'inv_a', number: 'A-100', total: 5039 }),
    ]);
    const portal = await renderPortal(client);
    const pay = await openPay(portal);
    pay.pollInterval = 20;
    all<HTMLInputElement>(pay, '[data-testid="method-choice"]')
      .find((input) => input.value === 'new-bank')
      ?.click();
    await pay.updateComplete;
    typeInto(one(pay, '[data-testid="bank-routing"]'), '110000000');
    typeInto(one(pay, '[data-testid="bank-account"]'), '000222222227');
    one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();

    setTimeout(() => one(pay, '[data-testid="pay-submit"]').click());
    const pending = await oneEvent(portal, 'duly-payment-pending');
    const list = listOf(portal);
    await waitUntil(() => list.shadowRoot?.querySelector('[data-testid="status-pending"]'));
    expect(text(one(list, '[data-testid="status-pending"]'))).to.equal('Payment pending');
    expect(all(list, '[data-testid="invoice-select"]')).to.have.length(0);

    client.settleBankPayment(pending.detail.payment.id, 'R01');
    await oneEvent(portal, 'duly-payment-failed');
    await waitUntil(
      () => !list.shadowRoot?.querySelector('[data-testid="status-pending"]'),
      'the invoice still shows the pending payment',
    );
    await waitUntil(() => list.shadowRoot?.querySelector('[data-testid="invoice-select"]'));
    const returned = await find(pay, '[data-testid="payment-result"][data-status="failed"]');
    expect(text(returned)).to.contain('insufficient funds (R01)');
  });

  it('passes the axe check on every tab', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment());
    const portal = await renderPortal(client);

    for (const tab of ['payments', 'methods', 'autopay']) {
      one(portal, `[data-tab="${tab}"]`).click();
      await portal.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(portal, tab).to.be.accessible();
    }
  });
});
