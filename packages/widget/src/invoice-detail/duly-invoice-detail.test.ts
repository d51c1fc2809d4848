import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { find, one, text } from '../testing/helpers.js';
import type { DulyInvoiceDetail } from './duly-invoice-detail.js';

const invoice = makeInvoice({
  id: 'inv_7',
  number: 'INV-7',
  currency: 'JPY',
  total: 12000,
  amount_due: 2000,
  issue_date: '2025-03-31',
  due_date: '2025-04-30',
  lines: [
    { description: 'Green tea, case', quantity: 4, unit_amount: 2500, amount: 10000 },
    { description: 'Delivery', quantity: 1, unit_amount: 2000, amount: 2000 },
  ],
  payments: [
    { payment: 'pay_1', amount: 10000, status: 'succeeded', created_at: '2025-04-02T08:00:00Z' },
    { payment: 'pay_2', amount: 2000, status: 'failed', created_at: '2025-04-03T08:00:00Z' },
  ],
});

async function renderDetail(locale = 'en'): Promise<DulyInvoiceDetail> {
  const detail = await fixture<DulyInvoiceDetail>(
    html`<duly-invoice-detail
      invoice-id="inv_7"
      locale=${locale}
      .client=${new FakePortalClient([invoice])}
    ></duly-invoice-detail>`,
  );
  await find(detail, 'table');
  return detail;
}

describe('duly-invoice-detail', () => {
  it('shows lines, payments and amount due', async () => {
    const detail = await renderDetail();

    expect(text(one(detail, 'h2'))).to.equal('Invoice INV-7');
    expect(text(one(detail, 'tbody'))).to.contain('Green tea, case');
    expect(text(one(detail, 'tfoot'))).to.contain('¥12,000');
    expect(text(one(detail, '.payments'))).to.contain('¥10,000');
    expect(text(one(detail, '[data-testid="invoice-amount-due"]'))).to.equal('¥2,000');
    expect(text(one(detail, '.facts'))).to.contain('Apr 30, 2025');
  });

  it('sets a failed payment apart', async () => {
    for (const [locale, word] of [
      ['en', 'Failed'],
      ['es', 'Fallido'],
    ] as const) {
      const detail = await renderDetail(locale);

      const failed = one(detail, '.payment[data-payment-id="pay_2"]');
      expect(text(one(failed, '[data-testid="payment-status"]'))).to.equal(`· ${word}`);
      expect(failed.classList.contains('not-received')).to.equal(true);
      expect(getComputedStyle(one(failed, '.amount')).textDecorationLine).to.equal('line-through');
      const succeeded = one(detail, '.payment[data-payment-id="pay_1"]');
      expect(succeeded.classList.contains('not-received')).to.equal(false);
      expect(getComputedStyle(one(succeeded, '.amount')).textDecorationLine).to.equal('none');
    }
  });

  it('asks to pay the invoice', async () => {
    const detail = await renderDetail();

    setTimeout(() => one(detail, '[data-testid="pay-invoice"]').click());
    const event = await oneEvent(detail, 'duly-pay-request');

    expect(event.detail.invoices[0].id).to.equal('inv_7');
  });

  it('explains an unknown invoice', async () => {
    const detail = await fixture<DulyInvoiceDetail>(
      html`<duly-invoice-detail invoice-id="inv_x" .client=${new FakePortalClient([])}></duly-invoice-detail>`,
    );
    const error = await find(detail, '[part="error"]');

    expect(text(error)).to.contain('This invoice was not found.');
    expect(one(error, 'button')).to.exist;
  });

  it('passes the axe accessibility check', async () => {
    const detail = await renderDetail();

    await expect(detail).to.be.accessible();
  });
});
