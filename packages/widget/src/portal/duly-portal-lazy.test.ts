import { expect, fixture, html, waitUntil } from '@open-wc/testing';
// Only the first screen is registered here, as the script-tag build does before its chunks.
import '../account-summary/define.js';
import '../invoice-list/define.js';
import { defineElement } from '../shared/define-element.js';
import { FakePortalClient, makeInvoice, makeSession } from '../testing/fake-client.js';
import { deepActiveElement, find, one, text } from '../testing/helpers.js';
import { DulyPortal } from './duly-portal.js';

interface LoadRequest {
  tag: string;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Loads requested by the test portals, which each test resolves or rejects. Like the script-tag build's
 * loader, a load in flight is shared and a failed one is forgotten.
 */
const requests: LoadRequest[] = [];

class LazyTestPortal extends DulyPortal {
  protected override loadElement(tag: string): Promise<void> {
    const pending = requests.find((request) => request.tag === tag && !settled.has(request));
    if (pending) return pending.promise;
    const request = { tag } as LoadRequest;
    request.promise = new Promise<void>((resolve, reject) => {
      request.resolve = resolve;
      request.reject = reject;
    }).finally(() => settled.add(request));
    requests.push(request);
    return request.promise;
  }
}
const settled = new WeakSet<LoadRequest>();
defineElement('lazy-test-portal', LazyTestPortal);

async function renderPortal(session = makeSession()): Promise<LazyTestPortal> {
  const client = new FakePortalClient([makeInvoice({ id: 'inv_a', number: 'A-100' })], session);
  const portal = await fixture<LazyTestPortal>(
    html`<lazy-test-portal .client=${client}></lazy-test-portal>`,
  );
  const list = await find(portal, 'duly-invoice-list');
  await find(list, '[data-testid="invoice-row"]');
  return portal;
}

describe('duly-portal loading its parts', () => {
  it('preloads every part once the list is shown', async () => {
    requests.length = 0;
    await renderPortal();

    await waitUntil(() => requests.length >= 8, 'no preload', { timeout: 4000 });
    expect(requests.map((request) => request.tag).sort()).to.deep.equal([
      'duly-account',
      'duly-autopay',
      'duly-invoice-detail',
      'duly-pay',
      'duly-payment-methods',
      'duly-payment-notice',
      'duly-payments',
      'duly-statement',
    ]);
  });

  it('preloads only the parts of its features', async () => {
    requests.length = 0;
    await renderPortal(makeSession({ features: ['statements'] }));

    await waitUntil(() => requests.length >= 3, 'no preload', { timeout: 4000 });
    // Give a late request of a hidden part the time to show up before checking.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requests.map((request) => request.tag).sort()).to.deep.equal([
      'duly-invoice-detail',
      'duly-payments',
      'duly-statement',
    ]);
  });

  it('shows a retry when a part fails to load', async () => {
    const portal = await renderPortal();
    requests.length = 0;

    one(one(portal, 'duly-invoice-list'), '.number').click();
    await waitUntil(() => requests.some((request) => request.tag === 'duly-invoice-detail'));
    await portal.updateComplete;
    expect(one(portal, '[aria-busy="true"]')).to.exist;

    const first = requests.find((request) => request.tag === 'duly-invoice-detail');
    first?.promise.catch(() => undefined);
    first?.reject(new TypeError('Failed to fetch dynamically imported module'));
    const alert = await find(portal, '[role="alert"]');
    expect(text(alert)).to.contain('Check your internet connection');

    one(alert, 'button').click();
    await waitUntil(
      () => requests.filter((request) => request.tag === 'duly-invoice-detail').length === 2,
      'no second load',
    );
    await import('../invoice-detail/define.js');
    requests.at(-1)?.resolve();

    const detail = await find(portal, 'duly-invoice-detail');
    await find(detail, 'h2');
    expect(text(one(detail, 'h2'))).to.equal('Invoice A-100');
    // The retry button is gone, so focus moved into the invoice (its back button or heading).
    expect(detail.matches(':focus-within')).to.be.true;
  });

  it('focuses a part that loads after it was opened', async () => {
    const portal = await renderPortal();
    requests.length = 0;
    const list = one(portal, 'duly-invoice-list');

    one(list, '[data-testid="invoice-select"]').click();
    await waitUntil(() => list.shadowRoot?.querySelector('[data-testid="pay-selected"]'));
    one(list, '[data-testid="pay-selected"]').click();
    await waitUntil(() => requests.some((request) => request.tag === 'duly-pay'));
    await portal.updateComplete;
    expect(one(portal, '[aria-busy="true"]')).to.exist;

    await import('../pay/define.js');
    for (const request of requests) request.resolve();
    const pay = await find(portal, 'duly-pay');
    await waitUntil(() => deepActiveElement()?.localName === 'h2', 'heading not focused');
    expect(pay.shadowRoot?.activeElement?.localName).to.equal('h2');
  });

  it('shows a tab once its part loads', async () => {
    const portal = await renderPortal();
    requests.length = 0;

    one(portal, '[role="tab"][data-tab="payments"]').click();
    await waitUntil(() => requests.some((request) => request.tag === 'duly-payments'));
    await portal.updateComplete;
    expect(one(portal, '#panel-payments [aria-busy="true"]')).to.exist;

    await import('../payments/define.js');
    for (const request of requests) request.resolve();
    const payments = await find(portal, 'duly-payments');
    await find(payments, 'h2');
    expect(text(one(payments, 'h2'))).to.equal('Payments');
  });
});
