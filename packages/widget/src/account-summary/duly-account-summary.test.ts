import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeSession } from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyAccountSummary } from './duly-account-summary.js';

describe('duly-account-summary', () => {
  it('fetches and shows the balance', async () => {
    const session = makeSession({
      balances: [
        {
          currency: 'KWD',
          amount_due: 12345,
          amount_pending: 0,
          open_count: 2,
          overdue_count: 1,
          overdue_amount: 2000,
          credit: 0,
        },
      ],
    });
    const summary = await fixture<DulyAccountSummary>(
      html`<duly-account-summary .client=${new FakePortalClient([], session)}></duly-account-summary>`,
    );
    await find(summary, '.balance');

    expect(text(one(summary, 'h2'))).to.equal('Northwind Supply');
    expect(text(one(summary, '.total'))).to.equal('KWD 12.345');
    expect(text(one(summary, '.facts'))).to.contain('2 open invoices');
    expect(text(one(summary, '[data-testid="overdue-count"]'))).to.contain('1 overdue');
  });

  it('aligns balances of three currencies', async () => {
    const balance = (currency: string, overdueCount: number) => ({
      currency,
      amount_due: 123450,
      amount_pending: 0,
      open_count: 3,
      overdue_count: overdueCount,
      overdue_amount: overdueCount * 10000,
      credit: 0,
    });
    const summary = await fixture<DulyAccountSummary>(
      html`<duly-account-summary
        style="display: block; width: 720px"
        .portalSession=${makeSession({
          balances: [balance('USD', 0), balance('EUR', 2), balance('GBP', 0)],
        })}
        .client=${new FakePortalClient()}
      ></duly-account-summary>`,
    );

    const cards = all(summary, '.balance').map((card) => card.getBoundingClientRect());
    const totals = all(summary, '.balance .total').map((total) => total.getBoundingClientRect());
    expect(cards).to.have.length(3);
    for (const [index, card] of cards.entries()) {
      expect(card.top, `card ${index} top`).to.equal(cards[0]?.top);
      expect(card.height, `card ${index} height`).to.equal(cards[0]?.height);
      expect(totals[index]?.top, `total ${index} top`).to.equal(totals[0]?.top);
    }
  });

  it('says nothing is due when paid up', async () => {
    const summary = await fixture<DulyAccountSummary>(
      html`<duly-account-summary
        locale="es"
        .portalSession=${makeSession({ balances: [] })}
        .client=${new FakePortalClient()}
      ></duly-account-summary>`,
    );

    expect(text(one(summary, '.all-paid'))).to.contain('Nada pendiente');
  });

  it('shows an error with retry', async () => {
    const client = new FakePortalClient();
    client.failNext = new Error('down');
    const summary = await fixture<DulyAccountSummary>(
      html`<duly-account-summary .client=${client}></duly-account-summary>`,
    );
    const error = await find(summary, '[part="error"]');

    one(error, 'button').click();
    await find(summary, '.balance');
    expect(client.callsOf('getSession')).to.have.length(2);
  });
});
