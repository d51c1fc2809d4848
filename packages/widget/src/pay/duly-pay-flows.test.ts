import type { Payment } from '@duly/sdk';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import { PROVIDER_SLOT } from '../providers/provider-context.js';
import {
  FakePortalClient,
  makeBankAccount,
  makeInvoice,
  makePaymentMethod,
  makeSetup,
  makeStripeSetup,
} from '../testing/fake-client.js';
import { all, find, one, text, typeInto } from '../testing/helpers.js';
import {
  callsNamed,
  FAKE_SCRIPT_URLS,
  resetFakePlaid,
  resetFakeStripe,
} from '../testing/provider-fakes.js';
import type { DulyPay } from './duly-pay.js';

async function renderPay(client: FakePortalClient, locale = 'en'): Promise<DulyPay> {
  const pay = await fixture<DulyPay>(
    html`<duly-pay
      .client=${client}
      .invoices=${client.invoices}
      .scriptUrls=${FAKE_SCRIPT_URLS}
      poll-interval="20"
      locale=${locale}
    ></duly-pay>`,
  );
  await find(pay, 'fieldset[part="method"]');
  return pay;
}

async function choose(pay: DulyPay, label: string): Promise<void> {
  const choice = all<HTMLInputElement>(pay, '[data-testid="method-choice"]').find((input) =>
    text(input.closest('label') as HTMLElement).startsWith(label),
  );
  if (!choice) throw new Error(`No method choice "${label}"`);
  choice.click();
  await pay.updateComplete;
}

function fillCard(pay: DulyPay, number: string): void {
  typeInto(one(pay, '[data-testid="card-number"]'), number);
  typeInto(one(pay, '[data-testid="card-expiry"]'), '1230');
  typeInto(one(pay, '[data-testid="card-cvc"]'), '123');
}

async function fillBank(pay: DulyPay, account: string): Promise<void> {
  await choose(pay, 'Bank account');
  typeInto(one(pay, '[data-testid="bank-routing"]'), '110000000');
  typeInto(one(pay, '[data-testid="bank-account"]'), account);
  one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();
  await pay.updateComplete;
}

async function submitAndWait(pay: DulyPay, status: string): Promise<HTMLElement> {
  one(pay, '[data-testid="pay-submit"]').click();
  return find(pay, `[data-testid="payment-result"][data-status="${status}"]`);
}

/** Returns the payment that the last `createPayment` made, as the fake client has it now. */
async function lastPayment(client: FakePortalClient): Promise<Payment> {
  const list = await client.listPayments();
  const [latest] = list.data;
  if (!latest) throw new Error('No payment was made');
  return latest;
}

describe('duly-pay with a saved method', () => {
  it('preselects the default saved method', async () => {
    const client = new FakePortalClient();
    client.addSavedMethods(
      makePaymentMethod({ id: 'pm_visa' }),
      makePaymentMethod({ id: 'pm_mc', brand: 'mastercard', last4: '4444', is_default: true }),
    );
    const pay = await renderPay(client);

    const checked = all<HTMLInputElement>(pay, '[data-testid="method-choice"]').find(
      (input) => input.checked,
    );
    expect(checked?.value).to.equal('pm_mc');
    expect(all(pay, '[data-testid="card-number"]')).to.have.length(0);

    await submitAndWait(pay, 'succeeded');
    expect(
      client.lastArgument<{ payment_method: string }>('createPayment').payment_method,
    ).to.equal('pm_mc');
    expect(client.callsOf('createSandboxPaymentMethod')).to.have.length(0);
  });

  it('asks for the mandate of a saved bank account', async () => {
    const client = new FakePortalClient();
    client.addSavedMethods(makeBankAccount({ is_default: true }));
    const pay = await renderPay(client);

    expect(text(one(pay, '[data-testid="mandate-text"]'))).to.contain(
      'authorize Northwind Supply to debit the bank account',
    );
    one(pay, '[data-testid="pay-submit"]').click();
    await pay.updateComplete;

    const accept = one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]');
    expect(accept.getAttribute('aria-invalid')).to.equal('true');
    expect(text(one(pay, '#mandate-error'))).to.equal(
      'Accept the authorization to pay from a bank account.',
    );
    expect(client.callsOf('createPayment')).to.have.length(0);

    accept.click();
    await submitAndWait(pay, 'pending');
    expect(client.lastArgument<{ mandate?: unknown }>('createPayment').mandate).to.deep.equal({
      accepted: true,
    });
  });

  it('offers bank accounts for US dollars only', async () => {
    const client = new FakePortalClient([makeInvoice({ currency: 'EUR' })]);
    client.addSavedMethods(makeBankAccount({ is_default: true }), makePaymentMethod());
    const pay = await renderPay(client);

    const labels = all(pay, '[data-testid="method-choice"]').map((input) =>
      text(input.closest('label') as HTMLElement),
    );
    expect(labels).to.deep.equal(['Visa ending in 4242', 'New card']);
    expect(all(pay, '[data-testid="mandate-text"]')).to.have.length(0);
  });

  it('reports a provider without a form', async () => {
    const client = new FakePortalClient();
    client.setup = makeSetup({ card: { provider: 'adyen', options: {} } });
    const pay = await renderPay(client);

    const error = await find(pay, '[data-testid="payment-error"]');
    one(pay, '[data-testid="pay-submit"]').click();
    await pay.updateComplete;

    expect(error.dataset.code).to.equal('unsupported_provider');
    expect(text(error)).to.contain('The secure payment form could not be loaded.');
    expect(client.callsOf('createPayment')).to.have.length(0);
  });

  it('saves a new card when asked', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    fillCard(pay, '4242 4242 4242 4242');
    one<HTMLInputElement>(pay, '[data-testid="save-method"]').click();

    await submitAndWait(pay, 'succeeded');

    const request = client.lastArgument<{ save?: boolean }>('createSandboxPaymentMethod');
    expect(request.save).to.equal(true);
    expect((await client.listPaymentMethods()).data).to.have.length(1);
  });
});

describe('duly-pay with the sandbox', () => {
  it('completes a 3-D Secure challenge', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    fillCard(pay, '4000 0025 0000 3155');

    one(pay, '[data-testid="pay-submit"]').click();
    const dialog = await find<HTMLDialogElement>(pay, '[data-testid="challenge"]');
    await waitUntil(() => dialog.open, 'the challenge never opened');
    expect(text(dialog)).to.contain("stands in for your bank's 3-D Secure page");
    one(pay, '[data-testid="challenge-complete"]').click();

    const result = await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');
    expect(text(result)).to.contain('Payment received');
    expect(client.lastArgument<string>('completeSandboxChallenge')).to.match(/^pay_/);
    expect(client.callsOf('completeSandboxChallenge')[0]?.args[1]).to.equal('succeeded');
  });

  it('keeps a closed challenge retryable', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    fillCard(pay, '4000002500003155');

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="challenge"]');
    one(pay, '[data-testid="challenge-close"]').click();

    const alert = await find(pay, '[data-testid="payment-result"][data-status="requires_action"]');
    expect(text(alert)).to.contain('Your bank needs you to confirm this payment.');
    expect(all(pay, '[data-testid="challenge"]')).to.have.length(0);
    expect(client.callsOf('completeSandboxChallenge')).to.have.length(0);
    const paymentId = (await lastPayment(client)).id;
    expect(client.payment(paymentId).status).to.equal('requires_action');

    one(pay, '[data-testid="retry-action"]').click();
    await find(pay, '[data-testid="challenge"]');
    one(pay, '[data-testid="challenge-complete"]').click();
    await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

    expect(client.callsOf('createPayment')).to.have.length(1);
    expect(client.payment(paymentId).status).to.equal('succeeded');
  });

  it('shows a failed challenge as a decline', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    fillCard(pay, '4000002500003155');

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="challenge"]');
    setTimeout(() => one(pay, '[data-testid="challenge-fail"]').click());
    const event = await oneEvent(pay, 'duly-payment-failed');

    expect(event.detail.code).to.equal('authentication_failed');
    const error = await find(pay, '[data-testid="payment-error"]');
    expect(text(error)).to.contain('Your bank did not confirm the payment.');
  });

  it('closes the challenge with Escape', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    fillCard(pay, '4000002500003155');

    one(pay, '[data-testid="pay-submit"]').click();
    const dialog = await find<HTMLDialogElement>(pay, '[data-testid="challenge"]');
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));

    await find(pay, '[data-testid="retry-action"]');
    expect(client.callsOf('completeSandboxChallenge')).to.have.length(0);
  });

  it('shows a bank return while open', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    await fillBank(pay, '000222222227');
    const pending = oneEvent(pay, 'duly-payment-pending');

    const result = await submitAndWait(pay, 'pending');
    expect((await pending).detail.payment.status).to.equal('pending');
    expect(text(result)).to.contain('Payment pending');
    expect(text(result)).to.contain('Bank payments take a few days');
    expect(client.lastArgument<{ us_bank_account: unknown }>('createSandboxPaymentMethod'))
      .to.have.property('us_bank_account')
      .that.deep.equals({
        routing_number: '110000000',
        account_number: '000222222227',
        account_holder_type: 'individual',
      });

    const failed = oneEvent(pay, 'duly-payment-failed');
    client.settleBankPayment((await lastPayment(client)).id, 'R01');
    const returned = await find(pay, '[data-testid="payment-result"][data-status="failed"]');

    expect((await failed).detail.code).to.equal('R01');
    expect(text(returned)).to.contain('Your bank returned the payment');
    expect(text(returned)).to.contain('insufficient funds (R01)');
    expect(one(returned, '[role="status"]').getAttribute('aria-live')).to.equal('polite');
    expect(client.invoices[0]?.amount_payable).to.equal(5039);
  });

  it('shows a settled bank payment as received', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    await fillBank(pay, '000123456789');
    await submitAndWait(pay, 'pending');

    const succeeded = oneEvent(pay, 'duly-payment-succeeded');
    client.settleBankPayment((await lastPayment(client)).id, 'succeeded');

    expect((await succeeded).detail.payment.status).to.equal('succeeded');
    const result = await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');
    expect(text(one(result, '[data-testid="result-body"]'))).to.equal(
      'You paid $50.39 with bank account ending in 6789.',
    );
  });

  it('names the bank of a saved account mid-sentence', async () => {
    const cases = [
      { locale: 'en', body: 'You paid $50.39 with STRIPE TEST BANK account ending in 6789.' },
      {
        locale: 'es',
        body: 'Ha pagado 50,39 US$ con la cuenta de STRIPE TEST BANK terminada en 6789.',
      },
    ];
    for (const { locale, body } of cases) {
      const client = new FakePortalClient();
      client.addSavedMethods(makeBankAccount({ is_default: true }));
      const pay = await renderPay(client, locale);
      one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();
      await submitAndWait(pay, 'pending');

      client.settleBankPayment((await lastPayment(client)).id, 'succeeded');
      const result = await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

      expect(text(one(result, '[data-testid="result-body"]')), locale).to.equal(body);
    }
  });

  it('stops checking once removed', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    await fillBank(pay, '000123456789');
    await submitAndWait(pay, 'pending');
    await waitUntil(() => client.callsOf('getPayment').length >= 1, 'never checked the payment');

    pay.remove();
    const checks = client.callsOf('getPayment').length;
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(client.callsOf('getPayment').length).to.be.at.most(checks + 1);
  });

  it('checks steadily, then backs off', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    await fillBank(pay, '000123456789');
    await submitAndWait(pay, 'pending');

    // At 20 ms, the twenty steady checks take 400 ms; the next pauses are 40 and 80 ms.
    await waitUntil(() => client.callsOf('getPayment').length >= 22, 'too few checks', {
      timeout: 2000,
    });
    pay.remove();

    const times = client.callsOf('getPayment').map((call) => call.at);
    const pauses = times.slice(1).map((time, index) => time - (times[index] as number));
    expect(pauses[18]).to.be.at.least(15);
    expect(pauses[19]).to.be.at.least(35);
    expect(pauses[20]).to.be.at.least(75);
  });

  it('names a bank account that is not a test account', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    await fillBank(pay, '123456789');

    one(pay, '[data-testid="pay-submit"]').click();
    const error = await find(pay, '#bank-account-error');

    expect(text(error)).to.contain('This is not a test account.');
    expect(client.callsOf('createPayment')).to.have.length(0);
  });

  it('checks the routing number before sending it', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client);
    await fillBank(pay, '000123456789');
    typeInto(one(pay, '[data-testid="bank-routing"]'), '110000001');

    one(pay, '[data-testid="pay-submit"]').click();
    await pay.updateComplete;

    expect(text(one(pay, '#bank-routing-error'))).to.contain('9-digit routing number');
    expect(client.callsOf('createSandboxPaymentMethod')).to.have.length(0);
  });

  it('shows the pending state in Spanish', async () => {
    const client = new FakePortalClient();
    const pay = await renderPay(client, 'es');
    await choose(pay, 'Cuenta bancaria');
    typeInto(one(pay, '[data-testid="bank-routing"]'), '110000000');
    typeInto(one(pay, '[data-testid="bank-account"]'), '000123456789');
    one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();

    const result = await submitAndWait(pay, 'pending');

    expect(text(result)).to.contain('Pago pendiente');
    expect(text(result)).to.contain('Los pagos bancarios tardan unos días');
    pay.remove();
  });
});

describe('duly-pay with Stripe and Plaid', () => {
  beforeEach(() => {
    resetFakeStripe();
    resetFakePlaid();
  });

  async function renderStripePay(): Promise<{ client: FakePortalClient; pay: DulyPay }> {
    const client = new FakePortalClient([makeInvoice({ total: 5039 })]);
    client.setup = makeStripeSetup();
    const pay = await renderPay(client);
    await waitUntil(() => pay.querySelector('iframe'), 'the Payment Element never mounted');
    return { client, pay };
  }

  it('mounts the Payment Element in light DOM', async () => {
    const { pay } = await renderStripePay();
    const stripe = window.fakeStripe;
    if (!stripe) throw new Error('Stripe.js was not loaded');

    const points = pay.querySelectorAll(`:scope > [slot="${PROVIDER_SLOT}"]`);
    expect(points).to.have.length(1);
    expect(points[0]?.querySelectorAll('iframe')).to.have.length(1);
    const slot = one<HTMLSlotElement>(pay, `slot[name="${PROVIDER_SLOT}"]`);
    expect(slot.assignedElements()[0]).to.equal(points[0]);
    expect(callsNamed(stripe, 'Stripe')[0]?.args).to.deep.equal(['pk_test_fake']);
    expect(callsNamed(stripe, 'elements')[0]?.args[0]).to.include({
      mode: 'payment',
      amount: 5039,
      currency: 'usd',
      paymentMethodCreation: 'manual',
    });
  });

  it('pays with a card through Stripe', async () => {
    const { client, pay } = await renderStripePay();

    await submitAndWait(pay, 'succeeded');

    const stripe = window.fakeStripe;
    if (!stripe) throw new Error('Stripe.js was not loaded');
    expect(callsNamed(stripe, 'submit')).to.have.length(1);
    expect(callsNamed(stripe, 'createPaymentMethod')).to.have.length(1);
    expect(client.lastArgument('createStripePaymentMethod')).to.deep.equal({
      payment_method: 'pm_fake_4242424242424242',
      save: false,
    });
    const request = client.lastArgument<{ payment_method: string }>('createPayment');
    expect(request.payment_method).to.match(/^pm_stripe_/);
  });

  it('follows a new amount in Stripe', async () => {
    const { pay } = await renderStripePay();

    typeInto(one(pay, '[data-testid="pay-amount"]'), '20.00');
    await pay.updateComplete;

    const updates = callsNamed(window.fakeStripe ?? { calls: [] }, 'update');
    expect(updates.at(-1)?.args[0]).to.deep.equal({ amount: 2000 });
  });

  it('leaves invalid card details to Stripe', async () => {
    const { client, pay } = await renderStripePay();
    resetFakeStripe({ submitError: { type: 'validation_error', message: 'Incomplete number.' } });

    one(pay, '[data-testid="pay-submit"]').click();
    await waitUntil(() => callsNamed(window.fakeStripe ?? { calls: [] }, 'submit').length === 1);
    await pay.updateComplete;

    expect(client.callsOf('createStripePaymentMethod')).to.have.length(0);
    expect(all(pay, '.alert')).to.have.length(0);
  });

  it('completes 3-D Secure through Stripe', async () => {
    const { client, pay } = await renderStripePay();
    const stripe = resetFakeStripe({
      card: '4000002500003155',
      onNextAction: async () => {
        client.completeAction((await lastPayment(client)).id, 'succeeded');
      },
    });

    await submitAndWait(pay, 'succeeded');

    const paymentId = (await lastPayment(client)).id;
    expect(callsNamed(stripe, 'handleNextAction')[0]?.args[0]).to.deep.equal({
      clientSecret: `${paymentId}_secret`,
    });
    expect(client.lastArgument('refreshPayment')).to.equal(paymentId);
  });

  it('retries 3-D Secure after Stripe closes', async () => {
    const { client, pay } = await renderStripePay();
    let answer: 'close' | 'complete' = 'close';
    const stripe = resetFakeStripe({
      card: '4000002500003155',
      onNextAction: async () => {
        if (answer === 'complete')
          client.completeAction((await lastPayment(client)).id, 'succeeded');
      },
    });

    one(pay, '[data-testid="pay-submit"]').click();
    await find(pay, '[data-testid="retry-action"]');
    answer = 'complete';
    one(pay, '[data-testid="retry-action"]').click();
    await find(pay, '[data-testid="payment-result"][data-status="succeeded"]');

    expect(callsNamed(stripe, 'handleNextAction')).to.have.length(2);
    expect(client.callsOf('refreshPayment')).to.have.length(2);
    expect(client.callsOf('createPayment')).to.have.length(1);
  });

  it('pays from a bank through Plaid', async () => {
    const { client, pay } = await renderStripePay();
    const plaid = resetFakePlaid({ accountId: 'acc_000123456789' });
    await choose(pay, 'Bank account');
    expect(text(one(pay, '[part="bank-form"]'))).to.contain('secure window from Plaid');
    one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();

    await submitAndWait(pay, 'pending');

    expect(callsNamed(plaid, 'create')[0]?.args[0]).to.deep.equal({ token: 'link-sandbox-fake' });
    expect(callsNamed(plaid, 'open')).to.have.length(1);
    expect(client.lastArgument('createPlaidPaymentMethod')).to.deep.equal({
      public_token: 'public-sandbox-fake',
      account_id: 'acc_000123456789',
      save: false,
    });
    const request = client.lastArgument<{ mandate?: unknown; payment_method: string }>(
      'createPayment',
    );
    expect(request.mandate).to.deep.equal({ accepted: true });
    expect(request.payment_method).to.match(/^pm_bank_/);
    pay.remove();
  });

  it('changes nothing when Plaid closes', async () => {
    const { client, pay } = await renderStripePay();
    resetFakePlaid({ exit: true });
    await choose(pay, 'Bank account');
    one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();

    one(pay, '[data-testid="pay-submit"]').click();
    await waitUntil(() => callsNamed(window.fakePlaid ?? { calls: [] }, 'open').length === 1);
    await waitUntil(
      () =>
        !one<HTMLButtonElement>(pay, '[data-testid="pay-submit"]').textContent?.includes('Paying'),
    );

    expect(client.callsOf('createPlaidPaymentMethod')).to.have.length(0);
    expect(client.callsOf('createPayment')).to.have.length(0);
    expect(all(pay, '.alert')).to.have.length(0);
  });

  it("shows Plaid's message when linking fails", async () => {
    const { pay } = await renderStripePay();
    resetFakePlaid({
      exitError: { error_code: 'INSTITUTION_DOWN', display_message: 'The bank is not available.' },
    });
    await choose(pay, 'Bank account');
    one<HTMLInputElement>(pay, '[data-testid="mandate-accept"]').click();

    one(pay, '[data-testid="pay-submit"]').click();
    const error = await find(pay, '[data-testid="payment-error"]');

    expect(error.dataset.code).to.equal('INSTITUTION_DOWN');
    expect(text(error)).to.contain('The bank is not available.');
  });

  it('removes the Payment Element when another method is chosen', async () => {
    const { pay } = await renderStripePay();

    await choose(pay, 'Bank account');

    expect(pay.querySelectorAll('iframe')).to.have.length(0);
    expect(callsNamed(window.fakeStripe ?? { calls: [] }, 'destroy')).to.have.length(1);
  });
});
