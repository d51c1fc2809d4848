import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import type { PortalFeature } from '@duly/sdk';
import type { PaymentNoticeRequestDetail } from '../shared/events.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyInvoiceList } from './duly-invoice-list.js';

const NOTICE = {
  id: 'pn_1',
  amount: 8000,
  method: 'check',
  reference: '1042',
  sent_on: '2025-12-02',
};

function markedInvoices() {
  return [
    makeInvoice({ id: 'inv_1', number: 'INV-0001', total: 10000 }),
    makeInvoice({ id: 'inv_2', number: 'INV-0002', total: 8000, disputed: true }),
    makeInvoice({ id: 'inv_3', number: 'INV-0003', total: 8000, payment_notice: NOTICE }),
  ];
}

async function renderList(
  client: FakePortalClient,
  features: readonly PortalFeature[] = client.session.features,
): Promise<DulyInvoiceList> {
  const list = await fixture<DulyInvoiceList>(
    html`<duly-invoice-list .client=${client} .features=${features}></duly-invoice-list>`,
  );
  await find(list, '[data-testid="invoice-row"]');
  return list;
}

function row(list: DulyInvoiceList, number: string): HTMLElement {
  return one(list, `[data-invoice-number="${number}"]`);
}

describe('duly-invoice-list marks', () => {
  it('marks a disputed invoice', async () => {
    const list = await renderList(new FakePortalClient(markedInvoices()));

    expect(text(one(row(list, 'INV-0002'), '[data-testid="mark-disputed"]'))).to.equal('Disputed');
    expect(all(row(list, 'INV-0001'), '[data-testid="mark-disputed"]')).to.have.length(0);
  });

  it('marks an invoice with a reported payment', async () => {
    const list = await renderList(new FakePortalClient(markedInvoices()));

    const mark = one(row(list, 'INV-0003'), '[data-testid="mark-payment-sent"]');
    expect(text(mark)).to.equal('Payment sent Dec 2, 2025');
    expect(all(row(list, 'INV-0002'), '[data-testid="mark-payment-sent"]')).to.have.length(0);
  });

  it('marks in Spanish', async () => {
    const list = await fixture<DulyInvoiceList>(
      html`<duly-invoice-list
        .client=${new FakePortalClient(markedInvoices())}
        locale="es"
      ></duly-invoice-list>`,
    );
    await find(list, '[data-testid="invoice-row"]');

    expect(text(one(row(list, 'INV-0002'), '[data-testid="mark-disputed"]'))).to.equal(
      'En disputa',
    );
    expect(text(one(row(list, 'INV-0003'), '[data-testid="mark-payment-sent"]'))).to.equal(
      'Pago enviado el 2 dic 2025',
    );
  });

  it('asks to report a payment for the selection', async () => {
    const list = await renderList(new FakePortalClient(markedInvoices()));
    one<HTMLInputElement>(row(list, 'INV-0001'), '[data-testid="invoice-select"]').click();
    one<HTMLInputElement>(row(list, 'INV-0002'), '[data-testid="invoice-select"]').click();
    await list.updateComplete;

    setTimeout(() => one(list, '[data-testid="report-payment"]').click());
    const event = await oneEvent(list, 'duly-payment-notice-request');

    const detail = event.detail as PaymentNoticeRequestDetail;
    expect(detail.invoices).to.deep.equal([
      { invoice: 'inv_1', amount: 10000 },
      { invoice: 'inv_2', amount: 8000 },
    ]);
  });

  it('offers no reporting without pay', async () => {
    const list = await renderList(new FakePortalClient(markedInvoices()), ['statements']);

    expect(all(list, '[data-testid="mark-disputed"]')).to.have.length(1);
    expect(all(list, '[data-testid="invoice-select"]')).to.have.length(0);
    expect(all(list, '[data-testid="report-payment"]')).to.have.length(0);
  });

  it('passes the axe check with marks', async () => {
    const list = await renderList(new FakePortalClient(markedInvoices()));
    one<HTMLInputElement>(row(list, 'INV-0003'), '[data-testid="invoice-select"]').click();
    await list.updateComplete;

    await expect(list).to.be.accessible();
  });
});
