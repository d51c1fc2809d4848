import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makePayment } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyReceipt } from './duly-receipt.js';

async function renderReceipt(client: FakePortalClient, paymentId: string): Promise<DulyReceipt> {
  const element = await fixture<DulyReceipt>(
    html`<duly-receipt .client=${client} payment-id=${paymentId}></duly-receipt>`,
  );
  await find(element, '[data-testid="receipt-title"], [part="error"]');
  return element;
}

describe('duly-receipt', () => {
  it('shows the vendor, method and invoices', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42' }));
    const element = await renderReceipt(client, 'pay_42');

    const body = text(element.shadowRoot as unknown as Element);
    expect(text(one(element, '[data-testid="receipt-title"]'))).to.equal('Receipt R-42');
    expect(body).to.contain('Northwind Supply');
    expect(body).to.contain('12 Harbor Road');
    expect(body).to.contain('Visa ending in 4242');
    expect(body).to.contain('INV-0001');
    expect(text(one(element, '[data-testid="receipt-total"]'))).to.equal('$50.39');
  });

  it('shows a refund', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42', amount_refunded: 1039 }));
    const element = await renderReceipt(client, 'pay_42');

    expect(text(one(element, '[data-testid="receipt-refunded"]'))).to.contain('−$10.39');
    expect(text(one(element, '[data-testid="payment-status"]'))).to.contain('Partly refunded');
  });

  it('shows the part added to credit', async () => {
    const client = new FakePortalClient();
    client.addPayments(
      makePayment({
        id: 'pay_42',
        amount: 12_678,
        applications: [{ invoice: 'inv_1', invoice_number: 'INV-0001', amount: 8_500 }],
        amount_unapplied: 4_178,
        credit_applied: 1_500,
      }),
    );
    const element = await renderReceipt(client, 'pay_42');

    const lines = all(element, '.items li').map(text);
    expect(lines).to.deep.equal([
      'INV-0001 $85.00',
      'Added to your credit balance $41.78',
      'Amount paid $126.78',
    ]);
    expect(text(one(element, '[data-testid="receipt-credit-applied"]'))).to.equal(
      'Your credit balance also paid $15.00 of these invoices. It is not part of the amount paid.',
    );
  });

  it('shows no credit line for an exact payment', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42' }));
    const element = await renderReceipt(client, 'pay_42');

    expect(element.shadowRoot?.querySelector('[data-testid="receipt-to-credit"]')).to.equal(null);
    expect(element.shadowRoot?.querySelector('[data-testid="receipt-credit-applied"]')).to.equal(
      null,
    );
  });

  it('downloads the PDF', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42' }));
    const element = await renderReceipt(client, 'pay_42');
    const saved: Array<{ name: string; type: string; body: string }> = [];
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    let blob: Blob | undefined;
    URL.createObjectURL = (object: Blob | MediaSource) => {
      blob = object as Blob;
      return 'blob:receipt';
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, type: blob?.type ?? '', body: this.href });
    };
    try {
      one(element, '[data-testid="download-receipt"]').click();
      await waitUntil(() => saved.length === 1, 'the PDF was never saved');
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }

    expect(saved[0]).to.deep.equal({
      name: 'receipt-R-42.pdf',
      type: 'application/pdf',
      body: 'blob:receipt',
    });
    expect(await blob?.text()).to.equal('%PDF-1.4 receipt of pay_42');
    expect(client.lastArgument('downloadReceiptPdf')).to.equal('pay_42');
  });

  it('says when the download fails', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42' }));
    const element = await renderReceipt(client, 'pay_42');
    client.failNextCallOf.set('downloadReceiptPdf', new Error('offline'));

    one(element, '[data-testid="download-receipt"]').click();
    await waitUntil(() => element.shadowRoot?.querySelector('.field-error'));

    expect(text(one(element, '.field-error'))).to.contain('The PDF could not be downloaded.');
  });

  it('shows an error for a failed payment', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42', status: 'failed', failure_code: 'R01' }));
    const element = await renderReceipt(client, 'pay_42');

    expect(text(one(element, '[part="error"]'))).to.contain('We could not load this receipt.');
  });

  it('passes the axe accessibility check', async () => {
    const client = new FakePortalClient();
    client.addPayments(makePayment({ id: 'pay_42' }));
    const element = await renderReceipt(client, 'pay_42');

    await expect(element).to.be.accessible();
  });
});
