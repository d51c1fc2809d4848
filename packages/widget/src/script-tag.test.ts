import { expect, waitUntil } from '@open-wc/testing';
import { makeInvoice, makeSession } from './testing/fixtures.js';

/** Registered by `duly.js` itself, before any chunk loads. */
const FIRST_SCREEN_TAGS = ['duly-portal', 'duly-account-summary', 'duly-invoice-list'];
/** Registered by the chunks that `duly.js` loads. */
const CHUNK_TAGS = [
  'duly-invoice-detail',
  'duly-pay',
  'duly-payment-methods',
  'duly-autopay',
  'duly-payments',
  'duly-receipt',
  'duly-statement',
  'duly-invoice-threads',
  'duly-account',
  'duly-credit-limit',
  'duly-billing-details',
];

function loadScript(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.type = 'module';
    script.src = '/dist/duly.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('dist/duly.js did not load: run `pnpm build` first.'));
    document.head.append(script);
  });
}

/** Returns the addresses of the widget's chunks that the page has requested so far. */
function requestedChunks(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /^\/dist\/duly-.+\.js$/.test(path));
}

describe('script-tag build', () => {
  it('registers every element, twice harmlessly', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (event) => errors.push(event.message));
    // Appears before the script loads, as when a page puts the tag above the script.
    const pay = document.createElement('duly-pay');
    document.body.append(pay);

    await loadScript();
    await loadScript();

    for (const tag of FIRST_SCREEN_TAGS) expect(customElements.get(tag), tag).to.exist;
    // A page that uses <duly-pay> on its own gets its chunk without a portal asking for it.
    await waitUntil(() => customElements.get('duly-pay'), '<duly-pay> never registered');
    expect(customElements.get('duly-receipt'), 'duly-receipt comes with duly-pay').to.exist;
    expect(requestedChunks().length).to.be.greaterThan(0);

    // One added after the script ran is loaded as it appears.
    const autopay = document.createElement('duly-autopay');
    document.body.append(autopay);
    await waitUntil(() => customElements.get('duly-autopay'), '<duly-autopay> never registered');

    expect(errors).to.deep.equal([]);
    pay.remove();
    autopay.remove();
  });

  it('loads portal chunks after first screen', async () => {
    let answerInvoices = () => {};
    const invoicesReleased = new Promise<void>((resolve) => {
      answerInvoices = resolve;
    });
    const realFetch = globalThis.fetch;
    // The portal's API, served in the page: the invoices wait until the test lets them.
    globalThis.fetch = async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== FAKE_API) return realFetch(input);
      if (url.pathname === '/v1/portal/session') return json(makeSession());
      await invoicesReleased;
      return json({ object: 'list', data: [makeInvoice()], next_cursor: null });
    };
    try {
      const portal = document.createElement('duly-portal');
      portal.setAttribute('session', 'pst_test');
      portal.setAttribute('api', FAKE_API);
      document.body.append(portal);
      await loadScript();
      await waitUntil(() => portal.shadowRoot?.querySelector('[part="base"]'), 'not upgraded');
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(customElements.get('duly-invoice-detail'), 'loaded before the first screen').to.be
        .undefined;

      answerInvoices();
      for (const tag of CHUNK_TAGS) {
        await waitUntil(() => customElements.get(tag), `<${tag}> never registered`, {
          timeout: 5000,
        });
      }
      portal.remove();
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

const FAKE_API = 'http://duly.test';

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json', 'Request-Id': 'req_test' },
  });
}
