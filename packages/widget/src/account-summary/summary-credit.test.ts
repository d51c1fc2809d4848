import type { Balance, PortalFeature } from '@duly/sdk';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import type { PaymentNoticeRequestDetail, PayRequestDetail } from '../shared/events.js';
import { FakePortalClient, makeSession } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyAccountSummary } from './duly-account-summary.js';

function balance(currency: string, amountDue: number, credit: number): Balance {
  return {
    currency,
    amount_due: amountDue,
    amount_pending: 0,
    open_count: amountDue > 0 ? 2 : 0,
    overdue_count: 0,
    overdue_amount: 0,
    credit,
  };
}

async function renderSummary(
  balances: Balance[],
  features: PortalFeature[] = makeSession().features,
): Promise<DulyAccountSummary> {
  const session = makeSession({ balances, features });
  const summary = await fixture<DulyAccountSummary>(
    html`<duly-account-summary
      .client=${new FakePortalClient([], session)}
      .portalSession=${session}
      .features=${session.features}
    ></duly-account-summary>`,
  );
  await find(summary, 'h2');
  return summary;
}

function balanceOf(summary: DulyAccountSummary, currency: string): HTMLElement {
  return one(summary, `[part="balance"][data-currency="${currency}"]`);
}

describe('duly-account-summary credit', () => {
  it('shows the credit balance of each currency', async () => {
    const summary = await renderSummary([balance('USD', 18000, 3000), balance('EUR', 64000, 0)]);

    expect(text(one(balanceOf(summary, 'USD'), '[data-testid="credit-balance"]'))).to.equal(
      'Credit balance $30.00',
    );
    expect(all(balanceOf(summary, 'EUR'), '[data-testid="credit-balance"]')).to.have.length(0);
  });

  it('shows credit of a currency with nothing due', async () => {
    const summary = await renderSummary([balance('USD', 18000, 0), balance('EUR', 0, 2550)]);

    const eur = balanceOf(summary, 'EUR');
    expect(text(one(eur, '.label'))).to.equal('Credit balance · EUR');
    expect(text(one(eur, '[data-testid="credit-balance"]'))).to.equal('€25.50');
    expect(all(summary, '[part="balance"]')).to.have.length(2);
  });

  it('shows credit beside nothing due', async () => {
    const summary = await renderSummary([balance('USD', 0, 1250)]);

    expect(all(summary, '[part="all-paid"]')).to.have.length(1);
    expect(text(one(balanceOf(summary, 'USD'), '[data-testid="credit-balance"]'))).to.equal(
      '$12.50',
    );
  });

  it('shows credit in Spanish', async () => {
    const session = makeSession({ balances: [balance('USD', 18000, 3000)] });
    const summary = await fixture<DulyAccountSummary>(
      html`<duly-account-summary
        .client=${new FakePortalClient([], session)}
        .portalSession=${session}
        locale="es"
      ></duly-account-summary>`,
    );

    expect(text(one(summary, '[data-testid="credit-balance"]'))).to.equal(
      'Saldo a favor 30,00 US$',
    );
  });

  it('asks to pay all of a currency', async () => {
    const summary = await renderSummary([balance('USD', 18000, 0), balance('EUR', 64000, 0)]);

    setTimeout(() => one(balanceOf(summary, 'EUR'), '[data-testid="pay-all"]').click());
    const event = await oneEvent(summary, 'duly-pay-request');

    expect((event.detail as PayRequestDetail).balance).to.deep.equal({
      currency: 'EUR',
      way: 'all',
    });
    expect((event.detail as PayRequestDetail).invoices).to.deep.equal([]);
  });

  it('asks to pay an amount of a currency', async () => {
    const summary = await renderSummary([balance('USD', 18000, 0)]);

    setTimeout(() => one(balanceOf(summary, 'USD'), '[data-testid="pay-an-amount"]').click());
    const event = await oneEvent(summary, 'duly-pay-request');

    expect((event.detail as PayRequestDetail).balance).to.deep.equal({
      currency: 'USD',
      way: 'amount',
    });
  });

  it('asks to report a payment of a currency', async () => {
    const summary = await renderSummary([balance('USD', 18000, 0)]);

    setTimeout(() => one(balanceOf(summary, 'USD'), '[data-testid="report-payment"]').click());
    const event = await oneEvent(summary, 'duly-payment-notice-request');

    expect(event.detail as PaymentNoticeRequestDetail).to.deep.equal({
      invoices: [],
      currency: 'USD',
    });
  });

  it('names each pay action by its currency', async () => {
    const summary = await renderSummary([balance('USD', 18000, 0), balance('EUR', 64000, 0)]);

    const labels = all(summary, '.pay-actions button').map((button) =>
      button.getAttribute('aria-label'),
    );
    expect(labels).to.deep.equal([
      'Pay all open USD invoices',
      'Pay an amount in USD',
      'I sent a payment in USD',
      'Pay all open EUR invoices',
      'Pay an amount in EUR',
      'I sent a payment in EUR',
    ]);
    await expect(summary).to.be.accessible();
  });

  it('offers no pay actions without pay', async () => {
    const summary = await renderSummary([balance('USD', 18000, 0)], ['statements', 'autopay']);

    expect(all(summary, '.pay-actions')).to.have.length(0);
  });
});
