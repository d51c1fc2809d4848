import type { Invoice, InvoiceThread, List } from '@duly/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import type { ApiFixture } from '../http/api-fixture.js';
import { createImportedLedgerFixture, importedCustomerId } from '../testing/imported-ledger.js';
import { readReferenceLedgerCsv } from '../testing/reference-ledger-csv.js';

const db = connectDatabase(inject('databaseUrl'), { max: 4 });
const AS_OF = '2013-11-30';
let api: ApiFixture;

/**
 * Lists the invoices that the reference ledger CSV marks disputed and that were still
 * unsettled at the end of the as-of date.
 */
function openDisputedInCsv() {
  return readReferenceLedgerCsv().filter(
    (row) => row.disputed && row.issued <= AS_OF && row.settled > AS_OF,
  );
}

const expected = openDisputedInCsv();

beforeAll(async () => {
  api = await createImportedLedgerFixture(db, AS_OF, {
    now: '2013-11-30T12:00:00Z',
    vendorName: 'Imported Co.',
  });
});
afterAll(() => db.destroy());

function customerIdOf(externalId: string): Promise<string> {
  return importedCustomerId(db, api.vendor.id, externalId);
}

async function openDisputeThreads(): Promise<InvoiceThread[]> {
  const response = await api.request<List<InvoiceThread>>(
    'GET',
    '/v1/threads?kind=dispute&status=open&limit=100',
    { auth: api.vendor.secret_key },
  );
  expect(response.status).toBe(200);
  return response.body.data;
}

describe('disputes of the imported ledger as of 2013-11-30', () => {
  it('counts 20 open disputed invoices in the CSV', () => {
    expect(expected).toHaveLength(20);
  });

  it('shows each open disputed invoice as disputed in the portal', async () => {
    const customers = [...new Set(expected.map((row) => row.customer))];
    const disputedInPortal: string[] = [];
    for (const externalId of customers) {
      const session = await api.createSession(await customerIdOf(externalId));
      const response = await api.request<List<Invoice>>(
        'GET',
        '/v1/portal/invoices?status=open&limit=100',
        { auth: session },
      );
      expect(response.status).toBe(200);
      for (const invoice of response.body.data) {
        if (invoice.disputed) disputedInPortal.push(invoice.number);
      }
    }

    expect(disputedInPortal.sort()).toEqual(expected.map((row) => row.number).sort());
  });

  it('opens one dispute thread per open disputed invoice', async () => {
    const threads = await openDisputeThreads();
    const byNumber = new Map(threads.map((thread) => [thread.invoice_number, thread]));

    expect(threads).toHaveLength(expected.length);
    for (const row of expected) {
      const thread = byNumber.get(row.number);
      const issuedAt = `${row.issued}T12:00:00.000Z`;
      expect(thread, row.number).toMatchObject({
        kind: 'dispute',
        status: 'open',
        reason: 'other',
        amount_disputed: null,
        currency: 'USD',
        customer: await customerIdOf(row.customer),
        created_at: issuedAt,
        resolved_at: null,
      });
      expect(thread?.messages, row.number).toEqual([
        {
          id: expect.stringMatching(/^msg_/),
          author: 'vendor',
          body: 'This invoice was marked as disputed in our records before the portal.',
          created_at: issuedAt,
        },
      ]);
    }
  });

  it('leaves paid disputed invoices without a thread', async () => {
    const threads = await db
      .selectFrom('invoice_thread')
      .innerJoin('invoice', 'invoice.id', 'invoice_thread.invoice_id')
      .select('invoice.status')
      .where('invoice_thread.vendor_id', '=', api.vendor.id)
      .execute();

    expect(threads).toHaveLength(expected.length);
    expect(threads.every((thread) => thread.status === 'open')).toBe(true);
  });

  it('lets the vendor resolve an imported dispute', async () => {
    const [thread] = await openDisputeThreads();
    if (thread === undefined) throw new Error('no imported dispute thread');
    const session = await api.createSession(thread.customer);

    const resolved = await api.request<InvoiceThread>('POST', `/v1/threads/${thread.id}/resolve`, {
      auth: api.vendor.secret_key,
      body: { resolution: 'Settled with the customer by phone.' },
    });
    const invoice = await api.request<Invoice>('GET', `/v1/portal/invoices/${thread.invoice}`, {
      auth: session,
    });
    const events = await db
      .selectFrom('event')
      .select('type')
      .where('object_id', 'in', [thread.id, thread.invoice])
      .orderBy('seq')
      .execute();

    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(invoice.body.disputed).toBe(false);
    expect(await openDisputeThreads()).toHaveLength(expected.length - 1);
    expect(events.map((event) => event.type)).toEqual([
      'invoice.created',
      'dispute.created',
      'invoice.disputed',
      'dispute.resolved',
      'invoice.dispute_cleared',
    ]);
  });
});
