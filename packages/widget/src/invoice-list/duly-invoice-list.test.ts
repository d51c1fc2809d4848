import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyInvoiceList } from './duly-invoice-list.js';

function rowOf(list: DulyInvoiceList, number: string): HTMLElement {
  return one(list, `[data-testid="invoice-row"][data-invoice-number="${number}"]`);
}

async function renderList(client: FakePortalClient, locale = 'en'): Promise<DulyInvoiceList> {
  const list = await fixture<DulyInvoiceList>(
    html`<duly-invoice-list .client=${client} locale=${locale}></duly-invoice-list>`,
  );
  await find(list, '[data-testid="invoice-row"], [part="empty"]');
  return list;
}

const mixedCurrencies = () => [
  makeInvoice({ id: 'inv_usd', number: 'US-1', currency: 'USD', total: 123450 }),
  makeInvoice({ id: 'inv_jpy', number: 'JP-1', currency: 'JPY', total: 5000 }),
  makeInvoice({ id: 'inv_kwd', number: 'KW-1', currency: 'KWD', total: 1250 }),
];

describe('duly-invoice-list', () => {
  it('renders amounts in each currency', async () => {
    const list = await renderList(new FakePortalClient(mixedCurrencies()));

    const amount = (number: string) =>
      text(one(rowOf(list, number), '[data-testid="invoice-amount"]'));
    expect(amount('US-1')).to.equal('$1,234.50');
    expect(amount('JP-1')).to.equal('¥5,000');
    expect(amount('KW-1')).to.equal('KWD 1.250');
  });

  it('marks a partly paid overdue invoice', async () => {
    const client = new FakePortalClient([
      makeInvoice({
        id: 'inv_late',
        number: 'LATE-2',
        overdue: true,
        total: 5000,
        amount_due: 2000,
      }),
      makeInvoice({ id: 'inv_late_full', number: 'LATE-3', overdue: true, total: 5000 }),
    ]);
    const list = await renderList(client);

    const partly = rowOf(list, 'LATE-2');
    expect(text(one(partly, '.badge.overdue'))).to.equal('Overdue');
    expect(text(one(partly, '[data-testid="status-note"]'))).to.equal('Partly paid');
    expect(all(rowOf(list, 'LATE-3'), '[data-testid="status-note"]')).to.have.length(0);
  });

  it('marks overdue invoices by word and icon', async () => {
    const client = new FakePortalClient([
      makeInvoice({ id: 'inv_late', number: 'LATE-1', overdue: true, due_date: '2025-10-01' }),
      makeInvoice({ id: 'inv_fine', number: 'FINE-1' }),
    ]);
    const list = await renderList(client);

    const lateBadge = one(rowOf(list, 'LATE-1'), '.badge');
    expect(text(lateBadge)).to.equal('Overdue');
    expect(lateBadge.querySelector('svg')).to.exist;
    expect(one(rowOf(list, 'LATE-1'), '.date').classList.contains('overdue')).to.be.true;
    expect(text(one(rowOf(list, 'FINE-1'), '.badge'))).to.equal('Open');
  });

  it('formats due dates without shifting the day', async () => {
    const client = new FakePortalClient([makeInvoice({ due_date: '2025-01-01' })]);
    const list = await renderList(client);

    expect(text(one(list, '.date'))).to.equal('Due Jan 1, 2025');
  });

  it('fetches the status of each filter tab', async () => {
    const client = new FakePortalClient(mixedCurrencies());
    const list = await renderList(client);

    for (const filter of ['overdue', 'paid', 'all', 'open']) {
      one(list, `[role="tab"][data-tab="${filter}"]`).click();
      await waitUntil(() => client.callsOf('listInvoices').at(-1));
      const params = client.lastArgument<{ status: string }>('listInvoices');
      expect(params.status).to.equal(filter);
      expect(one(list, `[data-tab="${filter}"]`).getAttribute('aria-selected')).to.equal('true');
    }
  });

  it('moves between tabs with arrow keys', async () => {
    const client = new FakePortalClient(mixedCurrencies());
    const list = await renderList(client);

    one(list, '[data-tab="open"]').focus();
    await sendKeys({ press: 'ArrowRight' });
    await list.updateComplete;

    expect(list.status).to.equal('overdue');
    expect(list.shadowRoot?.activeElement?.getAttribute('data-tab')).to.equal('overdue');
  });

  it('prevents selecting two currencies', async () => {
    const list = await renderList(new FakePortalClient(mixedCurrencies()));

    one<HTMLInputElement>(rowOf(list, 'US-1'), '[data-testid="invoice-select"]').click();
    await list.updateComplete;
    const yen = one<HTMLInputElement>(rowOf(list, 'JP-1'), '[data-testid="invoice-select"]');
    yen.click();
    await list.updateComplete;

    expect(yen.checked).to.be.false;
    expect(list.selectedInvoices.map((invoice) => invoice.id)).to.deep.equal(['inv_usd']);
    expect(text(one(list, '[data-testid="selection-notice"]'))).to.contain(
      'one currency at a time',
    );
  });

  it('asks to pay the selected invoices', async () => {
    const client = new FakePortalClient([
      makeInvoice({ id: 'inv_a', number: 'A-1', total: 1000 }),
      makeInvoice({ id: 'inv_b', number: 'B-1', total: 2500 }),
    ]);
    const list = await renderList(client);

    for (const number of ['A-1', 'B-1']) {
      one<HTMLInputElement>(rowOf(list, number), '[data-testid="invoice-select"]').click();
    }
    await list.updateComplete;
    const payButton = one(list, '[data-testid="pay-selected"]');
    expect(text(payButton)).to.equal('Pay $35.00');

    setTimeout(() => payButton.click());
    const event = await oneEvent(list, 'duly-pay-request');
    expect(event.detail.invoices.map((invoice: { id: string }) => invoice.id)).to.deep.equal([
      'inv_a',
      'inv_b',
    ]);
  });

  it('loads the next page on request', async () => {
    const invoices = Array.from({ length: 30 }, (_, index) =>
      makeInvoice({ id: `inv_${index}`, number: `N-${index}` }),
    );
    const client = new FakePortalClient(invoices);
    const list = await renderList(client);
    expect(all(list, '[data-testid="invoice-row"]')).to.have.length(25);

    one(list, '[data-testid="load-more"]').click();
    await waitUntil(() => all(list, '[data-testid="invoice-row"]').length === 30);

    const params = client.lastArgument<{ cursor: string }>('listInvoices');
    expect(params.cursor).to.equal('25');
    expect(all(list, '[data-testid="load-more"]')).to.have.length(0);
  });

  it('shows an empty state with a way on', async () => {
    const client = new FakePortalClient([makeInvoice({ status: 'paid', amount_due: 0 })]);
    const list = await renderList(client);

    const empty = one(list, '[part="empty"]');
    expect(text(empty)).to.contain('No open invoices');
    one(empty, 'button').click();
    await find(list, '[data-testid="invoice-row"]');
    expect(list.status).to.equal('all');
  });

  it('shows an error state with retry', async () => {
    const client = new FakePortalClient();
    client.failNext = new Error('boom');
    const list = await fixture<DulyInvoiceList>(
      html`<duly-invoice-list .client=${client}></duly-invoice-list>`,
    );
    const error = await find(list, '[part="error"]');
    expect(text(error)).to.contain('We could not load your invoices.');

    one(error, 'button').click();
    await find(list, '[data-testid="invoice-row"]');
    expect(client.callsOf('listInvoices')).to.have.length(2);
  });

  it('speaks Spanish with locale es', async () => {
    const client = new FakePortalClient([
      makeInvoice({ due_date: '2025-12-03', overdue: true, total: 123456 }),
    ]);
    const list = await renderList(client, 'es');

    expect(all(list, '[role="tab"]').map(text)).to.deep.equal([
      'Abiertas',
      'Vencidas',
      'Pagadas',
      'Todas',
    ]);
    expect(text(one(list, '.badge'))).to.equal('Vencida');
    expect(text(one(list, '.date'))).to.equal('Vence el 3 dic 2025');
    expect(text(one(list, '[data-testid="invoice-amount"]'))).to.equal('1234,56 US$');
  });

  it('passes the axe accessibility check', async () => {
    const list = await renderList(new FakePortalClient(mixedCurrencies()));

    await expect(list).to.be.accessible();
  });
});
