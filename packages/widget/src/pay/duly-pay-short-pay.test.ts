import { DulyInvalidRequestError } from '@duly/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeInvoice, makeSetup } from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyPay } from './duly-pay.js';

async function renderPay(client: FakePortalClient, locale = 'en'): Promise<DulyPay> {
  const pay = await fixture<DulyPay>(
    html`<duly-pay .client=${client} .invoices=${client.invoices} locale=${locale}></duly-pay>`,
  );
  await find(pay, 'fieldset[part="method"]');
  return pay;
}

function fillCard(pay: DulyPay): void {
  typeInto(one(pay, '[data-testid="card-number"]'), '4242 4242 4242 4242');
  typeInto(one(pay, '[data-testid="card-expiry"]'), '1230');
  typeInto(one(pay, '[data-testid="card-cvc"]'), '123');
}

async function lowerAmount(pay: DulyPay, amount: string): Promise<void> {
  typeInto(one(pay, '[data-testid="pay-amount"]'), amount);
  await pay.updateComplete;
}

async function chooseReason(pay: DulyPay, reason: string): Promise<void> {
  const select = one<HTMLSelectElement>(pay, '[data-testid="short-pay-reason"]');
  select.value = reason;
  select.dispatchEvent(new Event('change'));
  await pay.updateComplete;
}

function invoiceOf(total: number, currency = 'USD') {
  return new FakePortalClient([makeInvoice({ id: 'inv_1', total, currency })]);
}

describe('duly-pay short pay', () => {
  it('asks why when an amount is lowered', async () => {
    const pay = await renderPay(invoiceOf(10000));
    expect(all(pay, '[data-testid="short-pay"]')).to.have.length(0);

    await lowerAmount(pay, '60.00');

    expect(text(one(pay, '[data-testid="short-pay"] legend'))).to.equal('Why are you paying less?');
    const options = all<HTMLOptionElement>(pay, '[data-testid="short-pay-reason"] option');
    expect(options.map((option) => option.textContent?.trim())).to.deep.equal([
      'Choose a reason',
      'Pricing disagreement',
      'Goods damaged or missing',
      'Other',
    ]);
    expect(all(pay, '[data-testid="short-pay-note"]')).to.have.length(1);
  });

  it('hides the reason at the full amount', async () => {
    const pay = await renderPay(invoiceOf(10000));
    await lowerAmount(pay, '60.00');

    await lowerAmount(pay, '100.00');

    expect(all(pay, '[data-testid="short-pay"]')).to.have.length(0);
  });

  it('requires a reason before paying less', async () => {
    const client = invoiceOf(10000);
    const pay = await renderPay(client);
    await lowerAmount(pay, '60.00');
    fillCard(pay);

    one(pay, '[data-testid="pay-submit"]').click();
    await pay.updateComplete;
    await pay.updateComplete;

    const select = one<HTMLSelectElement>(pay, '[data-testid="short-pay-reason"]');
    expect(select.getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(pay, '#short-pay-reason-error'))).to.equal('Choose why you are paying less.');
    expect(deepActiveElement()).to.equal(select);
    expect(client.callsOf('createPayment')).to.have.length(0);
  });

  it('sends the reason and the note', async () => {
    const client = invoiceOf(10000);
    const pay = await renderPay(client);
    await lowerAmount(pay, '60.00');
    await chooseReason(pay, 'Pricing disagreement');
    typeInto(one(pay, '[data-testid="short-pay-note"]'), '  Quoted 60.00 per the May price list. ');
    fillCard(pay);

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"]');

    const request = client.lastArgument<Record<string, unknown>>('createPayment');
    expect(request.invoices).to.deep.equal([{ invoice: 'inv_1', amount: 6000 }]);
    expect(request.short_pay).to.deep.equal({
      reason: 'Pricing disagreement',
      note: 'Quoted 60.00 per the May price list.',
    });
    expect(client.payment('pay_2').short_pay).to.deep.equal({
      reason: 'Pricing disagreement',
      note: 'Quoted 60.00 per the May price list.',
    });
  });

  it('shows the API refusing the reason', async () => {
    const client = invoiceOf(10000);
    const pay = await renderPay(client);
    await lowerAmount(pay, '60.00');
    await chooseReason(pay, 'Other');
    fillCard(pay);
    client.failNextCallOf.set(
      'createPayment',
      new DulyInvalidRequestError({
        code: 'validation_failed',
        status: 400,
        detail: 'must be one of: Pricing disagreement.',
        param: 'short_pay.reason',
      }),
    );

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '#short-pay-reason-error');

    expect(text(one(pay, '#short-pay-reason-error'))).to.equal('Choose why you are paying less.');
    expect(all(pay, '[data-testid="payment-error"]')).to.have.length(0);
  });

  it('asks why in Spanish', async () => {
    const pay = await renderPay(invoiceOf(10000), 'es');

    await lowerAmount(pay, '60,00');

    expect(text(one(pay, '[data-testid="short-pay"] legend'))).to.equal('¿Por qué paga menos?');
    expect(text(one(pay, 'label[for="short-pay-note"]'))).to.equal('Nota (opcional)');
  });

  it('passes the axe check with the reason', async () => {
    const pay = await renderPay(invoiceOf(10000));
    await lowerAmount(pay, '60.00');

    await expect(pay).to.be.accessible();
  });
});

describe('duly-pay minimum charge', () => {
  it('stops a charge below the minimum', async () => {
    const client = invoiceOf(10000);
    const pay = await renderPay(client);
    await lowerAmount(pay, '0.30');
    await chooseReason(pay, 'Other');
    fillCard(pay);

    expect(text(one(pay, '[data-testid="minimum-error"]'))).to.equal(
      'The smallest payment by card or bank is $0.50. Pay at least $0.50.',
    );
    const submit = one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]');
    expect(submit.disabled).to.equal(true);
    expect(submit.getAttribute('aria-describedby')).to.equal('charge-error');
    submit.click();
    await pay.updateComplete;
    expect(client.callsOf('createPayment')).to.have.length(0);
  });

  it('allows a charge at the minimum', async () => {
    const pay = await renderPay(invoiceOf(10000));

    await lowerAmount(pay, '0.50');

    expect(all(pay, '[data-testid="minimum-error"]')).to.have.length(0);
  });

  it('states the minimum in the currency', async () => {
    const client = invoiceOf(100000, 'JPY');
    client.setup = makeSetup({ minimum_charge: { JPY: 50 } });
    const pay = await renderPay(client);

    await lowerAmount(pay, '40');

    expect(text(one(pay, '[data-testid="minimum-error"]'))).to.equal(
      'The smallest payment by card or bank is ¥50. Pay at least ¥50.',
    );
  });

  it('shows the API refusing a small charge', async () => {
    const client = invoiceOf(10000);
    client.setup = makeSetup({ minimum_charge: {} });
    const pay = await renderPay(client);
    await lowerAmount(pay, '0.30');
    await chooseReason(pay, 'Other');
    fillCard(pay);
    const detail =
      'The smallest card payment is $0.50. Pay at least $0.50, or pay from your credit balance.';
    client.failNextCallOf.set(
      'createPayment',
      new DulyInvalidRequestError({
        code: 'amount_below_minimum',
        status: 400,
        detail,
        param: 'amount',
      }),
    );

    one(pay, '[data-testid="pay-submit"]').click();
    const error = await find(pay, '[data-testid="payment-error"]');

    expect(error.dataset.code).to.equal('amount_below_minimum');
    expect(text(error)).to.equal(detail);
  });
});
