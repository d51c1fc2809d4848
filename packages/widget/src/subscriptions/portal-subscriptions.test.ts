import { PORTAL_FEATURES } from '@duly/core';
import type { PortalFeature } from '@duly/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { DulyPay } from '../pay/duly-pay.js';
import type { DulyPortal } from '../portal/duly-portal.js';
import {
  FakePortalClient,
  makeInvoice,
  makePlan,
  makeSession,
  makeSubscription,
} from '../testing/fake-client.js';
import { FakeSubscriptions } from '../testing/fake-subscriptions.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulySubscriptions } from './duly-subscriptions.js';

async function renderPortal(client: FakePortalClient): Promise<DulyPortal> {
  const portal = await fixture<DulyPortal>(html`<duly-portal .client=${client}></duly-portal>`);
  await find(portal, 'duly-invoice-list');
  await waitUntil(() => client.callsOf('getSession').length > 0);
  await portal.updateComplete;
  return portal;
}

function tabNames(portal: DulyPortal): string[] {
  return all(portal, '[role="tab"]').map((tab) => tab.dataset.tab ?? '');
}

function clientWith(
  subscriptions: ReturnType<typeof makeSubscription>[],
  features: PortalFeature[] = [...PORTAL_FEATURES],
): FakePortalClient {
  const client = new FakePortalClient(
    [makeInvoice({ id: 'inv_renewal', number: 'R-2001', total: 2500 })],
    makeSession({ features }),
  );
  client.subscriptions = new FakeSubscriptions(subscriptions, [makePlan()]);
  return client;
}

describe('duly-portal subscriptions tab', () => {
  it('shows the tab with subscriptions', async () => {
    const client = clientWith([makeSubscription()]);
    const portal = await renderPortal(client);
    await waitUntil(() => tabNames(portal).includes('subscriptions'), 'waiting for the tab');

    one(portal, '[data-tab="subscriptions"]').click();
    const element = await find<DulySubscriptions>(portal, 'duly-subscriptions');
    await find(element, '[data-testid="subscription"]');
    expect(text(one(portal, '[data-tab="subscriptions"]'))).to.equal('Subscriptions');
    expect(text(one(element, '[data-testid="next-renewal"]'))).to.equal('$25.00 on Jan 1, 2026');
  });

  it('hides the tab without subscriptions', async () => {
    const client = clientWith([]);
    const portal = await renderPortal(client);
    await waitUntil(() => client.callsOf('listSubscriptions').length === 1);
    await portal.updateComplete;

    expect(tabNames(portal)).not.to.include('subscriptions');
  });

  it('hides the tab without the feature', async () => {
    const client = clientWith(
      [makeSubscription()],
      PORTAL_FEATURES.filter((feature) => feature !== 'subscriptions'),
    );
    const portal = await renderPortal(client);
    await find(portal, '[data-tab="invoices"]');

    expect(tabNames(portal)).not.to.include('subscriptions');
    expect(client.callsOf('listSubscriptions')).to.have.length(0);
  });

  it('pays a failed renewal in the pay form', async () => {
    const client = clientWith([
      makeSubscription({ status: 'past_due', latest_invoice: 'inv_renewal' }),
    ]);
    const portal = await renderPortal(client);
    await waitUntil(() => tabNames(portal).includes('subscriptions'), 'waiting for the tab');
    one(portal, '[data-tab="subscriptions"]').click();
    const element = await find<DulySubscriptions>(portal, 'duly-subscriptions');
    (await find(element, '[data-testid="pay-renewal"]')).click();

    const pay = await find<DulyPay>(portal, 'duly-pay');
    expect(one(portal, '[data-tab="invoices"]').getAttribute('aria-selected')).to.equal('true');
    expect(pay.invoices.map((invoice) => invoice.id)).to.deep.equal(['inv_renewal']);
  });
});
