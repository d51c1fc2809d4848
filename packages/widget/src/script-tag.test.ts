import { expect, waitUntil } from '@open-wc/testing';

const TAGS = [
  'duly-portal',
  'duly-account-summary',
  'duly-invoice-list',
  'duly-invoice-detail',
  'duly-pay',
  'duly-payment-methods',
  'duly-autopay',
  'duly-payments',
  'duly-receipt',
];

function loadScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/dist/duly.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/duly.js did not load: run `pnpm build` first.'));
    document.head.append(script);
  });
}

describe('script-tag build', () => {
  it('registers every element, twice harmlessly', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(event.message));
    // Appears before the script loads, as when a page puts the tag above the script.
    const portal = document.createElement('duly-portal');
    portal.setAttribute('session', 'pst_test');
    portal.setAttribute('api', 'http://127.0.0.1:9');
    document.body.append(portal);

    await loadScript();
    await loadScript();

    expect(errors).to.deep.equal([]);
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.exist;
    await waitUntil(() => portal.shadowRoot?.querySelector('[part="base"]'), 'portal not upgraded');
    portal.remove();
  });
});
