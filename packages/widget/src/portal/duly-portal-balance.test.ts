import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { DulyAccountSummary } from '../account-summary/duly-account-summary.js';
import type { DulyInvoiceList } from '../invoice-list/duly-invoice-list.js';
import type { DulyPay } from '../pay/duly-pay.js';
import type { DulyPaymentNotice } from '../payment-notice/duly-payment-notice.js';
import { FakePortalClient, makeInvoice, makeSession } from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyPortal } from './duly-portal.js';

function portalClient(features = makeSession().features): FakePortalClient {
  const invoices = [
    makeInvoice({ id: 'inv_1', number: 'INV-0001', total: 10000, due_date: '2025-11-01' }),
    makeInvoice({ id: 'inv_2', number: 'INV-0002', total: 8000, due_date: '2025-12-01' }),
  ];
  const session = makeSession({
    features,
    balances: [
      {
        currency: 'USD',
        amount_due: 18000,
        amount_pending: 0,
        open_count: 2,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 0,
      },
    ],
  });
  return new FakePortalClient(invoices, session);
}

async function renderPortal(client: FakePortalClient): Promise<DulyPortal> {
  const portal = await fixture<DulyPortal>(html`<duly-portal .client=${client}></duly-portal>`);
  await waitUntil(() => listOf(portal).shadowRoot?.querySelector('[data-testid="invoice-row"]'));
  await find(summaryOf(portal), '[part="balance"]');
  return portal;
}

function listOf(portal: DulyPortal): DulyInvoiceList {
  return one<DulyInvoiceList>(portal, 'duly-invoice-list');
}

function summaryOf(portal: DulyPortal): DulyAccountSummary {
  return one<DulyAccountSummary>(portal, 'duly-account-summary');
}

describe('duly-portal balance payments', () => {
  it('pays an amount from the summary', async () => {
    const client = portalClient();
    const portal = await renderPortal(client);

    one(summaryOf(portal), '[data-testid="pay-an-amount"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    await find(pay, 'fieldset[part="method"]');
    expect(pay.mode).to.equal('amount');
    expect(pay.currency).to.equal('USD');
    expect(deepActiveElement()).to.equal(one(pay, 'h2'));

    pay.previewDelay = 10;
    typeInto(one(pay, '[data-testid="balance-amount"]'), '150');
    await waitUntil(() => !one(pay, '[data-testid="pay-submit"]').hasAttribute('disabled'));
    typeInto(one(pay, '[data-testid="card-number"]'), '4242 4242 4242 4242');
    typeInto(one(pay, '[data-testid="card-expiry"]'), '1230');
    typeInto(one(pay, '[data-testid="card-cvc"]'), '123');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"]');

    const list = listOf(portal);
    await waitUntil(() => all(list, '[data-testid="invoice-row"]').length === 1);
    expect(text(one(list, '[data-testid="invoice-amount"]'))).to.equal('$30.00');
  });

  it('reports a payment for the selection', async () => {
    const client = portalClient();
    const portal = await renderPortal(client);
    const list = listOf(portal);
    one<HTMLInputElement>(list, '[data-invoice-id="inv_2"] [data-testid="invoice-select"]').click();
    await list.updateComplete;

    one(list, '[data-testid="report-payment"]').click();
    const notice = await find<DulyPaymentNotice>(portal, 'duly-payment-notice');
    await find(notice, 'form');
    expect(deepActiveElement()).to.equal(one(notice, 'h2'));
    expect(
      all<HTMLInputElement>(notice, '[data-testid="notice-amount"]').map((input) => input.value),
    ).to.deep.equal(['80.00']);

    const method = one<HTMLSelectElement>(notice, '[data-testid="notice-method"]');
    method.value = 'ach_credit';
    method.dispatchEvent(new Event('change'));
    one(notice, '[data-testid="notice-submit"]').click();
    await find(notice, '[data-testid="notice-result"]');
    one(notice, '[data-testid="notice-result"] .button.primary').click();

    await waitUntil(() =>
      list.shadowRoot?.querySelector('[data-invoice-id="inv_2"] [data-testid="mark-payment-sent"]'),
    );
    expect(text(one(list, '[data-invoice-id="inv_2"] [data-testid="mark-payment-sent"]'))).to.equal(
      'Payment sent Dec 4, 2025',
    );
    expect(one(portal, '.home').hidden).to.equal(false);
  });

  it('reports a payment from the pay form', async () => {
    const client = portalClient();
    const portal = await renderPortal(client);

    one(summaryOf(portal), '[data-testid="pay-all"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    await waitUntil(() => all(pay, '[data-testid="split-row"]').length === 2);
    one(pay, '[data-testid="report-payment"]').click();
    const notice = await find<DulyPaymentNotice>(portal, 'duly-payment-notice');
    await find(notice, 'form');

    const amounts = all<HTMLInputElement>(notice, '[data-testid="notice-amount"]');
    expect(amounts.map((input) => input.value)).to.deep.equal(['100.00', '80.00']);
  });

  it('refreshes the credit after paying from it', async () => {
    const client = portalClient();
    client.issueCreditNote('USD', 20000);
    const portal = await renderPortal(client);
    const summary = summaryOf(portal);
    expect(text(one(summary, '[data-testid="credit-balance"]'))).to.equal('Credit balance $200.00');

    one(summary, '[data-testid="pay-all"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    (await find<HTMLInputElement>(pay, '[data-testid="use-credit"]')).click();
    await waitUntil(() => text(one(pay, '[data-testid="pay-submit"]')) === 'Pay from credit');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="credit-result"]');

    await waitUntil(
      () =>
        text(one(summaryOf(portal), '[data-testid="credit-balance"]')) === 'Credit balance $20.00',
    );
    await waitUntil(() => all(listOf(portal), '[data-testid="invoice-row"]').length === 0);
  });

  it('lists the credit left on the statement after paying from it', async () => {
    const client = portalClient();
    const note = client.issueCreditNote('USD', 12000);
    const portal = await renderPortal(client);

    one(summaryOf(portal), '[data-testid="pay-an-amount"]').click();
    const pay = await find<DulyPay>(portal, 'duly-pay');
    typeInto(await find(pay, '[data-testid="balance-amount"]'), '100');
    (await find<HTMLInputElement>(pay, '[data-testid="use-credit"]')).click();
    await waitUntil(() => text(one(pay, '[data-testid="pay-submit"]')) === 'Pay from credit');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="credit-result"]');

    expect(note.amount_remaining).to.equal(2000);
    one(portal, '[role="tab"][data-tab="statement"]').click();
    const statement = await find(portal, 'duly-statement');
    const credit = await find(statement, '[data-testid="statement-credit"]');
    expect(text(credit)).to.contain(note.number).and.contain('−$20.00');
  });

  it('offers no paying without the pay feature', async () => {
    const client = portalClient(['autopay', 'payment_methods']);
    const portal = await renderPortal(client);
    const list = listOf(portal);

    expect(all(summaryOf(portal), '.pay-actions')).to.have.length(0);
    // Without a selection there is no pay bar, so no "I sent a payment" either.
    expect(all(list, '[data-testid="invoice-select"]')).to.have.length(0);
    expect(all(list, '[data-testid="report-payment"]')).to.have.length(0);
  });
});
