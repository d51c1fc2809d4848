import { DulyConflictError } from '@duly/sdk';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import type { PaymentNoticeCreatedDetail } from '../shared/events.js';
import { FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyPaymentNotice } from './duly-payment-notice.js';

function noticeClient(): FakePortalClient {
  return new FakePortalClient([
    makeInvoice({ id: 'inv_1', number: 'INV-0001', total: 10000, due_date: '2025-11-01' }),
    makeInvoice({ id: 'inv_2', number: 'INV-0002', total: 8000, due_date: '2025-12-01' }),
    makeInvoice({
      id: 'inv_3',
      number: 'INV-0003',
      total: 2500,
      payment_notice: {
        id: 'pn_0',
        amount: 2500,
        method: 'wire',
        reference: null,
        sent_on: '2025-11-28',
      },
    }),
    makeInvoice({ id: 'inv_e', number: 'EU-0001', currency: 'EUR', total: 64000 }),
  ]);
}

async function renderNotice(
  client: FakePortalClient,
  invoices: Array<{ invoice: string; amount?: number }> = [],
  locale = 'en',
): Promise<DulyPaymentNotice> {
  const notice = await fixture<DulyPaymentNotice>(
    html`<duly-payment-notice
      .client=${client}
      .invoices=${invoices}
      locale=${locale}
    ></duly-payment-notice>`,
  );
  await find(notice, 'form');
  return notice;
}

function rowOf(notice: DulyPaymentNotice, id: string): HTMLElement {
  return one(notice, `[data-testid="notice-row"][data-invoice-id="${id}"]`);
}

async function choose(notice: DulyPaymentNotice, selector: string, value: string): Promise<void> {
  const select = one<HTMLSelectElement>(notice, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await notice.updateComplete;
}

async function submit(notice: DulyPaymentNotice): Promise<void> {
  one(notice, '[data-testid="notice-submit"]').click();
  await notice.updateComplete;
  await notice.updateComplete;
}

describe('duly-payment-notice', () => {
  it('starts from the selected invoices', async () => {
    const notice = await renderNotice(noticeClient(), [
      { invoice: 'inv_1', amount: 10000 },
      { invoice: 'inv_2', amount: 5000 },
    ]);

    const amounts = all<HTMLInputElement>(notice, '[data-testid="notice-amount"]');
    expect(amounts.map((input) => input.value)).to.deep.equal(['100.00', '50.00']);
    expect(text(one(notice, '[data-testid="notice-total"]'))).to.equal('$150.00');
    expect(one<HTMLInputElement>(notice, '[data-testid="notice-sent-on"]').value).to.equal(
      '2025-12-04',
    );
    expect(one<HTMLInputElement>(notice, '[data-testid="notice-sent-on"]').max).to.equal(
      '2025-12-04',
    );
    expect(all(notice, '[data-testid="notice-row"]')).to.have.length(3);
  });

  it('sends the notice and confirms it', async () => {
    const client = noticeClient();
    const notice = await renderNotice(client, [{ invoice: 'inv_1' }, { invoice: 'inv_2' }]);
    await choose(notice, '[data-testid="notice-method"]', 'check');
    typeInto(one(notice, '[data-testid="notice-reference"]'), ' 1042 ');
    typeInto(one(notice, '[data-testid="notice-sent-on"]'), '2025-12-03');
    typeInto(one(rowOf(notice, 'inv_2'), '[data-testid="notice-amount"]'), '50');

    setTimeout(() => one(notice, '[data-testid="notice-submit"]').click());
    const event = await oneEvent(notice, 'duly-payment-notice-created');

    expect(client.lastArgument<unknown>('createPaymentNotice')).to.deep.equal({
      method: 'check',
      reference: '1042',
      sent_on: '2025-12-03',
      invoices: [
        { invoice: 'inv_1', amount: 10000 },
        { invoice: 'inv_2', amount: 5000 },
      ],
    });
    expect((event.detail as PaymentNoticeCreatedDetail).paymentNotice.amount).to.equal(15000);
    const result = await find(notice, '[data-testid="notice-result"]');
    expect(text(one(result, 'h2'))).to.equal('Payment reported');
    expect(text(result)).to.contain(
      'Your payment of $150.00 (Check, reference 1042), sent Dec 3, 2025, is waiting for the vendor to confirm it.',
    );
    expect(client.invoices[0]?.payment_notice?.sent_on).to.equal('2025-12-03');
  });

  it('refuses a date after today', async () => {
    const client = noticeClient();
    const notice = await renderNotice(client, [{ invoice: 'inv_1' }]);
    await choose(notice, '[data-testid="notice-method"]', 'wire');
    const date = one<HTMLInputElement>(notice, '[data-testid="notice-sent-on"]');
    typeInto(date, '2025-12-05');

    await submit(notice);

    expect(date.getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(notice, '#notice-sent-on-error'))).to.equal(
      'The date cannot be after today, Dec 4, 2025.',
    );
    expect(deepActiveElement()).to.equal(date);
    expect(client.callsOf('createPaymentNotice')).to.have.length(0);
  });

  it('asks for a method and an invoice', async () => {
    const client = noticeClient();
    const notice = await renderNotice(client);

    await submit(notice);

    expect(text(one(notice, '#notice-method-error'))).to.equal('Choose how you paid.');
    expect(text(one(notice, '#notice-invoices-error'))).to.equal(
      'Choose at least one invoice this payment is for.',
    );
    expect(deepActiveElement()).to.equal(one(notice, '[data-testid="notice-method"]'));
    expect(client.callsOf('createPaymentNotice')).to.have.length(0);
  });

  it('checks each amount against what is due', async () => {
    const client = noticeClient();
    const notice = await renderNotice(client, [{ invoice: 'inv_2' }]);
    const amount = one<HTMLInputElement>(rowOf(notice, 'inv_2'), '[data-testid="notice-amount"]');

    typeInto(amount, '90');
    await notice.updateComplete;

    expect(amount.getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(notice, `#${amount.getAttribute('aria-describedby')}`))).to.equal(
      'At most $80.00 can be paid on this invoice.',
    );
    expect(text(one(notice, '[data-testid="notice-total"]'))).to.equal('—');
  });

  it('keeps an invoice already reported out', async () => {
    const notice = await renderNotice(noticeClient(), [{ invoice: 'inv_3' }]);

    const row = rowOf(notice, 'inv_3');
    expect(one<HTMLInputElement>(row, '[data-testid="notice-invoice"]').disabled).to.equal(true);
    expect(text(one(row, '[data-testid="mark-payment-sent"]'))).to.equal(
      'Payment sent Nov 28, 2025',
    );
    expect(all(notice, '[data-testid="notice-amount"]')).to.have.length(0);
  });

  it('lists one currency at a time', async () => {
    const notice = await renderNotice(noticeClient());
    expect(one<HTMLSelectElement>(notice, '[data-testid="notice-currency"]').value).to.equal('USD');

    await choose(notice, '[data-testid="notice-currency"]', 'EUR');

    const numbers = all(notice, '[data-testid="notice-row"] strong').map(text);
    expect(numbers).to.deep.equal(['EU-0001']);
  });

  it('says when an invoice is already reported', async () => {
    const client = noticeClient();
    const notice = await renderNotice(client, [{ invoice: 'inv_1' }]);
    await choose(notice, '[data-testid="notice-method"]', 'cash');
    client.failNextCallOf.set(
      'createPaymentNotice',
      new DulyConflictError({
        code: 'payment_notice_exists',
        status: 409,
        detail: 'INV-0001 already has a payment notice waiting for the vendor.',
      }),
    );

    await submit(notice);
    const error = await find(notice, '[data-testid="notice-error"]');

    expect(text(error)).to.contain(
      'One of these invoices already has a payment you reported. Wait until the vendor confirms it.',
    );
  });

  it('speaks Spanish', async () => {
    const notice = await renderNotice(noticeClient(), [{ invoice: 'inv_1' }], 'es');

    expect(text(one(notice, 'h2'))).to.equal('Avísenos de un pago enviado');
    const options = all<HTMLOptionElement>(notice, '[data-testid="notice-method"] option');
    expect(options.map((option) => text(option))).to.deep.equal([
      'Elija cómo pagó',
      'Cheque',
      'Transferencia bancaria',
      'Crédito ACH',
      'Efectivo',
      'Otro',
    ]);
    expect(one<HTMLInputElement>(notice, '[data-testid="notice-amount"]').value).to.equal('100,00');
  });

  it('passes the axe check', async () => {
    const notice = await renderNotice(noticeClient(), [{ invoice: 'inv_1' }]);

    await expect(notice).to.be.accessible();
  });
});
