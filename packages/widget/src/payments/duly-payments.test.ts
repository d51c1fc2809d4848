import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { DulyReceipt } from '../receipt/duly-receipt.js';
import {
  connectionFailure,
  FakePortalClient,
  makeBankAccount,
  makePayment,
} from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyPayments } from './duly-payments.js';

function historyClient(): FakePortalClient {
  const client = new FakePortalClient();
  client.addPayments(
    makePayment({
      id: 'pay_old',
      created_at: '2025-09-01T10:00:00.000Z',
      status: 'refunded',
      amount_refunded: 5039,
    }),
    makePayment({
      id: 'pay_partly',
      created_at: '2025-10-01T10:00:00.000Z',
      amount_refunded: 1000,
    }),
    makePayment({
      id: 'pay_disputed',
      created_at: '2025-10-15T10:00:00.000Z',
      chargeback_status: 'under_review',
    }),
    makePayment({
      id: 'pay_returned',
      created_at: '2025-11-01T10:00:00.000Z',
      status: 'failed',
      failure_code: 'R01',
      method_details: { type: 'us_bank_account', brand: null, last4: '2227' },
    }),
    makePayment({ id: 'pay_ok', created_at: '2025-11-20T10:00:00.000Z' }),
    makePayment({
      id: 'pay_recorded',
      created_at: '2025-08-01T10:00:00.000Z',
      method_details: { type: 'offline', brand: null, last4: null },
    }),
    makePayment({
      id: 'pay_pending',
      created_at: '2025-12-03T10:00:00.000Z',
      status: 'pending',
      succeeded_at: null,
      method_details: { type: 'us_bank_account', brand: null, last4: '6789' },
    }),
  );
  return client;
}

async function renderPayments(client: FakePortalClient): Promise<DulyPayments> {
  const element = await fixture<DulyPayments>(
    html`<duly-payments .client=${client}></duly-payments>`,
  );
  await find(element, '[data-testid="payment-row"], [part="empty"]');
  return element;
}

function statusOf(element: DulyPayments, id: string): string {
  return text(one(one(element, `[data-payment-id="${id}"]`), '[data-testid="payment-status"]'));
}

describe('duly-payments', () => {
  it('lists payments newest first', async () => {
    const element = await renderPayments(historyClient());

    const ids = all(element, '[data-testid="payment-row"]').map((row) => row.dataset.paymentId);
    expect(ids).to.deep.equal([
      'pay_pending',
      'pay_ok',
      'pay_returned',
      'pay_disputed',
      'pay_partly',
      'pay_old',
      'pay_recorded',
    ]);
  });

  it('names each status', async () => {
    const element = await renderPayments(historyClient());

    expect(statusOf(element, 'pay_pending')).to.equal('Pending');
    expect(statusOf(element, 'pay_ok')).to.equal('Succeeded');
    expect(statusOf(element, 'pay_returned')).to.equal('Failed: insufficient funds (R01)');
    expect(statusOf(element, 'pay_disputed')).to.equal('Chargeback under review');
    expect(statusOf(element, 'pay_partly')).to.equal('Partly refunded · $10.00 refunded');
    expect(statusOf(element, 'pay_old')).to.equal('Refunded');
    expect(text(one(element, '[data-payment-id="pay_returned"]'))).to.contain(
      'Bank account ending in 2227',
    );
  });

  it('names the bank of a saved account', async () => {
    const client = new FakePortalClient();
    client.addSavedMethods(makeBankAccount());
    client.addPayments(
      makePayment({
        id: 'pay_saved',
        payment_method: 'pm_bank',
        method_details: { type: 'us_bank_account', brand: null, last4: '6789' },
      }),
      makePayment({
        id: 'pay_unsaved',
        payment_method: 'pm_unsaved',
        method_details: { type: 'us_bank_account', brand: null, last4: '2227' },
      }),
    );
    const element = await renderPayments(client);

    expect(text(one(element, '[data-payment-id="pay_saved"]'))).to.contain(
      'STRIPE TEST BANK account ending in 6789',
    );
    expect(text(one(element, '[data-payment-id="pay_unsaved"]'))).to.contain(
      'Bank account ending in 2227',
    );
  });

  it('lists payments when methods fail to load', async () => {
    const client = historyClient();
    client.failNextCallOf.set('listPaymentMethods', connectionFailure());
    const element = await renderPayments(client);

    expect(all(element, '[data-testid="payment-row"]')).to.have.length(7);
    expect(text(one(element, '[data-payment-id="pay_pending"]'))).to.contain(
      'Bank account ending in 6789',
    );
  });

  it('names a payment the vendor recorded without a card', async () => {
    const element = await renderPayments(historyClient());

    const recorded = text(one(element, '[data-payment-id="pay_recorded"]'));
    expect(recorded).to.contain('Recorded by the vendor');
    expect(recorded).not.to.contain('Card ending in');
  });

  it('offers receipts of succeeded payments only', async () => {
    const element = await renderPayments(historyClient());

    const withReceipt = all(element, '[data-testid="payment-row"]')
      .filter((row) => row.querySelector('[data-testid="open-receipt"]'))
      .map((row) => row.dataset.paymentId);
    expect(withReceipt).to.deep.equal([
      'pay_ok',
      'pay_disputed',
      'pay_partly',
      'pay_old',
      'pay_recorded',
    ]);
  });

  it('opens a receipt and goes back', async () => {
    const client = historyClient();
    const element = await renderPayments(client);

    one(one(element, '[data-payment-id="pay_ok"]'), '[data-testid="open-receipt"]').click();
    const receipt = await find<DulyReceipt>(element, 'duly-receipt');
    const title = await find(receipt, '[data-testid="receipt-title"]');
    expect(text(title)).to.equal('Receipt R-OK');

    one(receipt, '.back').click();
    await waitUntil(() => all(element, '[data-testid="payment-row"]').length === 7);
    expect(client.lastArgument('getReceipt')).to.equal('pay_ok');
  });

  it('shows the empty state', async () => {
    const element = await renderPayments(new FakePortalClient());

    expect(text(one(element, '[part="empty"]'))).to.contain('No payments yet');
  });

  it('passes the axe accessibility check', async () => {
    const element = await renderPayments(historyClient());

    await expect(element).to.be.accessible();
  });
});
