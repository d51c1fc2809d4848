import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
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

  it('adds up taxes, payments and credits', async () => {
    // $162.38 total − $80.00 received (a $100.00 payment with $20.00 refunded) − $41.78 credit.
    const taxed = makeInvoice({
      id: 'inv_8',
      number: 'INV-8',
      total: 16_238,
      amount_due: 4_060,
      subtotal: 15_000,
      lines: [
        { description: 'Oak planks', quantity: 10, unit_amount: 1_000, amount: 10_000 },
        { description: 'Delivery', quantity: 1, unit_amount: 5_000, amount: 5_000 },
      ],
      taxes: [{ description: 'Sales tax 8.25%', amount: 1_238 }],
      payments: [
        {
          payment: 'pay_3',
          amount: 10_000,
          amount_reversed: 2_000,
          status: 'partly_refunded',
          created_at: '2025-04-02T08:00:00Z',
        },
      ],
      credits: [
        {
          credit_note: 'cn_1',
          number: 'CN-000001',
          amount: 4_178,
          created_at: '2025-04-05T08:00:00Z',
        },
      ],
    });
    const detail = await fixture<DulyInvoiceDetail>(
      html`<duly-invoice-detail invoice-id="inv_8" .client=${new FakePortalClient([taxed])}></duly-invoice-detail>`,
    );
    await find(detail, 'table');

    expect(all(detail, 'tfoot tr').map(text)).to.deep.equal([
      'Subtotal $150.00',
      'Sales tax 8.25% $12.38',
      'Total $162.38',
    ]);
    expect(text(one(detail, '#payments-heading'))).to.equal('Payments and credits');
    expect(text(one(detail, '.payment[data-payment-id="pay_3"]'))).to.equal(
      'Apr 2, 2025 · Partly refunded · $20.00 refunded $80.00',
    );
    expect(text(one(detail, '.payment[data-credit-note="cn_1"]'))).to.equal(
      'Credit note CN-000001 · Apr 5, 2025 −$41.78',
    );
    expect(text(one(detail, '[data-testid="invoice-amount-due"]'))).to.equal('$40.60');
    await expect(detail).to.be.accessible();
  });

  it('names credit notes in Spanish', async () => {
    const credited = makeInvoice({
      id: 'inv_9',
      total: 9_900,
      amount_due: 4_900,
      subtotal: 9_000,
      taxes: [{ description: 'IVA 10%', amount: 900 }],
      credits: [
        {
          credit_note: 'cn_2',
          number: 'CN-000002',
          amount: 5_000,
          created_at: '2025-04-05T08:00:00Z',
        },
      ],
    });
    const detail = await fixture<DulyInvoiceDetail>(
      html`<duly-invoice-detail invoice-id="inv_9" locale="es" .client=${new FakePortalClient([credited])}></duly-invoice-detail>`,
    );
    await find(detail, 'table');

    expect(text(one(detail, '[data-testid="invoice-subtotal"]'))).to.contain('Subtotal');
    expect(text(one(detail, '#payments-heading'))).to.equal('Pagos y créditos');
    expect(text(one(detail, '.payment[data-credit-note="cn_2"]'))).to.contain(
      'Nota de crédito CN-000002',
    );
  });

  it('shows only the total without taxes', async () => {
    const detail = await renderDetail();

    expect(all(detail, 'tfoot tr').map(text)).to.deep.equal(['Total ¥12,000']);
    expect(text(one(detail, '#payments-heading'))).to.equal('Payments');
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
