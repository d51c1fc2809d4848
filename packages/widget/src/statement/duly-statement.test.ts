import type { CreditNote } from '@duly/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { DulyReceipt } from '../receipt/duly-receipt.js';
import { captureSaves } from '../testing/downloads.js';
import {
  connectionFailure,
  FakePortalClient,
  makeCreditNote,
  makeInvoice,
  makePayment,
  makeSession,
} from '../testing/fake-client.js';
import { all, deepActiveElement, find, one, text } from '../testing/helpers.js';
import type { DulyStatement } from './duly-statement.js';

/**
 * Builds the client of a customer on 2025-12-04 with USD invoices in four aging buckets,
 * one JPY invoice, a credit note, an unapplied wire, and an invoice paid on 2025-12-02.
 */
function ledgerClient(): FakePortalClient {
  const invoices = [
    makeInvoice({
      id: 'inv_1',
      number: 'INV-1',
      total: 10000,
      issue_date: '2025-11-20',
      due_date: '2025-12-10',
    }),
    makeInvoice({ id: 'inv_2', number: 'INV-2', total: 25000, due_date: '2025-11-19' }),
    makeInvoice({
      id: 'inv_3',
      number: 'INV-3',
      total: 40000,
      amount_due: 30000,
      issue_date: '2025-09-01',
      due_date: '2025-10-01',
    }),
    makeInvoice({
      id: 'inv_4',
      number: 'INV-4',
      total: 5039,
      issue_date: '2025-07-01',
      due_date: '2025-08-01',
      disputed: true,
    }),
    makeInvoice({
      id: 'inv_5',
      number: 'INV-5',
      currency: 'JPY',
      total: 100000,
      due_date: '2025-11-01',
    }),
    makeInvoice({
      id: 'inv_6',
      number: 'INV-6',
      total: 12000,
      amount_due: 0,
      status: 'paid',
      due_date: '2025-11-25',
    }),
  ];
  const client = new FakePortalClient(invoices, makeSession());
  client.addPayments(
    makePayment({
      id: 'pay_late',
      amount: 12000,
      applications: [{ invoice: 'inv_6', invoice_number: 'INV-6', amount: 12000 }],
      created_at: '2025-12-02T15:00:00.000Z',
      succeeded_at: '2025-12-02T15:00:00.000Z',
    }),
    makePayment({
      id: 'pay_wire',
      amount: 2500,
      amount_unapplied: 2500,
      applications: [],
      method_details: null,
      offline: {
        method: 'wire',
        reference: 'WIRE-88',
        received_on: '2025-11-28',
      },
      created_at: '2025-11-28T10:00:00.000Z',
      succeeded_at: '2025-11-28T10:00:00.000Z',
    }),
  );
  client.creditNotes = [creditNote()];
  return client;
}

function creditNote(): CreditNote {
  return makeCreditNote({
    amount_remaining: 7500,
    reason: 'Damaged pallet',
    issued_on: '2025-11-15',
    applications: [
      {
        invoice: 'inv_2',
        invoice_number: 'INV-2',
        amount: 2500,
        created_at: '2025-11-16T10:00:00.000Z',
      },
    ],
    created_at: '2025-11-15T10:00:00.000Z',
  });
}

async function renderStatement(client: FakePortalClient, locale = 'en'): Promise<DulyStatement> {
  const element = await fixture<DulyStatement>(
    html`<duly-statement .client=${client} locale=${locale}></duly-statement>`,
  );
  await waitUntil(
    () => element.shadowRoot?.querySelector('[data-testid="statement-section"], [part="empty"]'),
    'statement not shown',
  );
  return element;
}

function section(element: DulyStatement, currency: string): HTMLElement {
  return one(element, `[data-testid="statement-section"][data-currency="${currency}"]`);
}

function bucketAmounts(sectionElement: HTMLElement): Record<string, string> {
  const amounts: Record<string, string> = {};
  for (const bucket of all(sectionElement, '[data-bucket]')) {
    if (!bucket.classList.contains('bucket')) continue;
    amounts[bucket.dataset.bucket ?? ''] = text(one(bucket, 'dd'));
  }
  return amounts;
}

describe('duly-statement', () => {
  it('shows aging per currency as of today', async () => {
    const element = await renderStatement(ledgerClient());

    expect(one<HTMLInputElement>(element, '[data-testid="as-of"]').value).to.equal('2025-12-04');
    expect(
      all(element, '[data-testid="statement-section"]').map((s) => s.dataset.currency),
    ).to.deep.equal(['JPY', 'USD']);
    expect(bucketAmounts(section(element, 'USD'))).to.deep.equal({
      current: '$100.00',
      '1_30': '$250.00',
      '31_60': '$0.00',
      '61_90': '$300.00',
      over_90: '$50.39',
    });
    expect(bucketAmounts(section(element, 'JPY'))).to.deep.equal({
      current: '¥0',
      '1_30': '¥0',
      '31_60': '¥100,000',
      '61_90': '¥0',
      over_90: '¥0',
    });
    // 700.39 open less 75.00 of credit note and 25.00 of unapplied wire.
    expect(text(one(section(element, 'USD'), '[data-testid="balance"]'))).to.equal('$600.39');
    expect(text(one(section(element, 'JPY'), '[data-testid="balance"]'))).to.equal('¥100,000');
  });

  it('marks overdue buckets apart from current', async () => {
    const element = await renderStatement(ledgerClient());
    const usd = section(element, 'USD');

    expect(one(usd, '.bucket[data-bucket="61_90"]').classList.contains('late')).to.be.true;
    expect(one(usd, '.bucket[data-bucket="current"]').classList.contains('late')).to.be.false;
    expect(one(usd, '.bucket[data-bucket="31_60"]').classList.contains('late')).to.be.false;
  });

  it('lists open items with days past due', async () => {
    const element = await renderStatement(ledgerClient());
    const usd = section(element, 'USD');
    const rows = all(usd, '[data-testid="statement-invoice"]');

    expect(rows.map((row) => row.dataset.invoiceNumber)).to.deep.equal([
      'INV-4',
      'INV-3',
      'INV-2',
      'INV-1',
    ]);
    const partlyPaid = one(usd, '[data-invoice-number="INV-3"]');
    expect(text(one(partlyPaid, '[data-testid="days-past-due"]'))).to.equal('64 days past due');
    expect(text(one(partlyPaid, '[data-testid="amount-open"]'))).to.equal('$300.00');
    expect(text(one(partlyPaid, '.figures'))).to.contain('of $400.00');
    const disputed = one(usd, '[data-invoice-number="INV-4"]');
    expect(text(one(disputed, '[data-testid="disputed"]'))).to.equal('Disputed');
    expect(text(one(disputed, '[data-testid="days-past-due"]'))).to.equal('125 days past due');
    expect(all(partlyPaid, '[data-testid="disputed"]')).to.have.length(0);
    const notDue = one(usd, '[data-invoice-number="INV-1"]');
    expect(text(one(notDue, '[data-testid="days-past-due"]'))).to.equal('Not due yet');
  });

  it('lists credits and recent payments', async () => {
    const element = await renderStatement(ledgerClient());
    const usd = section(element, 'USD');

    const credits = all(usd, '[data-testid="statement-credit"]').map(text);
    expect(credits).to.have.length(2);
    expect(credits[0]).to.contain('Credit note CN-000001').and.contain('−$75.00');
    expect(credits[1]).to.contain('Unapplied payment WIRE-88').and.contain('−$25.00');
    const payments = all(usd, '[data-testid="statement-payment"]');
    expect(payments.map((row) => row.dataset.paymentId)).to.deep.equal(['pay_late', 'pay_wire']);
    expect(text(payments[0] as HTMLElement))
      .to.contain('$120.00')
      .and.contain('Card');
    expect(text(payments[1] as HTMLElement)).to.contain('Recorded by the vendor');
    expect(text(one(section(element, 'JPY'), '.totals'))).to.not.contain('.');
  });

  it('reloads as of an earlier date', async () => {
    const client = ledgerClient();
    const element = await renderStatement(client);
    const input = one<HTMLInputElement>(element, '[data-testid="as-of"]');
    input.focus();

    input.value = '2025-11-30';
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => element.shadowRoot?.querySelector('[data-invoice-number="INV-6"]'));

    expect(client.lastArgument('getStatement')).to.deep.equal({ as_of: '2025-11-30' });
    const usd = section(element, 'USD');
    // INV-6 was paid on 2 December, so on 30 November it was open, 5 days past due.
    expect(text(one(usd, '[data-invoice-number="INV-6"] [data-testid="days-past-due"]'))).to.equal(
      '5 days past due',
    );
    expect(bucketAmounts(usd)['1_30']).to.equal('$370.00');
    expect(
      all(usd, '[data-testid="statement-payment"]').map((row) => row.dataset.paymentId),
    ).to.deep.equal(['pay_wire']);
    // The date picker stays in place while the statement reloads, so it keeps the focus.
    expect(deepActiveElement() === input, 'focused').to.be.true;
  });

  it('refuses a date after today', async () => {
    const client = ledgerClient();
    const element = await renderStatement(client);
    const input = one<HTMLInputElement>(element, '[data-testid="as-of"]');

    input.value = '2025-12-05';
    input.dispatchEvent(new Event('change'));
    await element.updateComplete;

    expect(text(one(element, '#as-of-error'))).to.equal('Choose Dec 4, 2025 or an earlier date.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('as-of-error');
    expect(client.callsOf('getStatement')).to.have.length(1);
  });

  it('downloads the CSV and PDF of the date shown', async () => {
    const client = ledgerClient();
    const element = await renderStatement(client);
    const saves = captureSaves();
    try {
      one(element, '[data-testid="download-csv"]').click();
      await waitUntil(() => saves.files.length === 1, 'no CSV saved');
      one(element, '[data-testid="download-pdf"]').click();
      await waitUntil(() => saves.files.length === 2, 'no PDF saved');
    } finally {
      saves.restore();
    }

    expect(saves.files.map((file) => file.name)).to.deep.equal([
      'statement-2025-12-04.csv',
      'statement-2025-12-04.pdf',
    ]);
    expect(client.lastArgument('downloadStatementCsv')).to.deep.equal({ as_of: '2025-12-04' });
    const csv = await (await fetch(saves.files[0]?.url ?? '')).text();
    expect(csv).to.contain('USD,invoice,INV-3,2025-09-01,2025-10-01,64,61_90,400.00,300.00');
    expect(csv).to.contain('JPY,invoice,INV-5,2025-11-01,2025-11-01,33,31_60,100000,100000');
  });

  it('says when a download fails', async () => {
    const client = ledgerClient();
    const element = await renderStatement(client);
    client.failNextCallOf.set('downloadStatementPdf', connectionFailure());

    one(element, '[data-testid="download-pdf"]').click();
    const error = await find(element, '[data-testid="download-error"]');

    expect(text(error)).to.equal('The file could not be downloaded. Try again.');
    expect(error.closest('[role="status"]')).to.exist;
  });

  it('opens a receipt and returns focus', async () => {
    const element = await renderStatement(ledgerClient());

    one(element, '[data-payment-id="pay_late"] [data-testid="open-receipt"]').click();
    const receipt = await find<DulyReceipt>(element, 'duly-receipt');
    await find(receipt, '[data-testid="receipt-total"]');
    expect(text(one(receipt, '[data-testid="receipt-total"]'))).to.equal('$120.00');

    one(receipt, '.back').click();
    await find(element, '[data-testid="statement-section"]');
    await element.updateComplete;
    const button = one(element, '[data-payment-id="pay_late"] [data-testid="open-receipt"]');
    expect(deepActiveElement() === button, 'focused').to.be.true;
  });

  it('shows an empty statement', async () => {
    const element = await renderStatement(new FakePortalClient([], makeSession()));

    expect(text(one(element, '[part="empty"]'))).to.contain(
      'You had no open invoices or credits on Dec 4, 2025.',
    );
  });

  it('shows an error state with retry', async () => {
    const client = ledgerClient();
    client.failNextCallOf.set('getStatement', connectionFailure());
    const element = await fixture<DulyStatement>(
      html`<duly-statement .client=${client}></duly-statement>`,
    );
    const error = await find(element, '[part="error"]');
    expect(text(error)).to.contain('We could not load your statement.');

    one(error, 'button').click();
    await find(element, '[data-testid="statement-section"]');
    expect(client.callsOf('getStatement')).to.have.length(2);
  });

  it('speaks Spanish with locale es', async () => {
    const element = await renderStatement(ledgerClient(), 'es');
    const usd = section(element, 'USD');

    expect(text(one(element, 'h2'))).to.equal('Estado de cuenta');
    expect(text(one(usd, '.bucket[data-bucket="over_90"] dt'))).to.equal('Más de 90 días');
    expect(text(one(usd, '[data-invoice-number="INV-3"] [data-testid="days-past-due"]'))).to.equal(
      '64 días de atraso',
    );
    expect(text(one(usd, '[data-testid="balance"]'))).to.equal('600,39 US$');
  });

  it('passes the axe accessibility check', async () => {
    const element = await renderStatement(ledgerClient());

    await expect(element).to.be.accessible();
  });
});
