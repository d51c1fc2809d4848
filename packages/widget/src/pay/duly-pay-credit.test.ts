import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { CreditAppliedDetail } from '../shared/events.js';
import { connectionFailure, FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyPay } from './duly-pay.js';

/**
 * Creates a client with invoices of 100.00 and 80.00 USD and a credit note that leaves
 * `credit` of credit in USD.
 */
function creditClient(credit: number): FakePortalClient {
  const client = new FakePortalClient([
    makeInvoice({ id: 'inv_1', number: 'INV-0001', total: 10000, due_date: '2025-11-01' }),
    makeInvoice({ id: 'inv_2', number: 'INV-0002', total: 8000, due_date: '2025-12-01' }),
  ]);
  if (credit > 0) client.issueCreditNote('USD', credit);
  return client;
}

async function renderPay(client: FakePortalClient, invoices = client.invoices.slice(0, 1)) {
  const pay = await fixture<DulyPay>(
    html`<duly-pay .client=${client} .invoices=${invoices}></duly-pay>`,
  );
  await find(pay, '[data-testid="use-credit"]');
  return pay;
}

async function useCredit(pay: DulyPay): Promise<void> {
  one<HTMLInputElement>(pay, '[data-testid="use-credit"]').click();
  await pay.updateComplete;
}

function fillCard(pay: DulyPay, number = '4242 4242 4242 4242'): void {
  typeInto(one(pay, '[data-testid="card-number"]'), number);
  typeInto(one(pay, '[data-testid="card-expiry"]'), '1230');
  typeInto(one(pay, '[data-testid="card-cvc"]'), '123');
}

function creditKeys(client: FakePortalClient): string[] {
  return client
    .callsOf('applyCredit')
    .map((call) => (call.args[1] as { idempotencyKey: string }).idempotencyKey);
}

describe('duly-pay credit balance', () => {
  it('offers the credit balance with its amount', async () => {
    const pay = await renderPay(creditClient(3000));

    const label = one(pay, '[data-testid="use-credit"]').closest('label') as HTMLElement;
    expect(text(label)).to.equal('Use credit balance ($30.00)');
    expect(one<HTMLInputElement>(pay, '[data-testid="use-credit"]').checked).to.equal(false);
  });

  it('offers no credit when there is none', async () => {
    const client = creditClient(0);
    const pay = await fixture<DulyPay>(
      html`<duly-pay .client=${client} .invoices=${client.invoices.slice(0, 1)}></duly-pay>`,
    );
    await find(pay, 'fieldset[part="method"]');
    await waitUntil(() => client.callsOf('previewPayment').length === 1);
    await pay.updateComplete;

    expect(all(pay, '[data-testid="use-credit"]')).to.have.length(0);
  });

  it('takes the credit off the charge', async () => {
    const pay = await renderPay(creditClient(3000));

    await useCredit(pay);

    expect(text(one(pay, '[data-testid="pay-total"]'))).to.equal('$100.00');
    expect(text(one(pay, '[data-testid="pay-credit-used"]'))).to.equal('−$30.00');
    expect(text(one(pay, '[data-testid="pay-to-charge"]'))).to.equal('$70.00');
    expect(text(one(pay, '[data-testid="pay-submit"]'))).to.equal('Pay $70.00');
  });

  it('sends apply_credit and shows the credit used', async () => {
    const client = creditClient(3000);
    const pay = await renderPay(client);
    await useCredit(pay);
    fillCard(pay);

    one(pay, '[data-testid="pay-submit"]').click();
    const result = await find(pay, '[data-testid="payment-result"]');

    const request = client.lastArgument<Record<string, unknown>>('createPayment');
    expect(request.apply_credit).to.equal(true);
    expect(request.invoices).to.deep.equal([{ invoice: 'inv_1', amount: 10000 }]);
    expect(text(one(result, '[data-testid="result-body"]'))).to.equal(
      'You paid $70.00 with Visa ending in 4242.',
    );
    expect(text(one(result, '[data-testid="result-credit-used"]'))).to.equal(
      'Plus $30.00 from credit',
    );
    expect(client.invoices[0]?.status).to.equal('paid');
    expect(client.creditOf('USD')).to.equal(0);
  });

  it('pays from credit alone when it covers everything', async () => {
    const client = creditClient(20000);
    const pay = await renderPay(client);
    await useCredit(pay);

    expect(text(one(pay, '[data-testid="pay-submit"]'))).to.equal('Pay from credit');
    expect(text(one(pay, '[data-testid="credit-covers"]'))).to.equal(
      'Your credit balance covers this payment, so no payment method is needed.',
    );
    expect(all(pay, 'fieldset[part="method"]')).to.have.length(0);

    setTimeout(() => one(pay, '[data-testid="pay-submit"]').click());
    const event = await oneEvent(pay, 'duly-credit-applied');

    const applied = (event.detail as CreditAppliedDetail).creditApplication;
    expect(applied.amount).to.equal(10000);
    expect(client.lastArgument<unknown>('applyCredit')).to.deep.equal({
      invoices: [{ invoice: 'inv_1', amount: 10000 }],
    });
    expect(client.callsOf('createPayment')).to.have.length(0);
    const result = await find(pay, '[data-testid="credit-result"]');
    expect(text(one(result, 'h2'))).to.equal('Paid from your credit balance');
    expect(text(one(result, '[data-testid="credit-left"]'))).to.equal('Credit left: $100.00');
  });

  it('asks no reason when credit pays part', async () => {
    const client = creditClient(20000);
    const pay = await renderPay(client);
    await useCredit(pay);
    typeInto(one(pay, '[data-testid="pay-amount"]'), '40.00');
    await pay.updateComplete;

    expect(all(pay, '[data-testid="short-pay"]')).to.have.length(0);
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="credit-result"]');
    expect(client.lastArgument<unknown>('applyCredit')).to.deep.equal({
      invoices: [{ invoice: 'inv_1', amount: 4000 }],
    });
  });

  it('retries a credit payment with its key', async () => {
    const client = creditClient(20000);
    const pay = await renderPay(client);
    await useCredit(pay);
    client.failNextCallOf.set('applyCredit', connectionFailure());

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-error"]');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="credit-result"]');

    const keys = creditKeys(client);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
  });

  it('uses credit oldest invoice first in an amount', async () => {
    const client = creditClient(3000);
    const pay = await fixture<DulyPay>(
      html`<duly-pay .client=${client} mode="amount" currency="USD" preview-delay="20"></duly-pay>`,
    );
    await find(pay, 'fieldset[part="method"]');
    typeInto(one(pay, '[data-testid="balance-amount"]'), '150.00');
    await find(pay, '[data-testid="use-credit"]');

    await useCredit(pay);
    await waitUntil(() => all(pay, '[data-testid="split-credit"]').length === 1);

    const rows = all(pay, '[data-testid="split-row"]');
    expect(text(one(rows[0] as HTMLElement, '[data-testid="split-credit"]'))).to.equal(
      '$30.00 from credit',
    );
    expect(text(one(pay, '[data-testid="pay-to-charge"]'))).to.equal('$120.00');
    fillCard(pay);
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"]');
    expect(client.lastArgument<unknown>('createPayment')).to.include({
      amount: 15000,
      currency: 'USD',
      apply_credit: true,
    });
  });

  it('keeps applied credit after a declined card', async () => {
    const client = creditClient(3000);
    const pay = await renderPay(client);
    await useCredit(pay);
    fillCard(pay, '4000 0000 0000 0002');

    one(pay, '[data-testid="pay-submit"]').click();
    const note = await find(pay, '[data-testid="decline-note"]');
    await waitUntil(
      () => one<HTMLInputElement>(pay, '[data-testid="pay-amount"]').value === '70.00',
    );

    expect(text(note)).to.equal(
      'The $30.00 of credit stays applied to your invoices. The amounts below are what is left to pay.',
    );
    // The credit is all used, so the form offers none.
    await waitUntil(() => all(pay, '[data-testid="use-credit"]').length === 0);
    expect(text(one(pay, '[data-testid="pay-submit"]'))).to.equal('Pay $70.00');
    expect(client.invoices[0]?.amount_payable).to.equal(7000);
  });

  it('pays all from credit with pay_all', async () => {
    const client = creditClient(20000);
    const pay = await fixture<DulyPay>(
      html`<duly-pay .client=${client} mode="all" currency="USD"></duly-pay>`,
    );
    await find(pay, '[data-testid="use-credit"]');
    await useCredit(pay);
    await waitUntil(() => text(one(pay, '[data-testid="pay-submit"]')) === 'Pay from credit');

    one(pay, '[data-testid="pay-submit"]').click();
    const result = await find(pay, '[data-testid="credit-result"]');

    expect(client.lastArgument<unknown>('applyCredit')).to.deep.equal({
      pay_all: true,
      currency: 'USD',
    });
    expect(text(one(result, '[data-testid="credit-left"]'))).to.equal('Credit left: $20.00');
  });
});
