import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import {
  FakePortalClient,
  makeCreditNote,
  makePayment,
  makePaymentNotice,
} from '../testing/fake-client.js';
import { all, find, one, text } from '../testing/helpers.js';
import type { DulyPayments } from './duly-payments.js';

function historyClient(): FakePortalClient {
  const client = new FakePortalClient();
  client.addPayments(
    makePayment({ id: 'pay_card', created_at: '2025-11-10T15:00:00.000Z' }),
    makePayment({
      id: 'pay_check',
      source: 'vendor',
      amount: 8000,
      created_at: '2025-11-25T09:00:00.000Z',
      payment_method: null,
      method_details: { type: 'offline', brand: null, last4: null },
      offline: { method: 'check', reference: '1042', received_on: '2025-11-25' },
      applications: [{ invoice: 'inv_2', invoice_number: 'INV-0002', amount: 6000 }],
      amount_unapplied: 2000,
    }),
  );
  client.paymentNotices.push(
    makePaymentNotice({
      id: 'pn_rejected',
      status: 'rejected',
      method: 'wire',
      reference: 'WX-88',
      amount: 12000,
      sent_on: '2025-11-14',
      created_at: '2025-11-15T08:00:00.000Z',
      rejection_reason: 'No wire arrived with this reference.',
      decided_at: '2025-11-20T08:00:00.000Z',
    }),
    makePaymentNotice({
      id: 'pn_confirmed',
      status: 'confirmed',
      created_at: '2025-11-24T08:00:00.000Z',
      payment: 'pay_check',
    }),
    makePaymentNotice({ id: 'pn_pending', created_at: '2025-12-02T15:00:00.000Z' }),
  );
  client.creditNotes.push(
    makeCreditNote({ id: 'cn_1', issued_on: '2025-11-20' }),
    makeCreditNote({
      id: 'cn_void',
      number: 'CN-000002',
      status: 'void',
      amount: 5000,
      amount_remaining: 5000,
      applications: [],
      reason: 'Issued by mistake',
      issued_on: '2025-11-01',
    }),
  );
  return client;
}

async function renderHistory(client: FakePortalClient, locale = 'en'): Promise<DulyPayments> {
  const element = await fixture<DulyPayments>(
    html`<duly-payments .client=${client} locale=${locale}></duly-payments>`,
  );
  await find(element, '[data-testid="payment-row"]');
  return element;
}

function entryIds(element: DulyPayments): string[] {
  return all(element, '.items > li').map(
    (row) => row.dataset.paymentId ?? row.dataset.noticeId ?? row.dataset.creditNoteId ?? '',
  );
}

describe('duly-payments history', () => {
  it('lists notices and credit notes by date', async () => {
    const element = await renderHistory(historyClient());

    expect(entryIds(element)).to.deep.equal([
      'pn_pending',
      'pay_check',
      'pn_confirmed',
      'cn_1',
      'pn_rejected',
      'pay_card',
      'cn_void',
    ]);
  });

  it('labels each notice by its status', async () => {
    const element = await renderHistory(historyClient());
    const statusOf = (id: string) =>
      text(one(one(element, `[data-notice-id="${id}"]`), '[data-testid="notice-status"]'));

    expect(statusOf('pn_pending')).to.equal('Awaiting confirmation');
    expect(statusOf('pn_confirmed')).to.equal('Confirmed');
    expect(statusOf('pn_rejected')).to.equal('Rejected');
    const rejected = one(element, '[data-notice-id="pn_rejected"]');
    expect(text(one(rejected, '[data-testid="notice-rejection"]'))).to.equal(
      'Reason: No wire arrived with this reference.',
    );
    expect(text(rejected)).to.contain('$120.00 · Payment you reported');
    expect(text(rejected)).to.contain('Wire transfer, reference WX-88 · Sent Nov 14, 2025');
  });

  it('shows a credit note and its use', async () => {
    const element = await renderHistory(historyClient());

    const note = one(element, '[data-credit-note-id="cn_1"]');
    expect(text(note)).to.contain('$100.00 · Credit note CN-000001');
    expect(text(note)).to.contain('Nov 20, 2025 · Damaged delivery');
    expect(text(one(note, '[data-testid="credit-note-use"]'))).to.equal(
      'Applied to INV-0001 · $90.00 left as credit',
    );
    expect(text(one(note, '[data-testid="credit-note-status"]'))).to.equal('Credit');
    const voided = one(element, '[data-credit-note-id="cn_void"]');
    expect(text(one(voided, '[data-testid="credit-note-status"]'))).to.equal('Void');
    expect(all(voided, '[data-testid="credit-note-use"]')).to.have.length(0);
  });

  it('names a recorded check and its credit', async () => {
    const element = await renderHistory(historyClient());

    const check = one(element, '[data-payment-id="pay_check"]');
    expect(text(check)).to.contain('Check, reference 1042 · For INV-0002');
    expect(text(one(check, '[data-testid="payment-extras"]'))).to.equal(
      '$20.00 added to your credit balance',
    );
  });

  it('shows credit used and a short pay', async () => {
    const client = new FakePortalClient();
    client.addPayments(
      makePayment({
        amount: 2000,
        credit_applied: 3000,
        short_pay: { reason: 'Pricing disagreement', note: null },
      }),
    );
    const element = await renderHistory(client);

    expect(text(one(element, '[data-testid="payment-extras"]'))).to.equal(
      'Plus $30.00 from credit · Paid partly: Pricing disagreement',
    );
  });

  it('labels the history in Spanish', async () => {
    const element = await renderHistory(historyClient(), 'es');

    const statusOf = (id: string) =>
      text(one(one(element, `[data-notice-id="${id}"]`), '[data-testid="notice-status"]'));
    expect(statusOf('pn_pending')).to.equal('Pendiente de confirmar');
    expect(statusOf('pn_rejected')).to.equal('Rechazado');
    expect(text(one(element, '[data-credit-note-id="cn_1"]'))).to.contain(
      'Nota de crédito CN-000001',
    );
  });

  it('loads the next page of each list', async () => {
    const client = historyClient();
    // The fake lists notices newest first by the order they were added: oldest first here.
    const older = Array.from({ length: 30 }, (_, index) =>
      makePaymentNotice({
        id: `pn_old${index}`,
        status: 'confirmed',
        created_at: `2025-01-${String(index + 1).padStart(2, '0')}T08:00:00.000Z`,
      }),
    );
    client.paymentNotices.unshift(...older);
    const element = await renderHistory(client);
    expect(all(element, '[data-testid="notice-row"]')).to.have.length(25);

    one(element, '[data-testid="load-more-payments"]').click();
    await find(element, '[data-notice-id="pn_old0"]');

    expect(all(element, '[data-testid="notice-row"]')).to.have.length(33);
    expect(all(element, '[data-testid="load-more-payments"]')).to.have.length(0);
    expect(client.callsOf('listPayments')).to.have.length(1);
  });

  it('passes the axe check', async () => {
    const element = await renderHistory(historyClient());

    await expect(element).to.be.accessible();
  });
});
