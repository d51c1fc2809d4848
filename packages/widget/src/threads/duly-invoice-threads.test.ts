import { DISPUTE_REASONS as API_DISPUTE_REASONS } from '@duly/core';
import type { Invoice, PortalFeature } from '@duly/sdk';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define.js';
import { FakePortalClient, makeInvoice, makeSession, makeThread } from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text, typeInto } from '../testing/helpers.js';
import { DISPUTE_REASONS, type DulyInvoiceThreads } from './duly-invoice-threads.js';

const INVOICE = makeInvoice({ id: 'inv_1', number: 'INV-0001', total: 5039 });

async function renderThreads(
  client: FakePortalClient,
  options: { invoice?: Invoice; locale?: string; features?: PortalFeature[] } = {},
): Promise<DulyInvoiceThreads> {
  const invoice = options.invoice ?? client.invoices[0] ?? INVOICE;
  const element = await fixture<DulyInvoiceThreads>(
    html`<duly-invoice-threads
      .client=${client}
      .invoice=${invoice}
      .features=${options.features}
      .vendorName=${'Northwind Supply'}
      locale=${options.locale ?? 'en'}
    ></duly-invoice-threads>`,
  );
  await waitUntil(
    () => element.shadowRoot?.querySelector('[data-testid="thread"], [data-testid="no-threads"]'),
    'threads not shown',
  );
  return element;
}

function clientWithInvoice(invoice: Invoice = INVOICE): FakePortalClient {
  return new FakePortalClient([structuredClone(invoice)], makeSession());
}

function select(element: DulyInvoiceThreads, testId: string, value: string): void {
  const field = one<HTMLSelectElement>(element, `[data-testid="${testId}"]`);
  field.value = value;
  field.dispatchEvent(new Event('change'));
}

function typeText(element: DulyInvoiceThreads, testId: string, value: string): void {
  const field = one<HTMLTextAreaElement>(element, `[data-testid="${testId}"]`);
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

describe('duly-invoice-threads', () => {
  it('lists the API reasons in the dispute form', () => {
    expect([...DISPUTE_REASONS].sort()).to.deep.equal([...API_DISPUTE_REASONS].sort());
  });

  it('shows threads with messages and status', async () => {
    const client = clientWithInvoice();
    client.threads.add(
      makeThread({
        id: 'thr_q',
        status: 'answered',
        updated_at: '2025-11-21T10:00:00.000Z',
        messages: [
          ...makeThread().messages,
          {
            id: 'msg_2',
            author: 'vendor',
            body: 'Yes, both deliveries are on it.',
            created_at: '2025-11-21T10:00:00.000Z',
          },
        ],
      }),
      makeThread({
        id: 'thr_d',
        kind: 'dispute',
        reason: 'damaged_or_defective',
        amount_disputed: 2000,
        status: 'resolved',
        resolution: 'Credit note CN-000004 issued for the broken pallet.',
        updated_at: '2025-11-25T10:00:00.000Z',
        resolved_at: '2025-11-25T10:00:00.000Z',
      }),
    );
    const element = await renderThreads(client);
    const threads = all(element, '[data-testid="thread"]');

    expect(threads.map((thread) => thread.dataset.threadId)).to.deep.equal(['thr_d', 'thr_q']);
    const [dispute, question] = threads as [HTMLElement, HTMLElement];
    expect(text(one(dispute, 'h4'))).to.equal('Dispute · Damaged or defective');
    expect(text(one(dispute, '[data-testid="thread-status"]'))).to.equal('Resolved');
    expect(text(one(dispute, '[data-testid="disputed-amount"]'))).to.equal('$20.00 disputed');
    expect(text(one(dispute, '[data-testid="resolution"]'))).to.contain(
      'Credit note CN-000004 issued for the broken pallet.',
    );
    expect(all(dispute, '[data-testid="reply-message"]')).to.have.length(0);

    expect(text(one(question, '[data-testid="thread-status"]'))).to.equal('Answered');
    const authors = all(question, '.message').map((message) => text(one(message, 'strong')));
    expect(authors).to.deep.equal(['You', 'Northwind Supply']);
    expect(text(question)).to.contain('Yes, both deliveries are on it.');
    expect(all(question, '[data-testid="reply-message"]')).to.have.length(1);
  });

  it('asks a question', async () => {
    const client = clientWithInvoice();
    const element = await renderThreads(client);

    one(element, '[data-testid="ask-question"]').click();
    await element.updateComplete;
    const message = one<HTMLTextAreaElement>(element, '[data-testid="thread-message"]');
    expect(deepActiveElement() === message, 'focused').to.be.true;
    expect(all(element, '[data-testid="dispute-reason"]')).to.have.length(0);
    typeText(element, 'thread-message', '  Can we pay this in two parts?  ');
    const created = oneEvent(element, 'duly-thread-created');
    one(element, '[data-testid="thread-send"]').click();
    const event = await created;

    expect(client.lastArgument('createThread')).to.equal('inv_1');
    expect(client.callsOf('createThread')[0]?.args[1]).to.deep.equal({
      kind: 'question',
      message: 'Can we pay this in two parts?',
    });
    expect(event.detail.thread.kind).to.equal('question');
    await element.updateComplete;
    const thread = one(element, '[data-testid="thread"]');
    expect(text(one(thread, '[data-testid="thread-status"]'))).to.equal('Waiting for an answer');
    expect(text(one(element, '[data-testid="thread-notice"]'))).to.equal(
      'Your question was sent. The answer will appear here.',
    );
    expect(deepActiveElement() === one(thread, 'h4'), 'focused').to.be.true;
    expect(client.invoices[0]?.disputed).to.be.false;
  });

  it('disputes part of the invoice', async () => {
    const client = clientWithInvoice();
    const element = await renderThreads(client);

    one(element, '[data-testid="dispute-invoice"]').click();
    await element.updateComplete;
    expect(deepActiveElement() === one(element, '[data-testid="dispute-reason"]'), 'focused').to.be
      .true;
    select(element, 'dispute-reason', 'incorrect_amount');
    typeText(element, 'thread-message', 'We ordered 12 cases, not 14.');
    typeInto(one<HTMLInputElement>(element, '[data-testid="dispute-amount"]'), '20.00');
    one(element, '[data-testid="thread-send"]').click();
    await waitUntil(() => element.shadowRoot?.querySelector('[data-testid="thread"]'));

    expect(client.callsOf('createThread')[0]?.args[1]).to.deep.equal({
      kind: 'dispute',
      message: 'We ordered 12 cases, not 14.',
      reason: 'incorrect_amount',
      amount: 2000,
    });
    expect(client.invoices[0]?.disputed).to.be.true;
    expect(text(one(element, '[data-testid="disputed-amount"]'))).to.equal('$20.00 disputed');
    expect(text(one(element, '[data-testid="thread-notice"]'))).to.contain('marked disputed');
    // The dispute stays open until the vendor resolves it, so a second one is not offered.
    expect(all(element, '[data-testid="dispute-invoice"]')).to.have.length(0);
    expect(all(element, '[data-testid="ask-question"]')).to.have.length(1);
  });

  it('checks the dispute form before sending', async () => {
    const client = clientWithInvoice();
    const element = await renderThreads(client);
    one(element, '[data-testid="dispute-invoice"]').click();
    await element.updateComplete;

    one(element, '[data-testid="thread-send"]').click();
    await element.updateComplete;
    expect(text(one(element, '#thread-reason-error'))).to.equal('Choose a reason.');
    expect(text(one(element, '#thread-message-error'))).to.equal('Write a message.');
    expect(deepActiveElement() === one(element, '[data-testid="dispute-reason"]'), 'focused').to.be
      .true;

    select(element, 'dispute-reason', 'duplicate');
    typeText(element, 'thread-message', 'Billed twice.');
    const amount = one<HTMLInputElement>(element, '[data-testid="dispute-amount"]');
    typeInto(amount, '60.00');
    one(element, '[data-testid="thread-send"]').click();
    await element.updateComplete;
    expect(text(one(element, '#thread-amount-error'))).to.equal(
      "At most the invoice's total of $50.39 can be disputed.",
    );
    expect(amount.getAttribute('aria-describedby')).to.equal(
      'thread-amount-hint thread-amount-error',
    );

    typeInto(amount, '1.234');
    one(element, '[data-testid="thread-send"]').click();
    await element.updateComplete;
    expect(text(one(element, '#thread-amount-error'))).to.equal(
      'Too many decimals: USD amounts have at most 2.',
    );
    expect(client.callsOf('createThread')).to.have.length(0);
  });

  it('disputes a yen invoice in whole yen', async () => {
    const yen = makeInvoice({ id: 'inv_jpy', number: 'JP-7', currency: 'JPY', total: 1000 });
    const client = clientWithInvoice(yen);
    const element = await renderThreads(client, { invoice: yen });
    one(element, '[data-testid="dispute-invoice"]').click();
    await element.updateComplete;
    select(element, 'dispute-reason', 'other');
    typeText(element, 'thread-message', 'Part of it was returned.');

    const amount = one<HTMLInputElement>(element, '[data-testid="dispute-amount"]');
    expect(text(one(element, 'label[for="thread-amount"]'))).to.equal(
      'Amount in dispute, JPY (optional)',
    );
    expect(text(one(element, '#thread-amount-hint'))).to.equal(
      'Leave it empty to dispute the whole invoice of ¥1,000.',
    );
    typeInto(amount, '1.5');
    one(element, '[data-testid="thread-send"]').click();
    await element.updateComplete;
    expect(text(one(element, '#thread-amount-error'))).to.equal(
      'Too many decimals: JPY amounts have none.',
    );

    typeInto(amount, '333');
    one(element, '[data-testid="thread-send"]').click();
    await waitUntil(() => element.shadowRoot?.querySelector('[data-testid="disputed-amount"]'));
    const sent = client.callsOf('createThread')[0]?.args[1] as { amount?: number } | undefined;
    expect(sent?.amount).to.equal(333);
    expect(text(one(element, '[data-testid="disputed-amount"]'))).to.equal('¥333 disputed');
  });

  it('shows the API refusal of a second dispute', async () => {
    const client = clientWithInvoice();
    const element = await renderThreads(client);
    // Someone else disputed the invoice after the list was loaded.
    client.threads.add(makeThread({ id: 'thr_other', kind: 'dispute', reason: 'duplicate' }));

    one(element, '[data-testid="dispute-invoice"]').click();
    await element.updateComplete;
    select(element, 'dispute-reason', 'duplicate');
    typeText(element, 'thread-message', 'Billed twice.');
    one(element, '[data-testid="thread-send"]').click();
    const error = await find(element, '[data-testid="thread-error"]');

    expect(text(error)).to.equal(
      'Invoice INV-0001 is already disputed; add to that dispute instead.',
    );
    expect(error.getAttribute('role')).to.equal('alert');
    expect(one(element, '[data-testid="thread-form"]')).to.exist;
  });

  it('replies to an answered thread', async () => {
    const client = clientWithInvoice();
    client.threads.add(makeThread({ id: 'thr_q', status: 'answered' }));
    const element = await renderThreads(client);

    typeText(element, 'reply-message', 'Thanks, that settles it.');
    one(element, '[data-testid="reply-send"]').click();
    await waitUntil(() => element.shadowRoot?.querySelector('[data-testid="thread-notice"]'));

    expect(client.lastArgument('replyToThread')).to.equal('thr_q');
    const thread = one(element, '[data-testid="thread"]');
    expect(thread.dataset.status).to.equal('open');
    expect(all(thread, '.message')).to.have.length(2);
    expect(text(all(thread, '.message')[1] as HTMLElement)).to.contain('Thanks, that settles it.');
    expect(one<HTMLTextAreaElement>(thread, '[data-testid="reply-message"]').value).to.equal('');
    expect(text(one(element, '[data-testid="thread-notice"]'))).to.equal('Your reply was sent.');
  });

  it('asks for a message before replying', async () => {
    const client = clientWithInvoice();
    client.threads.add(makeThread({ id: 'thr_q' }));
    const element = await renderThreads(client);

    one(element, '[data-testid="reply-send"]').click();
    await element.updateComplete;

    expect(text(one(element, '#reply-thr_q-error'))).to.equal('Write a message.');
    expect(deepActiveElement() === one(element, '#reply-thr_q'), 'focused').to.be.true;
    expect(client.callsOf('replyToThread')).to.have.length(0);
  });

  it('returns focus when the form is cancelled', async () => {
    const element = await renderThreads(clientWithInvoice());
    const ask = one(element, '[data-testid="ask-question"]');

    ask.click();
    await element.updateComplete;
    one(element, '[data-testid="thread-form"] .button.secondary').click();
    await element.updateComplete;

    expect(all(element, '[data-testid="thread-form"]')).to.have.length(0);
    expect(deepActiveElement() === one(element, '[data-testid="ask-question"]'), 'focused').to.be
      .true;
  });

  it('offers a dispute on open invoices only', async () => {
    const paid = makeInvoice({ id: 'inv_2', status: 'paid', amount_due: 0, amount_payable: 0 });
    const element = await renderThreads(clientWithInvoice(paid));

    expect(all(element, '[data-testid="ask-question"]')).to.have.length(1);
    expect(all(element, '[data-testid="dispute-invoice"]')).to.have.length(0);
  });

  it('only shows threads without disputes', async () => {
    const client = clientWithInvoice();
    client.threads.add(makeThread({ id: 'thr_q', status: 'answered' }));
    const element = await renderThreads(client, { features: ['pay', 'statements'] });

    expect(all(element, '[data-testid="thread"]')).to.have.length(1);
    expect(all(element, '[data-testid="ask-question"]')).to.have.length(0);
    expect(all(element, '[data-testid="dispute-invoice"]')).to.have.length(0);
    expect(all(element, '[data-testid="reply-message"]')).to.have.length(0);
  });

  it('speaks Spanish with locale es', async () => {
    const element = await renderThreads(clientWithInvoice(), { locale: 'es' });

    expect(text(one(element, 'h3'))).to.equal('Preguntas y disputas');
    one(element, '[data-testid="dispute-invoice"]').click();
    await element.updateComplete;
    const options = all(element, '[data-testid="dispute-reason"] option').map(text);
    expect(options).to.include('Facturado dos veces');
    expect(text(one(element, 'label[for="thread-amount"]'))).to.equal(
      'Importe en disputa, USD (opcional)',
    );
  });

  it('passes the axe check with the form open', async () => {
    const client = clientWithInvoice();
    client.threads.add(makeThread({ id: 'thr_q', status: 'answered' }));
    const element = await renderThreads(client);
    one(element, '[data-testid="dispute-invoice"]').click();
    await element.updateComplete;

    await expect(element).to.be.accessible();
  });
});
