import type { InvoiceThread, List } from '@duly/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/index.js';
import { ApiFixture } from '../http/api-fixture.js';
import { eventTypes } from '../testing/ledger-reads.js';
import { expectProblemCases, type ProblemCase } from '../testing/problem-cases.js';

/** The fields of a problem document, for helpers whose response may be an error. */
type ProblemFields = { code?: string; detail?: string; param?: string };
const db = connectDatabase(inject('databaseUrl'), { max: 4 });
let api: ApiFixture;
let other: ApiFixture;

beforeAll(async () => {
  api = await ApiFixture.create(db, { vendorName: 'Thread Test Vendor' });
  other = await ApiFixture.create(db, { vendorName: 'Other Thread Vendor' });
});
afterAll(() => db.destroy());

async function customerWithInvoice(total = 25_000) {
  const customer = await api.createCustomer();
  const invoice = await api.createInvoice(customer.id, { total });
  // A day long, so that the tests can move the clock between messages.
  const session = await api.createSession(customer.id, { expires_in: 86_400 });
  return { customer, invoice, session };
}

function openThread(session: string, invoiceId: string, body: unknown) {
  return api.request<InvoiceThread & ProblemFields>(
    'POST',
    `/v1/portal/invoices/${invoiceId}/threads`,
    {
      auth: session,
      body,
    },
  );
}

function customerReply(session: string, threadId: string, message: string) {
  return api.request<InvoiceThread & ProblemFields>(
    'POST',
    `/v1/portal/threads/${threadId}/messages`,
    {
      auth: session,
      body: { message },
    },
  );
}

function vendorReply(threadId: string, message: string) {
  return api.request<InvoiceThread & ProblemFields>('POST', `/v1/threads/${threadId}/messages`, {
    auth: api.vendor.secret_key,
    body: { message },
  });
}

function resolve(threadId: string, resolution: string) {
  return api.request<InvoiceThread & ProblemFields>('POST', `/v1/threads/${threadId}/resolve`, {
    auth: api.vendor.secret_key,
    body: { resolution },
  });
}

async function disputedFlag(invoiceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invoice')
    .select('disputed')
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return row.disputed;
}

/** Counts of everything thread routes write for the fixture's vendor. */
async function threadSnapshot() {
  const { rows } = await sql<Record<string, string>>`
    SELECT
      (SELECT count(*) FROM event WHERE vendor_id = ${api.vendor.id}) AS events,
      (SELECT count(*) FROM invoice_thread WHERE vendor_id = ${api.vendor.id}) AS threads,
      (SELECT count(*) FROM thread_message m JOIN invoice_thread t ON t.id = m.thread_id
        WHERE t.vendor_id = ${api.vendor.id}) AS messages,
      (SELECT json_agg(json_build_array(id, disputed, updated_at) ORDER BY id) FROM invoice
        WHERE vendor_id = ${api.vendor.id}) AS invoices,
      (SELECT json_agg(json_build_array(id, status, updated_at) ORDER BY id) FROM invoice_thread
        WHERE vendor_id = ${api.vendor.id}) AS thread_states
  `.execute(db);
  return rows[0];
}

describe('a dispute from the portal', () => {
  it('is opened, answered, replied to and resolved', async () => {
    api.clock.set('2026-03-15T12:00:00Z');
    const { customer, invoice, session } = await customerWithInvoice(25_000);

    const opened = await openThread(session, invoice.id, {
      kind: 'dispute',
      reason: 'incorrect_amount',
      amount: 5_000,
      message: 'We ordered 40 boxes, not 50.',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      object: 'invoice_thread',
      invoice: invoice.id,
      invoice_number: invoice.number,
      customer: customer.id,
      kind: 'dispute',
      status: 'open',
      reason: 'incorrect_amount',
      amount_disputed: 5_000,
      currency: 'USD',
      resolution: null,
      livemode: false,
      created_at: '2026-03-15T12:00:00.000Z',
      resolved_at: null,
    });
    expect(opened.body.messages).toMatchObject([
      { author: 'customer', body: 'We ordered 40 boxes, not 50.' },
    ]);
    const threadId = opened.body.id;
    expect(threadId).toMatch(/^thr_/);
    expect(await disputedFlag(invoice.id)).toBe(true);
    const listed = await api.request<List<{ id: string; disputed: boolean }>>(
      'GET',
      '/v1/portal/invoices',
      { auth: session },
    );
    expect(listed.body.data).toEqual([expect.objectContaining({ id: invoice.id, disputed: true })]);

    api.clock.set('2026-03-16T09:00:00Z');
    const answered = await vendorReply(
      threadId,
      'The delivery note says 50; can you send a photo?',
    );
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    expect(answered.body.updated_at).toBe('2026-03-16T09:00:00.000Z');
    expect(answered.body.messages.map((message) => message.author)).toEqual(['customer', 'vendor']);
    expect(await disputedFlag(invoice.id)).toBe(true);

    api.clock.set('2026-03-16T10:30:00Z');
    const replied = await customerReply(session, threadId, 'Photo attached to our email.');
    expect(replied.status).toBe(200);
    expect(replied.body.status).toBe('open');
    expect(replied.body.messages.map((message) => [message.author, message.body])).toEqual([
      ['customer', 'We ordered 40 boxes, not 50.'],
      ['vendor', 'The delivery note says 50; can you send a photo?'],
      ['customer', 'Photo attached to our email.'],
    ]);

    api.clock.set('2026-03-17T08:00:00Z');
    const resolved = await resolve(threadId, 'We will issue a credit note for 10 boxes.');
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: 'We will issue a credit note for 10 boxes.',
      resolved_at: '2026-03-17T08:00:00.000Z',
      updated_at: '2026-03-17T08:00:00.000Z',
    });
    expect(resolved.body.messages).toHaveLength(3);
    expect(await disputedFlag(invoice.id)).toBe(false);

    expect(await eventTypes(db, threadId)).toEqual([
      'dispute.created',
      'dispute.replied',
      'dispute.replied',
      'dispute.resolved',
    ]);
    expect(await eventTypes(db, invoice.id)).toEqual([
      'invoice.created',
      'invoice.disputed',
      'invoice.dispute_cleared',
    ]);
    const invoiceEvents = await db
      .selectFrom('event')
      .select(['type', 'data', 'created_at'])
      .where('object_id', '=', invoice.id)
      .where('type', 'like', 'invoice.dispute%')
      .orderBy('seq')
      .execute();
    expect(invoiceEvents.map((event) => [event.data, event.created_at.toISOString()])).toEqual([
      [
        {
          invoice: invoice.id,
          thread: threadId,
          reason: 'incorrect_amount',
          amount_disputed: 5_000,
          currency: 'USD',
        },
        '2026-03-15T12:00:00.000Z',
      ],
      [
        {
          invoice: invoice.id,
          thread: threadId,
          resolution: 'We will issue a credit note for 10 boxes.',
        },
        '2026-03-17T08:00:00.000Z',
      ],
    ]);
    const resolvedEvent = await db
      .selectFrom('event')
      .select('data')
      .where('object_id', '=', threadId)
      .where('type', '=', 'dispute.resolved')
      .executeTakeFirstOrThrow();
    expect(resolvedEvent.data).toEqual(resolved.body);
  });

  it('refuses messages and resolution once resolved', async () => {
    const { invoice, session } = await customerWithInvoice();
    const opened = await openThread(session, invoice.id, {
      kind: 'dispute',
      reason: 'not_received',
      message: 'Nothing arrived.',
    });
    await resolve(opened.body.id, 'Delivered on 3 March, signed by J. Ruiz.');
    const before = await threadSnapshot();

    const fromCustomer = await customerReply(session, opened.body.id, 'That was not us.');
    const fromVendor = await vendorReply(opened.body.id, 'See the signature.');
    const again = await resolve(opened.body.id, 'Closed again.');

    for (const response of [fromCustomer, fromVendor, again]) {
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'thread_resolved' });
    }
    expect(await threadSnapshot()).toEqual(before);
  });

  it('opens a second dispute once the first is resolved', async () => {
    const { invoice, session } = await customerWithInvoice();
    const first = await openThread(session, invoice.id, {
      kind: 'dispute',
      reason: 'duplicate',
      message: 'Billed twice.',
    });
    await resolve(first.body.id, 'The other invoice is void.');

    const second = await openThread(session, invoice.id, {
      kind: 'dispute',
      reason: 'damaged_or_defective',
      message: 'Two crates were broken.',
    });

    expect(second.status).toBe(201);
    expect(await disputedFlag(invoice.id)).toBe(true);
  });
});

describe('a question from the portal', () => {
  it('leaves the invoice undisputed through its life', async () => {
    const customer = await api.createCustomer();
    const paid = await api.createInvoice(customer.id, { total: 0 });
    const session = await api.createSession(customer.id);

    const asked = await openThread(session, paid.id, {
      kind: 'question',
      message: 'Why is this invoice zero?',
    });
    const answered = await vendorReply(asked.body.id, 'The order was covered by a promotion.');
    const resolved = await resolve(asked.body.id, 'Answered.');

    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      kind: 'question',
      status: 'open',
      reason: null,
      amount_disputed: null,
    });
    expect(answered.body.status).toBe('answered');
    expect(resolved.body.status).toBe('resolved');
    expect(await disputedFlag(paid.id)).toBe(false);
    expect(await eventTypes(db, asked.body.id)).toEqual([
      'question.created',
      'question.replied',
      'question.resolved',
    ]);
    expect(await eventTypes(db, paid.id)).toEqual(['invoice.created']);
  });
});

describe('thread lists and reads', () => {
  it('lists the customer’s threads by latest activity', async () => {
    api.clock.set('2026-04-01T12:00:00Z');
    const { customer, invoice, session } = await customerWithInvoice();
    const second = await api.createInvoice(customer.id);
    const older = await openThread(session, invoice.id, { kind: 'question', message: 'First?' });
    api.clock.advance(60_000);
    const newer = await openThread(session, second.id, { kind: 'question', message: 'Second?' });
    api.clock.advance(60_000);
    await vendorReply(older.body.id, 'Answer to the first.');
    const stranger = await customerWithInvoice();
    await openThread(stranger.session, stranger.invoice.id, { kind: 'question', message: 'Hi' });

    const all = await api.request<List<InvoiceThread>>('GET', '/v1/portal/threads', {
      auth: session,
    });
    const ofInvoice = await api.request<List<InvoiceThread>>(
      'GET',
      `/v1/portal/threads?invoice=${second.id}`,
      { auth: session },
    );
    const firstPage = await api.request<List<InvoiceThread>>('GET', '/v1/portal/threads?limit=1', {
      auth: session,
    });
    const secondPage = await api.request<List<InvoiceThread>>(
      'GET',
      `/v1/portal/threads?limit=1&cursor=${firstPage.body.next_cursor}`,
      { auth: session },
    );

    expect(all.body.data.map((thread) => thread.id)).toEqual([older.body.id, newer.body.id]);
    expect(all.body.data[0]?.messages).toHaveLength(2);
    expect(ofInvoice.body.data.map((thread) => thread.id)).toEqual([newer.body.id]);
    expect(firstPage.body.data.map((thread) => thread.id)).toEqual([older.body.id]);
    expect(secondPage.body.data.map((thread) => thread.id)).toEqual([newer.body.id]);
    expect(secondPage.body.next_cursor).toBeNull();
  });

  it('filters the vendor’s threads', async () => {
    const { customer, invoice, session } = await customerWithInvoice();
    const question = await openThread(session, invoice.id, { kind: 'question', message: 'Q?' });
    api.clock.advance(1_000);
    const dispute = await openThread(session, invoice.id, {
      kind: 'dispute',
      reason: 'other',
      message: 'We disagree.',
    });
    api.clock.advance(1_000);
    await vendorReply(question.body.id, 'Answered.');

    const list = (query: string) =>
      api.request<List<InvoiceThread>>('GET', `/v1/threads?customer=${customer.id}${query}`, {
        auth: api.vendor.secret_key,
      });
    const ids = async (query: string) => (await list(query)).body.data.map((thread) => thread.id);

    expect(await ids('')).toEqual([question.body.id, dispute.body.id]);
    expect(await ids('&kind=dispute')).toEqual([dispute.body.id]);
    expect(await ids('&status=answered')).toEqual([question.body.id]);
    expect(await ids(`&invoice=${invoice.id}&status=open`)).toEqual([dispute.body.id]);
    expect(await ids('&status=resolved')).toEqual([]);
  });

  it('hides other customers’ and vendors’ threads', async () => {
    const { invoice, session } = await customerWithInvoice();
    const opened = await openThread(session, invoice.id, { kind: 'question', message: 'Mine.' });
    const stranger = await customerWithInvoice();
    const otherCustomer = await other.createCustomer();
    const otherSession = await other.createSession(otherCustomer.id);

    const byStranger = await api.request('GET', `/v1/portal/threads/${opened.body.id}`, {
      auth: stranger.session,
    });
    const replyByStranger = await customerReply(stranger.session, opened.body.id, 'Hello?');
    const byOtherVendor = await other.request('GET', `/v1/threads/${opened.body.id}`, {
      auth: other.vendor.secret_key,
    });
    const onOtherVendorsInvoice = await other.request(
      'POST',
      `/v1/portal/invoices/${invoice.id}/threads`,
      { auth: otherSession, body: { kind: 'question', message: 'Whose?' } },
    );
    const byVendor = await api.request('GET', `/v1/threads/${opened.body.id}`, {
      auth: api.vendor.secret_key,
    });

    expect(byStranger.status).toBe(404);
    expect(byStranger.body.code).toBe('thread_not_found');
    expect(replyByStranger.body.code).toBe('thread_not_found');
    expect(byOtherVendor.body.code).toBe('thread_not_found');
    expect(onOtherVendorsInvoice.body.code).toBe('invoice_not_found');
    expect(byVendor.status).toBe(200);
  });
});

describe('bad thread requests', () => {
  it('each get their code and param and change nothing', async () => {
    const { customer, invoice, session } = await customerWithInvoice(10_000);
    const paid = await api.createInvoice(customer.id, { total: 0 });
    const draft = await api.createInvoice(customer.id, { status: 'draft' });
    const stranger = await customerWithInvoice();
    const disputed = await api.createInvoice(customer.id);
    const existing = await openThread(session, disputed.id, {
      kind: 'dispute',
      reason: 'other',
      message: 'First dispute.',
    });
    const vendor = api.vendor.secret_key;
    const before = await threadSnapshot();

    const dispute = { kind: 'dispute', reason: 'duplicate', message: 'Billed twice.' };
    const cases: ProblemCase[] = [
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { kind: 'dispute', message: 'No reason.' },
        status: 400,
        code: 'validation_failed',
        param: 'reason',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { kind: 'question', reason: 'other', message: 'Why?' },
        status: 400,
        code: 'validation_failed',
        param: 'reason',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { kind: 'question', amount: 100, message: 'Why?' },
        status: 400,
        code: 'validation_failed',
        param: 'amount',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { ...dispute, amount: 10_001 },
        status: 400,
        code: 'validation_failed',
        param: 'amount',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { ...dispute, amount: 0 },
        status: 400,
        code: 'amount_zero',
        param: 'amount',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { ...dispute, message: '   ' },
        status: 400,
        code: 'validation_failed',
        param: 'message',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { ...dispute, kind: 'complaint' },
        status: 400,
        code: 'validation_failed',
        param: 'kind',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${invoice.id}/threads`,
        auth: session,
        body: { ...dispute, priority: 'high' },
        status: 400,
        code: 'validation_failed',
        param: 'priority',
      },
      {
        method: 'POST',
        path: '/v1/portal/invoices/inv_doesNotExist/threads',
        auth: session,
        body: dispute,
        status: 404,
        code: 'invoice_not_found',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${stranger.invoice.id}/threads`,
        auth: session,
        body: dispute,
        status: 404,
        code: 'invoice_not_found',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${draft.id}/threads`,
        auth: session,
        body: { kind: 'question', message: 'What is this?' },
        status: 404,
        code: 'invoice_not_found',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${paid.id}/threads`,
        auth: session,
        body: dispute,
        status: 409,
        code: 'invoice_not_open',
      },
      {
        method: 'POST',
        path: `/v1/portal/invoices/${disputed.id}/threads`,
        auth: session,
        body: dispute,
        status: 409,
        code: 'dispute_exists',
      },
      {
        method: 'POST',
        path: `/v1/portal/threads/${existing.body.id}/messages`,
        auth: session,
        body: { message: '' },
        status: 400,
        code: 'validation_failed',
        param: 'message',
      },
      {
        method: 'POST',
        path: `/v1/portal/threads/${existing.body.id}/messages`,
        auth: stranger.session,
        body: { message: 'Not mine.' },
        status: 404,
        code: 'thread_not_found',
      },
      {
        method: 'POST',
        path: `/v1/threads/${existing.body.id}/messages`,
        auth: vendor,
        body: { message: 'x'.repeat(5001) },
        status: 400,
        code: 'validation_failed',
        param: 'message',
      },
      {
        method: 'POST',
        path: `/v1/threads/${existing.body.id}/resolve`,
        auth: vendor,
        body: {},
        status: 400,
        code: 'validation_failed',
        param: 'resolution',
      },
      {
        method: 'POST',
        path: '/v1/threads/thr_doesNotExist/resolve',
        auth: vendor,
        body: { resolution: 'Done.' },
        status: 404,
        code: 'thread_not_found',
      },
      {
        method: 'GET',
        path: '/v1/threads?status=closed',
        auth: vendor,
        status: 400,
        code: 'validation_failed',
        param: 'status',
      },
      {
        method: 'GET',
        path: '/v1/threads?customer=inv_wrongKind',
        auth: vendor,
        status: 400,
        code: 'validation_failed',
        param: 'customer',
      },
      {
        method: 'GET',
        path: '/v1/threads?cursor=bm90LWEtY3Vyc29y',
        auth: vendor,
        status: 400,
        code: 'invalid_cursor',
        param: 'cursor',
      },
      {
        method: 'GET',
        path: '/v1/portal/threads?invoice=cus_wrongKind',
        auth: session,
        status: 400,
        code: 'validation_failed',
        param: 'invoice',
      },
    ];

    await expectProblemCases(api, cases);
    expect(await threadSnapshot()).toEqual(before);
  });

  it('names the invoice total when the disputed amount is above it', async () => {
    const { invoice, session } = await customerWithInvoice(10_000);

    const response = await openThread(session, invoice.id, {
      kind: 'dispute',
      reason: 'incorrect_amount',
      amount: 10_001,
      message: 'Too much.',
    });

    expect(response.body.detail).toBe(
      'amount 100.01 USD is more than the invoice total of 100.00 USD. Dispute at most the total, or leave amount out to dispute the whole invoice.',
    );
  });
});
