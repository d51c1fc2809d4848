import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyPay } from './duly-pay.js';

/** Open USD invoices of 100.00 (due first), 80.00 and a disputed one and a reported one. */
function balanceClient(): FakePortalClient {
  return new FakePortalClient([
    makeInvoice({ id: 'inv_2', number: 'INV-0002', total: 8000, due_date: '2025-12-01' }),
    makeInvoice({ id: 'inv_1', number: 'INV-0001', total: 10000, due_date: '2025-11-01' }),
    makeInvoice({
      id: 'inv_d',
      number: 'INV-0000',
      total: 4000,
      due_date: '2025-10-01',
      disputed: true,
    }),
    makeInvoice({
      id: 'inv_n',
      number: 'INV-0003',
      total: 2500,
      due_date: '2025-10-15',
      payment_notice: {
        id: 'pn_1',
        amount: 2500,
        method: 'wire',
        reference: null,
        sent_on: '2025-12-01',
      },
    }),
    makeInvoice({ id: 'inv_e', number: 'EU-0001', currency: 'EUR', total: 64000 }),
  ]);
}

async function renderBalancePay(
  client: FakePortalClient,
  mode: 'all' | 'amount',
  currency = 'USD',
): Promise<DulyPay> {
  const pay = await fixture<DulyPay>(
    html`<duly-pay
      .client=${client}
      mode=${mode}
      currency=${currency}
      preview-delay="20"
    ></duly-pay>`,
  );
  await find(pay, 'fieldset[part="method"]');
  return pay;
}

async function typeAmount(pay: DulyPay, amount: string): Promise<void> {
  typeInto(one(pay, '[data-testid="balance-amount"]'), amount);
  await waitUntil(() => !one(pay, '[data-testid="pay-submit"]').hasAttribute('disabled'));
}

function splitOf(pay: DulyPay): Array<[string, string]> {
  return all(pay, '[data-testid="split-row"]').map((row) => [
    text(one(row, 'strong')),
    text(one(row, '[data-testid="split-amount"]')),
  ]);
}

function fillCard(pay: DulyPay): void {
  typeInto(one(pay, '[data-testid="card-number"]'), '4242 4242 4242 4242');
  typeInto(one(pay, '[data-testid="card-expiry"]'), '1230');
  typeInto(one(pay, '[data-testid="card-cvc"]'), '123');
}

describe('duly-pay an amount', () => {
  it('splits an amount oldest invoice first', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'amount');

    await typeAmount(pay, '150.00');

    expect(splitOf(pay)).to.deep.equal([
      ['INV-0001', '$100.00'],
      ['INV-0002', '$50.00'],
    ]);
    const rows = all(pay, '[data-testid="split-row"]');
    expect(all(rows[0] as HTMLElement, '[data-testid="split-partly"]')).to.have.length(0);
    expect(text(one(rows[1] as HTMLElement, '[data-testid="split-partly"]'))).to.equal(
      'Part of $80.00',
    );
    expect(text(one(pay, '[data-testid="pay-total"]'))).to.equal('$150.00');
    expect(text(one(pay, '[data-testid="pay-submit"]'))).to.equal('Pay $150.00');
  });

  it('leaves disputed and reported invoices out', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'amount');

    await typeAmount(pay, '1000');

    const invoices = splitOf(pay).map(([number]) => number);
    expect(invoices).to.deep.equal(['INV-0001', 'INV-0002']);
  });

  it('shows the excess becoming credit', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'amount');

    await typeAmount(pay, '200');

    expect(splitOf(pay)).to.deep.equal([
      ['INV-0001', '$100.00'],
      ['INV-0002', '$80.00'],
    ]);
    expect(text(one(pay, '[data-testid="split-to-credit"]'))).to.equal(
      'Added to your credit balance $20.00',
    );
    expect(text(one(pay, '[data-testid="pay-submit"]'))).to.equal('Pay $200.00');
  });

  it('sends the amount and its currency', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'amount');
    await typeAmount(pay, '150.00');
    fillCard(pay);

    one(pay, '[data-testid="pay-submit"]').click();
    const result = await find(pay, '[data-testid="payment-result"]');

    const request = client.lastArgument<Record<string, unknown>>('createPayment');
    expect(request.amount).to.equal(15000);
    expect(request.currency).to.equal('USD');
    expect(request).to.not.have.property('invoices');
    expect(request).to.not.have.property('pay_all');
    expect(text(result)).to.contain('You paid $150.00');
    expect(client.invoices.find((invoice) => invoice.id === 'inv_2')?.amount_due).to.equal(3000);
  });

  it('asks for one preview per pause in typing', async () => {
    const client = balanceClient();
    const pay = await fixture<DulyPay>(
      html`<duly-pay .client=${client} mode="amount" currency="USD" preview-delay="150"></duly-pay>`,
    );
    await find(pay, 'fieldset[part="method"]');
    const input = one<HTMLInputElement>(pay, '[data-testid="balance-amount"]');

    for (const typed of ['1', '15', '150', '150.', '150.5']) typeInto(input, typed);
    await waitUntil(() => all(pay, '[data-testid="split-row"]').length === 2);

    const previews = client.callsOf('previewPayment');
    expect(previews).to.have.length(1);
    expect(previews[0]?.args[0]).to.deep.equal({ amount: 15050, currency: 'USD' });
  });

  it('previews again after moving in the page', async () => {
    const client = balanceClient();
    const pay = await fixture<DulyPay>(
      html`<duly-pay .client=${client} mode="amount" currency="USD" preview-delay="100"></duly-pay>`,
    );
    await find(pay, 'fieldset[part="method"]');
    typeInto(one(pay, '[data-testid="balance-amount"]'), '150');

    const parent = pay.parentElement as HTMLElement;
    pay.remove();
    parent.append(pay);
    await waitUntil(() => all(pay, '[data-testid="split-row"]').length === 2);

    expect(client.callsOf('previewPayment')).to.have.length(1);
  });

  it('asks for the amount before paying', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'amount');
    const input = one<HTMLInputElement>(pay, '[data-testid="balance-amount"]');

    typeInto(input, '12.345');
    await pay.updateComplete;

    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(pay, '#balance-amount-error'))).to.equal(
      'Too many decimals: USD amounts have at most 2.',
    );
    expect(one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]').disabled).to.equal(true);
    expect(client.callsOf('previewPayment')).to.have.length(0);
  });

  it('names the amount field and its hint', async () => {
    const pay = await renderBalancePay(balanceClient(), 'amount');
    const input = one<HTMLInputElement>(pay, '[data-testid="balance-amount"]');

    expect(text(one(pay, 'label[for="balance-amount"]'))).to.equal('Amount to pay (USD)');
    expect(input.getAttribute('aria-describedby')).to.equal('balance-amount-hint');
    expect(text(one(pay, 'h2'))).to.equal('Pay an amount in USD');
    await expect(pay).to.be.accessible();
  });

  it('splits in Spanish', async () => {
    const client = balanceClient();
    const pay = await fixture<DulyPay>(
      html`<duly-pay
        .client=${client}
        mode="amount"
        currency="USD"
        locale="es"
        preview-delay="20"
      ></duly-pay>`,
    );
    await find(pay, 'fieldset[part="method"]');

    await typeAmount(pay, '150,00');

    const rows = all(pay, '[data-testid="split-row"]');
    expect(text(one(rows[1] as HTMLElement, '[data-testid="split-partly"]'))).to.equal(
      'Parte de 80,00 US$',
    );
    expect(text(one(pay, 'h2'))).to.equal('Pagar un importe en USD');
  });
});

describe('duly-pay all', () => {
  it('shows what paying all covers', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'all');
    await waitUntil(() => all(pay, '[data-testid="split-row"]').length > 0);

    expect(text(one(pay, 'h2'))).to.equal('Pay all USD invoices');
    expect(splitOf(pay)).to.deep.equal([
      ['INV-0001', '$100.00'],
      ['INV-0002', '$80.00'],
    ]);
    expect(text(one(pay, '[data-testid="pay-total"]'))).to.equal('$180.00');
    expect(text(pay.shadowRoot as unknown as Element)).to.contain(
      'Disputed invoices and invoices with a payment you reported are left out.',
    );
  });

  it('sends pay_all with the currency', async () => {
    const client = balanceClient();
    const pay = await renderBalancePay(client, 'all');
    await waitUntil(() => !one(pay, '[data-testid="pay-submit"]').hasAttribute('disabled'));
    fillCard(pay);

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"]');

    const request = client.lastArgument<Record<string, unknown>>('createPayment');
    expect(request.pay_all).to.equal(true);
    expect(request.currency).to.equal('USD');
    expect(request).to.not.have.property('amount');
    const paid = client.invoices.filter((invoice) => invoice.status === 'paid');
    expect(paid.map((invoice) => invoice.number).sort()).to.deep.equal(['INV-0001', 'INV-0002']);
    expect(client.invoices.find((invoice) => invoice.id === 'inv_d')?.amount_due).to.equal(4000);
  });

  it('says when nothing can be paid', async () => {
    const client = new FakePortalClient([makeInvoice({ disputed: true })]);
    const pay = await renderBalancePay(client, 'all');

    const error = await find(pay, '[data-testid="split-error"]');

    expect(text(error)).to.equal(
      'No open USD invoice can be paid now. Disputed invoices and invoices with a payment you reported are left out.',
    );
    expect(one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]').disabled).to.equal(true);
  });
});
