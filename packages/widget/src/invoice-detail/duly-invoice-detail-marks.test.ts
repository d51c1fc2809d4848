import type { Invoice } from '@duly/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyInvoiceThreads } from '../threads/duly-invoice-threads.js';
import type { DulyInvoiceDetail } from './duly-invoice-detail.js';

const NOTICE = {
  id: 'pn_1',
  amount: 5039,
  method: 'check',
  reference: '1042',
  sent_on: '2025-12-02',
};

async function renderDetail(invoice: Invoice, locale = 'en'): Promise<DulyInvoiceDetail> {
  const detail = await fixture<DulyInvoiceDetail>(
    html`<duly-invoice-detail
      invoice-id=${invoice.id}
      locale=${locale}
      .client=${new FakePortalClient([invoice])}
    ></duly-invoice-detail>`,
  );
  await find(detail, 'h2');
  return detail;
}

describe('duly-invoice-detail marks', () => {
  it('marks a disputed invoice', async () => {
    const detail = await renderDetail(makeInvoice({ disputed: true }));

    expect(text(one(detail, '[data-testid="mark-disputed"]'))).to.equal('Disputed');
    expect(all(detail, '[data-testid="mark-payment-sent"]')).to.have.length(0);
  });

  it('marks an invoice with a reported payment', async () => {
    const detail = await renderDetail(makeInvoice({ payment_notice: NOTICE }));

    expect(text(one(detail, '[data-testid="mark-payment-sent"]'))).to.equal(
      'Payment sent Dec 2, 2025',
    );
    expect(all(detail, '[data-testid="mark-disputed"]')).to.have.length(0);
  });

  it('marks in Spanish', async () => {
    const detail = await renderDetail(
      makeInvoice({ disputed: true, payment_notice: NOTICE }),
      'es',
    );

    expect(text(one(detail, '[data-testid="mark-disputed"]'))).to.equal('En disputa');
    expect(text(one(detail, '[data-testid="mark-payment-sent"]'))).to.equal(
      'Pago enviado el 2 dic 2025',
    );
  });

  it('marks nothing on a paid invoice', async () => {
    const detail = await renderDetail(
      makeInvoice({ status: 'paid', amount_due: 0, amount_payable: 0, disputed: true }),
    );

    expect(all(detail, '[part="mark"]')).to.have.length(0);
  });

  it('marks an invoice once the customer disputes it', async () => {
    const detail = await renderDetail(makeInvoice());
    expect(all(detail, '[data-testid="mark-disputed"]')).to.have.length(0);

    const threads = one<DulyInvoiceThreads>(detail, 'duly-invoice-threads');
    (await find(threads, '[data-testid="dispute-invoice"]')).click();
    await threads.updateComplete;
    const reason = one<HTMLSelectElement>(threads, '[data-testid="dispute-reason"]');
    reason.value = 'duplicate';
    reason.dispatchEvent(new Event('change'));
    typeInto(
      one<HTMLInputElement>(threads, '[data-testid="thread-message"]'),
      'We were billed twice.',
    );
    one(threads, '[data-testid="thread-send"]').click();
    await waitUntil(() => detail.shadowRoot?.querySelector('[data-testid="mark-disputed"]'));

    expect(text(one(detail, '[data-testid="mark-disputed"]'))).to.equal('Disputed');
  });

  it('passes the axe check with both marks', async () => {
    const detail = await renderDetail(makeInvoice({ disputed: true, payment_notice: NOTICE }));

    await expect(detail).to.be.accessible();
  });
});
