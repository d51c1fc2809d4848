import { PORTAL_FEATURES } from '@duly/core';
import type { PortalFeature } from '@duly/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { DulyInvoiceList } from '../invoice-list/duly-invoice-list.js';
import { FakePortalClient, makeInvoice, makeSession, makeThread } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyPortal } from './duly-portal.js';

const EVERY_FEATURE: PortalFeature[] = [...PORTAL_FEATURES];

function without(...left: PortalFeature[]): PortalFeature[] {
  return EVERY_FEATURE.filter((feature) => !left.includes(feature));
}

async function renderPortal(features: PortalFeature[]): Promise<{
  portal: DulyPortal;
  client: FakePortalClient;
}> {
  const client = new FakePortalClient(
    [makeInvoice({ id: 'inv_a', number: 'A-100', total: 5039 })],
    makeSession({ features }),
  );
  const portal = await fixture<DulyPortal>(html`<duly-portal .client=${client}></duly-portal>`);
  const list = await find<DulyInvoiceList>(portal, 'duly-invoice-list');
  await find(list, '[data-testid="invoice-row"]');
  await waitUntil(() => client.callsOf('getSession').length > 0);
  await portal.updateComplete;
  await list.updateComplete;
  return { portal, client };
}

function tabNames(portal: DulyPortal): string[] {
  return all(portal, '[role="tab"]').map((tab) => tab.dataset.tab ?? '');
}

describe('duly-portal features', () => {
  it('shows every tab with every feature', async () => {
    const { portal } = await renderPortal(EVERY_FEATURE);

    expect(tabNames(portal)).to.deep.equal([
      'invoices',
      'payments',
      'statement',
      'methods',
      'autopay',
      'account',
    ]);
  });

  it('hides the tabs of features turned off', async () => {
    const { portal } = await renderPortal(
      without('autopay', 'payment_methods', 'statements', 'credit_requests', 'billing_details'),
    );

    expect(tabNames(portal)).to.deep.equal(['invoices', 'payments']);
  });

  it('offers no payment without pay', async () => {
    const { portal } = await renderPortal(without('pay'));
    const list = one(portal, 'duly-invoice-list');

    expect(text(one(list, '[data-testid="invoice-row"]'))).to.contain('$50.39');
    expect(all(list, '[data-testid="invoice-select"]')).to.have.length(0);

    one(list, '.number').click();
    const detail = await find(portal, 'duly-invoice-detail');
    await find(detail, '[data-testid="invoice-amount-due"]');
    expect(text(one(detail, '[data-testid="invoice-amount-due"]'))).to.equal('$50.39');
    expect(all(detail, '[data-testid="pay-invoice"]')).to.have.length(0);
  });

  it('offers payment with pay', async () => {
    const { portal } = await renderPortal(EVERY_FEATURE);
    const list = one(portal, 'duly-invoice-list');

    expect(all(list, '[data-testid="invoice-select"]')).to.have.length(1);
    one(list, '.number').click();
    const detail = await find(portal, 'duly-invoice-detail');
    expect(await find(detail, '[data-testid="pay-invoice"]')).to.exist;
  });

  it('shows the statement in its tab', async () => {
    const { portal } = await renderPortal(EVERY_FEATURE);

    one(portal, '[role="tab"][data-tab="statement"]').click();
    const statement = await find(portal, 'duly-statement');
    const usd = await find(statement, '[data-testid="statement-section"][data-currency="USD"]');

    expect(text(one(usd, '[data-testid="balance"]'))).to.equal('$50.39');
    expect(one(portal, '#panel-statement').getAttribute('aria-labelledby')).to.equal(
      'tab-statement',
    );
  });

  it('shows the account with both cards', async () => {
    const { portal } = await renderPortal(EVERY_FEATURE);

    one(portal, '[role="tab"][data-tab="account"]').click();
    const account = await find(portal, 'duly-account');
    const credit = await find(account, 'duly-credit-limit');
    const billing = await find(account, 'duly-billing-details');

    expect(text(await find(credit, '[data-testid="credit-used"]'))).to.equal('$50.39');
    expect(await find(billing, '[data-testid="billing-form"]')).to.exist;
  });

  it('shows only the cards of its features', async () => {
    const { portal } = await renderPortal(without('billing_details'));

    one(portal, '[role="tab"][data-tab="account"]').click();
    const account = await find(portal, 'duly-account');
    await find(account, 'duly-credit-limit');

    expect(all(account, 'duly-billing-details')).to.have.length(0);
  });

  it('offers no question or dispute without disputes', async () => {
    const { portal, client } = await renderPortal(without('disputes'));
    client.threads.add(
      makeThread({ invoice: 'inv_a', invoice_number: 'A-100', status: 'answered' }),
    );

    one(one(portal, 'duly-invoice-list'), '.number').click();
    const detail = await find(portal, 'duly-invoice-detail');
    const threads = await find(detail, 'duly-invoice-threads');
    await find(threads, '[data-testid="thread"]');

    expect(all(threads, '[data-testid="ask-question"]')).to.have.length(0);
    expect(all(threads, '[data-testid="dispute-invoice"]')).to.have.length(0);
    expect(all(threads, '[data-testid="reply-message"]')).to.have.length(0);
  });

  it('shows no credit card without credit_requests', async () => {
    const { portal, client } = await renderPortal(without('credit_requests'));

    one(portal, '[role="tab"][data-tab="account"]').click();
    const account = await find(portal, 'duly-account');
    await find(account, 'duly-billing-details');

    expect(all(account, 'duly-credit-limit')).to.have.length(0);
    expect(client.callsOf('getCredit')).to.have.length(0);
  });

  it('leaves a tab that a new session hides', async () => {
    const { portal, client } = await renderPortal(EVERY_FEATURE);
    one(portal, '[role="tab"][data-tab="autopay"]').click();
    await find(portal, 'duly-autopay');

    client.session = makeSession({ features: without('autopay') });
    await portal.loadSession();
    await portal.updateComplete;

    expect(tabNames(portal)).to.deep.equal([
      'invoices',
      'payments',
      'statement',
      'methods',
      'account',
    ]);
    expect(one(portal, '[role="tab"][aria-selected="true"]').dataset.tab).to.equal('invoices');
    expect(all(portal, 'duly-autopay')).to.have.length(0);
  });

  it('closes the pay form when pay is turned off', async () => {
    const { portal, client } = await renderPortal(EVERY_FEATURE);
    const list = one<DulyInvoiceList>(portal, 'duly-invoice-list');
    one(list, '[data-testid="invoice-select"]').click();
    await list.updateComplete;
    one(list, '[data-testid="pay-selected"]').click();
    await find(portal, 'duly-pay');

    client.session = makeSession({ features: without('pay') });
    await portal.loadSession();
    await portal.updateComplete;

    expect(all(portal, 'duly-pay')).to.have.length(0);
    expect(one(portal, '.home').hidden).to.be.false;
    await list.updateComplete;
    expect(all(list, '[data-testid="pay-selected"]')).to.have.length(0);
    expect(all(list, '[data-testid="invoice-select"]')).to.have.length(0);
  });
});
