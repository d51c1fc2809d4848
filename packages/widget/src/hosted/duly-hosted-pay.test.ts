import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import './define.js';
import { FakePortalClient } from '../testing/fake-client.js';
import { makeInvoice, makePayment } from '../testing/fixtures.js';
import { find, one, text } from '../testing/helpers.js';
import type { DulyHostedPay } from './duly-hosted-pay.js';

/** One exchange the page sent: its address and body. */
interface ExchangeCall {
  url: string;
  body: unknown;
}

const realFetch = globalThis.fetch;
let exchanges: ExchangeCall[] = [];

/** Responds to the page's exchange with `status` and `body`, or fails like a network error. */
function answerExchange(status: number | 'network-error', body: unknown = {}): void {
  globalThis.fetch = async (input, init) => {
    exchanges.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    if (status === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
}

function exchanged(invoice = 'inv_1') {
  return {
    object: 'pay_link_exchange',
    session: 'pst_fromLink',
    expires_at: '2026-03-15T13:00:00.000Z',
    invoice,
    locale: 'en',
  };
}

async function renderPage(client: FakePortalClient, locale = 'en'): Promise<DulyHostedPay> {
  return fixture<DulyHostedPay>(
    html`<duly-hosted-pay
      token="plt_abc"
      api="https://api.example.test"
      locale=${locale}
      .client=${client}
    ></duly-hosted-pay>`,
  );
}

describe('duly-hosted-pay', () => {
  beforeEach(() => {
    exchanges = [];
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('exchanges the token, then shows the form', async () => {
    answerExchange(201, exchanged());
    const client = new FakePortalClient([
      makeInvoice({ id: 'inv_1', amount_due: 4_200, total: 4_200 }),
    ]);
    const element = await renderPage(client);

    const pay = await find<HTMLElement & { invoices: Array<{ id: string }>; standalone: boolean }>(
      element,
      'duly-pay',
    );
    expect(exchanges).to.deep.equal([
      { url: 'https://api.example.test/v1/pay_links/exchange', body: { token: 'plt_abc' } },
    ]);
    expect(pay.invoices.map((invoice) => invoice.id)).to.deep.equal(['inv_1']);
    expect(pay.standalone).to.equal(true);
    await waitUntil(() => pay.shadowRoot?.querySelector('[data-testid="pay-submit"]'));
    expect(pay.shadowRoot?.querySelector('[data-testid="report-payment"]')).to.equal(null);
  });

  it('shows the receipt of a paid invoice', async () => {
    answerExchange(201, exchanged());
    const client = new FakePortalClient([
      makeInvoice({ id: 'inv_1', status: 'paid', amount_due: 0 }),
    ]);
    client.addPayments(makePayment({ id: 'pay_7', status: 'succeeded' }));
    const element = await renderPage(client);

    const receipt = await find(element, 'duly-receipt');
    expect(receipt.getAttribute('payment-id')).to.equal('pay_7');
    expect(element.shadowRoot?.querySelector('duly-pay')).to.equal(null);
  });

  for (const [code, title] of [
    ['pay_link_revoked', 'This payment link was cancelled'],
    ['pay_link_expired', 'This payment link has expired'],
    ['pay_link_used_up', 'This payment link can no longer be opened'],
    ['pay_link_invalid', 'This payment link is not valid'],
    ['invoice_not_payable', 'This invoice cannot be paid'],
  ] as const) {
    it(`explains ${code}`, async () => {
      answerExchange(code === 'pay_link_invalid' ? 404 : 410, { code, status: 410 });
      const element = await renderPage(new FakePortalClient());

      const problem = await find(element, '[part="problem"]');
      expect(problem.dataset.code).to.equal(code);
      expect(text(one(element, '[part="problem"] h2'))).to.equal(title);
    });
  }

  it('explains in Spanish', async () => {
    answerExchange(410, { code: 'pay_link_expired' });
    const element = await renderPage(new FakePortalClient(), 'es');

    await find(element, '[part="problem"]');
    expect(text(one(element, '[part="problem"] h2'))).to.equal('Este enlace de pago ha vencido');
  });

  it('retries after a network failure', async () => {
    answerExchange('network-error');
    const client = new FakePortalClient([makeInvoice({ id: 'inv_1' })]);
    const element = await renderPage(client);
    const retry = await find(element, '[part="problem"] button');

    answerExchange(201, exchanged());
    retry.click();
    await find(element, 'duly-pay');
    expect(exchanges).to.have.length(2);
  });
});
