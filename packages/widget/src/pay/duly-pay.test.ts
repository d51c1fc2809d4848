import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import { connectionFailure, FakePortalClient, makeInvoice } from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import type { DulyPay } from './duly-pay.js';

async function renderPay(client: FakePortalClient, locale = 'en'): Promise<DulyPay> {
  const pay = await fixture<DulyPay>(
    html`<duly-pay .client=${client} .invoices=${client.invoices} locale=${locale}></duly-pay>`,
  );
  await find(pay, 'fieldset[part="method"]');
  return pay;
}

/** Calls that send card details or money, leaving out the loading of the form and its preview. */
function sendingCalls(client: FakePortalClient) {
  const loading = ['getPaymentSetup', 'listPaymentMethods', 'previewPayment'];
  return client.calls.filter((call) => !loading.includes(call.method));
}

function fillCard(pay: DulyPay, number: string): void {
  typeInto(one(pay, '[data-testid="card-number"]'), number);
  typeInto(one(pay, '[data-testid="card-expiry"]'), '1230');
  typeInto(one(pay, '[data-testid="card-cvc"]'), '123');
}

function idempotencyKeys(client: FakePortalClient): string[] {
  return client
    .callsOf('createPayment')
    .map((call) => (call.args[1] as { idempotencyKey: string }).idempotencyKey);
}

describe('duly-pay', () => {
  it('fires payment-succeeded with the payment', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_1', total: 5039 })]);
    const pay = await renderPay(client);
    fillCard(pay, '4242 4242 4242 4242');

    setTimeout(() => one(pay, '[data-testid="pay-submit"]').click());
    const event = await oneEvent(pay, 'duly-payment-succeeded');

    expect(event.detail.payment.status).to.equal('succeeded');
    expect(event.detail.payment.amount).to.equal(5039);
    const result = await find(pay, '[data-testid="payment-result"]');
    expect(result.dataset.status).to.equal('succeeded');
    expect(text(result)).to.contain('You paid $50.39 with Visa ending in 4242.');
    expect(text(result)).to.contain('INV-0001');
  });

  it('offers saving a card only with payment methods', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_1', total: 5039 })]);
    const pay = await fixture<DulyPay>(
      html`<duly-pay
        .client=${client}
        .invoices=${client.invoices}
        .features=${['pay', 'statements']}
      ></duly-pay>`,
    );
    await find(pay, 'fieldset[part="method"]');
    expect(all(pay, '[data-testid="save-method"]')).to.have.length(0);

    fillCard(pay, '4242 4242 4242 4242');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"]');
    const created = client.callsOf('createSandboxPaymentMethod')[0]?.args[0] as { save?: boolean };
    expect(created.save ?? false).to.equal(false);

    const full = await renderPay(new FakePortalClient());
    expect(all(full, '[data-testid="save-method"]')).to.have.length(1);
  });

  it('formats the expiry as MM / YY', async () => {
    const pay = await renderPay(new FakePortalClient());
    const expiry = one<HTMLInputElement>(pay, '[data-testid="card-expiry"]');

    typeInto(expiry, '1230');

    expect(expiry.value).to.equal('12 / 30');
  });

  it('pays a partial amount with a reason', async () => {
    const client = new FakePortalClient([makeInvoice({ id: 'inv_1', total: 5039 })]);
    const pay = await renderPay(client);
    typeInto(one(pay, '[data-testid="pay-amount"]'), '20.00');
    fillCard(pay, '4242424242424242');
    await pay.updateComplete;
    const reason = one<HTMLSelectElement>(pay, '[data-testid="short-pay-reason"]');
    reason.value = 'Goods damaged or missing';
    reason.dispatchEvent(new Event('change'));
    await pay.updateComplete;
    expect(text(one(pay, '[data-testid="pay-submit"]'))).to.equal('Pay $20.00');

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"]');

    const request = client.lastArgument<{
      invoices: Array<{ amount: number }>;
      short_pay: { reason: string };
    }>('createPayment');
    expect(request.invoices[0]?.amount).to.equal(2000);
    expect(request.short_pay).to.deep.equal({ reason: 'Goods damaged or missing' });
  });

  it('flags an invalid amount as it is typed', async () => {
    const cases = [
      { typed: '60', error: 'At most $50.39 can be paid on this invoice.' },
      { typed: '0', error: 'Enter an amount above zero.' },
      { typed: 'abc', error: 'Enter an amount such as 12.50.' },
      { typed: '-5', error: 'Enter an amount such as 12.50.' },
    ];
    for (const { typed, error } of cases) {
      const client = new FakePortalClient([makeInvoice({ total: 5039 })]);
      const pay = await renderPay(client);
      const amount = one<HTMLInputElement>(pay, '[data-testid="pay-amount"]');

      typeInto(amount, typed);
      await pay.updateComplete;

      expect(amount.getAttribute('aria-invalid'), typed).to.equal('true');
      const describedBy = amount.getAttribute('aria-describedby') ?? '';
      expect(text(one(pay, `#${describedBy}`)), typed).to.equal(error);
      const submit = one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]');
      expect(submit.disabled, typed).to.equal(true);
      expect(text(submit), typed).to.equal('Pay');
      expect(text(one(pay, '[data-testid="pay-total"]')), typed).to.equal('—');
      expect(sendingCalls(client), typed).to.have.length(0);
    }
  });

  it('names too many decimals for the currency', async () => {
    const cases = [
      {
        currency: 'USD',
        locale: 'en',
        typed: '12.345',
        error: 'Too many decimals: USD amounts have at most 2.',
      },
      {
        currency: 'JPY',
        locale: 'en',
        typed: '12.5',
        error: 'Too many decimals: JPY amounts have none.',
      },
      {
        currency: 'KWD',
        locale: 'en',
        typed: '1.2345',
        error: 'Too many decimals: KWD amounts have at most 3.',
      },
      {
        currency: 'USD',
        locale: 'es',
        typed: '12,345',
        error: 'Demasiados decimales: los importes en USD llevan como máximo 2.',
      },
      {
        currency: 'JPY',
        locale: 'es',
        typed: '12,5',
        error: 'Demasiados decimales: los importes en JPY no llevan decimales.',
      },
    ];
    for (const { currency, locale, typed, error } of cases) {
      const client = new FakePortalClient([makeInvoice({ currency, total: 7_618_000 })]);
      const pay = await renderPay(client, locale);
      const amount = one<HTMLInputElement>(pay, '[data-testid="pay-amount"]');

      typeInto(amount, typed);
      await pay.updateComplete;

      const describedBy = amount.getAttribute('aria-describedby') ?? '';
      expect(text(one(pay, `#${describedBy}`)), typed).to.equal(error);
      expect(one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]').disabled, typed).to.equal(
        true,
      );
    }
  });

  it('reads separators as the locale writes them', async () => {
    const cases = [
      { currency: 'USD', locale: 'en', typed: '12.34', total: '$12.34' },
      { currency: 'USD', locale: 'en', typed: '1,234', total: '$1,234.00' },
      { currency: 'USD', locale: 'es', typed: '1.234', total: '1234,00 US$' },
      { currency: 'USD', locale: 'es', typed: '12,34', total: '12,34 US$' },
      { currency: 'KWD', locale: 'en', typed: '1,500', total: 'KWD 1.500' },
    ];
    for (const { currency, locale, typed, total } of cases) {
      const client = new FakePortalClient([makeInvoice({ currency, total: 7_618_000 })]);
      const pay = await renderPay(client, locale);
      const amount = one<HTMLInputElement>(pay, '[data-testid="pay-amount"]');

      typeInto(amount, typed);
      await pay.updateComplete;

      expect(amount.getAttribute('aria-invalid'), typed).to.equal('false');
      expect(text(one(pay, '[data-testid="pay-total"]')), typed).to.equal(total);
    }
  });

  it('keeps disabled and aria-disabled in agreement', async () => {
    const client = new FakePortalClient([makeInvoice({ total: 5039 })]);
    const pay = await renderPay(client);
    const submit = one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]');
    const amount = one<HTMLInputElement>(pay, '[data-testid="pay-amount"]');

    typeInto(amount, 'abc');
    await pay.updateComplete;
    expect(submit.disabled).to.equal(true);
    expect(submit.getAttribute('aria-disabled')).to.equal(null);

    typeInto(amount, '50.39');
    fillCard(pay, '4242 4242 4242 4242');
    await pay.updateComplete;
    expect(submit.disabled).to.equal(false);
    expect(submit.getAttribute('aria-disabled')).to.equal(null);

    let open = () => {};
    client.gate = new Promise((resolve) => {
      open = resolve;
    });
    submit.click();
    await waitUntil(() => text(submit) === 'Paying…');
    expect(submit.disabled).to.equal(false);
    expect(submit.getAttribute('aria-disabled')).to.equal('true');

    open();
    await find(pay, '[data-testid="payment-result"]');
  });

  it('totals only the valid amounts', async () => {
    const client = new FakePortalClient([
      makeInvoice({ id: 'inv_1', total: 5039 }),
      makeInvoice({ id: 'inv_2', total: 2000 }),
    ]);
    const pay = await renderPay(client);
    const [first] = all<HTMLInputElement>(pay, '[data-testid="pay-amount"]');

    typeInto(first as HTMLInputElement, '60');
    await pay.updateComplete;

    expect(text(one(pay, '[data-testid="pay-total"]'))).to.equal('$20.00');
    expect(one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]').disabled).to.equal(true);
  });

  it('clears an amount error once fixed', async () => {
    const pay = await renderPay(new FakePortalClient([makeInvoice({ total: 5039 })]));
    const amount = one<HTMLInputElement>(pay, '[data-testid="pay-amount"]');
    typeInto(amount, '60');
    await pay.updateComplete;

    typeInto(amount, '50');
    await pay.updateComplete;

    expect(amount.getAttribute('aria-invalid')).to.equal('false');
    expect(amount.hasAttribute('aria-describedby')).to.equal(false);
    const submit = one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]');
    expect(submit.disabled).to.equal(false);
    expect(text(submit)).to.equal('Pay $50.00');
  });

  it('shows a decline in Spanish and keeps the card', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client, 'es');
    fillCard(pay, '4000 0000 0000 0002');

    setTimeout(() => one(pay, '[data-testid="pay-submit"]').click());
    const event = await oneEvent(pay, 'duly-payment-failed');

    expect(event.detail.code).to.equal('card_declined');
    expect(event.detail.payment).to.match(/^pay_/);
    const error = await find(pay, '[data-testid="payment-error"]');
    expect(error.dataset.code).to.equal('card_declined');
    expect(text(error)).to.contain('Su tarjeta ha sido rechazada.');
    expect(text(error)).to.contain('Pruebe con otra tarjeta');
    expect(one<HTMLInputElement>(pay, '[data-testid="card-number"]').value).to.equal(
      '4000 0000 0000 0002',
    );
    expect(one<HTMLInputElement>(pay, '[data-testid="card-expiry"]').value).to.equal('12 / 30');
    expect(one<HTMLInputElement>(pay, '[data-testid="card-cvc"]').value).to.equal('123');
  });

  it('uses a new idempotency key after a decline', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    fillCard(pay, '4000000000000002');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-error"]');

    typeInto(one(pay, '[data-testid="card-number"]'), '4242424242424242');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

    const [first, second] = idempotencyKeys(client);
    expect(first).to.be.a('string');
    expect(second).to.not.equal(first);
  });

  it('keeps the idempotency key when retrying', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    fillCard(pay, '4242424242424242');
    await pay.updateComplete;

    // The first createPayment fails on the network, so its outcome is unknown.
    client.failNextCallOf.set('createPayment', connectionFailure());
    one(pay, '[data-testid="pay-submit"]').click();
    const error = await find(pay, '[data-testid="payment-error"]');
    expect(error.dataset.code).to.equal('connection_failed');

    one(pay, '.alert button').click();
    await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

    const [first, second] = idempotencyKeys(client);
    expect(second).to.equal(first);
    expect(client.callsOf('createSandboxPaymentMethod')).to.have.length(1);
  });

  it('flags a card that is not a test card', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    fillCard(pay, '4111 1111 1111 1111');

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '#card-number-error');

    expect(text(one(pay, '#card-number-error'))).to.contain('This is not a test card.');
    expect(client.callsOf('createPayment')).to.have.length(0);
  });

  it('checks the card before sending it', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    typeInto(one(pay, '[data-testid="card-number"]'), '4242 4242');
    typeInto(one(pay, '[data-testid="card-expiry"]'), '1320');
    typeInto(one(pay, '[data-testid="card-cvc"]'), '1');

    one(pay, '[data-testid="pay-submit"]').click();
    await pay.updateComplete;

    expect(one(pay, '#card-number-error')).to.exist;
    expect(text(one(pay, '#card-expiry-error'))).to.contain('MM / YY');
    expect(one(pay, '#card-cvc-error')).to.exist;
    expect(sendingCalls(client)).to.have.length(0);
  });

  it('names a failed card checksum', async () => {
    for (const [locale, message] of [
      ['en', 'Check the card number: one or more digits are wrong.'],
      ['es', 'Revise el número de tarjeta: algún dígito no es correcto.'],
    ] as const) {
      const client = new FakePortalClient([makeInvoice()]);
      const pay = await renderPay(client, locale);
      fillCard(pay, '1234 5678 9012 3456');

      one(pay, '[data-testid="pay-submit"]').click();
      await pay.updateComplete;

      expect(text(one(pay, '#card-number-error'))).to.equal(message);
      expect(sendingCalls(client)).to.have.length(0);
    }
  });

  it('hides the decline on a new field error', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    fillCard(pay, '4000000000000002');
    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-error"]');

    typeInto(one(pay, '[data-testid="card-number"]'), '1234 5678 9012 3456');
    one(pay, '[data-testid="pay-submit"]').click();
    await pay.updateComplete;

    expect(one(pay, '#card-number-error')).to.exist;
    expect(all(pay, '.alert')).to.have.length(0);
  });

  it('takes the expiry placeholder from the language', async () => {
    const english = await renderPay(new FakePortalClient([makeInvoice()]), 'en');
    const spanish = await renderPay(new FakePortalClient([makeInvoice()]), 'es');

    const placeholder = (pay: DulyPay) =>
      one<HTMLInputElement>(pay, '[data-testid="card-expiry"]').placeholder;
    expect(placeholder(english)).to.equal('MM / YY');
    expect(placeholder(spanish)).to.equal('MM / AA');
  });

  it('renews an expired session and keeps typed fields', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    pay.fetchSession = async () => 'pst_renewed';
    fillCard(pay, '4242424242424242');
    client.expireCalls = 1;
    let expiredEvents = 0;
    pay.addEventListener('duly-session-expired', () => {
      expiredEvents += 1;
    });

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

    expect(expiredEvents).to.equal(1);
    expect(client.sessions).to.deep.equal(['pst_renewed']);
  });

  it('waits for a new session attribute', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const pay = await renderPay(client);
    fillCard(pay, '4242424242424242');
    client.expireCalls = 1;
    pay.addEventListener('duly-session-expired', () => {
      setTimeout(() => pay.setAttribute('session', 'pst_from_host'));
    });

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

    expect(client.token).to.equal('pst_from_host');
  });

  it('passes the axe accessibility check', async () => {
    const pay = await renderPay(new FakePortalClient([makeInvoice()]));

    await expect(pay).to.be.accessible();
  });
});
