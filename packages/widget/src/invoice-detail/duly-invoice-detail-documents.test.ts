import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { DulyInvoiceList } from '../invoice-list/duly-invoice-list.js';
import type { DulyPortal } from '../portal/duly-portal.js';
import { captureSaves } from '../testing/downloads.js';
import {
  connectionFailure,
  FakePortalClient,
  makeInvoice,
  makeSession,
  makeThread,
} from '../testing/fake-client.js';
import { find, one, text } from '../testing/helpers.js';
import type { DulyInvoiceThreads } from '../threads/duly-invoice-threads.js';
import type { DulyInvoiceDetail } from './duly-invoice-detail.js';

async function renderDetail(client: FakePortalClient): Promise<DulyInvoiceDetail> {
  const detail = await fixture<DulyInvoiceDetail>(
    html`<duly-invoice-detail invoice-id="inv_1" .client=${client}></duly-invoice-detail>`,
  );
  await find(detail, 'h2');
  return detail;
}

describe('duly-invoice-detail documents and threads', () => {
  it('downloads the invoice PDF', async () => {
    const client = new FakePortalClient([makeInvoice({ number: 'INV-0001' })]);
    const detail = await renderDetail(client);
    const saves = captureSaves();
    try {
      one(detail, '[data-testid="download-invoice"]').click();
      await waitUntil(() => saves.files.length === 1, 'no PDF saved');
    } finally {
      saves.restore();
    }

    expect(saves.files[0]?.name).to.equal('invoice-INV-0001.pdf');
    expect(client.lastArgument('downloadInvoicePdf')).to.equal('inv_1');
    const pdf = await (await fetch(saves.files[0]?.url ?? '')).text();
    expect(pdf).to.equal('%PDF-1.4 invoice INV-0001');
  });

  it('says when the PDF download fails', async () => {
    const client = new FakePortalClient([makeInvoice()]);
    const detail = await renderDetail(client);
    client.failNextCallOf.set('downloadInvoicePdf', connectionFailure());

    one(detail, '[data-testid="download-invoice"]').click();
    const error = await find(detail, '[data-testid="download-error"]');

    expect(text(error)).to.equal('The PDF could not be downloaded. Try again.');
    expect(error.closest('[role="status"]')).to.exist;
  });

  it("shows the invoice's threads", async () => {
    const client = new FakePortalClient([makeInvoice()]);
    client.threads.add(makeThread({ id: 'thr_1', status: 'answered' }));
    client.threads.add(makeThread({ id: 'thr_other', invoice: 'inv_2' }));
    const detail = await renderDetail(client);
    const threads = await find<DulyInvoiceThreads>(detail, 'duly-invoice-threads');
    await find(threads, '[data-testid="thread"]');

    expect(client.lastArgument('listThreads')).to.deep.equal({ invoice: 'inv_1', limit: 100 });
    expect(threads.shadowRoot?.querySelectorAll('[data-testid="thread"]')).to.have.length(1);
  });

  it('refreshes the list after a dispute in the portal', async () => {
    const client = new FakePortalClient([makeInvoice()], makeSession());
    const portal = await fixture<DulyPortal>(html`<duly-portal .client=${client}></duly-portal>`);
    const list = await find<DulyInvoiceList>(portal, 'duly-invoice-list');
    await find(list, '[data-testid="invoice-row"]');
    one(list, '.number').click();
    const detail = await find<DulyInvoiceDetail>(portal, 'duly-invoice-detail');
    const threads = await find<DulyInvoiceThreads>(detail, 'duly-invoice-threads');
    await find(threads, '[data-testid="no-threads"]');
    const listLoads = client.callsOf('listInvoices').length;

    one(threads, '[data-testid="dispute-invoice"]').click();
    await threads.updateComplete;
    const reason = one<HTMLSelectElement>(threads, '[data-testid="dispute-reason"]');
    reason.value = 'not_received';
    reason.dispatchEvent(new Event('change'));
    const message = one<HTMLTextAreaElement>(threads, '[data-testid="thread-message"]');
    message.value = 'Nothing arrived.';
    message.dispatchEvent(new Event('input'));
    one(threads, '[data-testid="thread-send"]').click();
    await find(threads, '[data-testid="thread"]');

    await waitUntil(() => client.callsOf('listInvoices').length > listLoads, 'list not refreshed');
    expect(client.invoices[0]?.disputed).to.be.true;

    // The vendor's reply carries the vendor's name from the session.
    const thread = one(threads, '[data-testid="thread"]');
    client.threads.answer(thread.dataset.threadId ?? '', 'We are checking with the carrier.');
    await threads.refresh();
    await threads.updateComplete;
    const vendorMessage = one(threads, '.message[data-author="vendor"]');
    expect(text(one(vendorMessage, 'strong'))).to.equal('Northwind Supply');
  });
});
