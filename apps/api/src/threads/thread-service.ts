import { type CreateThreadRequest, formatDecimalAmount, type InvoiceThread } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { type EventType, eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth, Tenant } from '../http/app-env.js';
import { isUniqueViolation } from '../http/database-errors.js';
import { newId } from '../ids.js';
import { type InvoiceRow, lockInvoice } from '../invoices/invoice-repository.js';
import { invoiceNotFound } from '../invoices/invoice-service.js';
import { clearInvoiceDispute, markInvoiceDisputed } from './invoice-dispute.js';
import { toThread } from './thread-object.js';
import {
  findOpenDispute,
  findThread,
  insertMessage,
  insertThread,
  listMessages,
  lockThread,
  markThreadResolved,
  type ThreadRow,
  type ThreadWithInvoiceRow,
  updateThreadStatus,
} from './thread-repository.js';

/** The author of a message: the customer in the portal or the vendor through its API. */
export type ThreadAuthor = 'customer' | 'vendor';

/** Builds the `thread_not_found` error for `threadId`, the same for unknown and foreign ids. */
function threadNotFound(threadId: string): ApiError {
  return new ApiError('thread_not_found', `No thread with id ${threadId} exists.`);
}

/** Reads a thread with its messages as its API object. */
async function readThread(db: Db | Trx, tenant: Tenant, threadId: string): Promise<InvoiceThread> {
  const row = await findThread(db, tenant, threadId);
  if (row === undefined) throw threadNotFound(threadId);
  return toThread(row, await listMessages(db, [row.id]));
}

/**
 * Retrieves a thread of the tenant, and of `customerId` when given, with its messages.
 * Throws `thread_not_found` otherwise.
 */
export async function retrieveThread(
  db: Db,
  tenant: Tenant,
  threadId: string,
  customerId?: string,
): Promise<InvoiceThread> {
  const row = await findThreadOrThrow(db, tenant, threadId, customerId);
  return toThread(row, await listMessages(db, [row.id]));
}

async function findThreadOrThrow(
  db: Db,
  tenant: Tenant,
  threadId: string,
  customerId?: string,
): Promise<ThreadWithInvoiceRow> {
  const row = await findThread(db, tenant, threadId, customerId);
  if (row === undefined) throw threadNotFound(threadId);
  return row;
}

/**
 * Opens a question or a dispute about one of the customer's invoices, with the customer's
 * first message. A dispute needs an open invoice with no other open dispute; it marks the
 * invoice disputed in the same transaction. Drafts are not shown to customers, so they are
 * not found.
 */
export async function openThread(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  invoiceId: string,
  request: CreateThreadRequest,
): Promise<InvoiceThread> {
  const now = clock.now();
  const threadId = newId('thr');

  try {
    return await db.transaction().execute(async (trx) => {
      const invoice = await lockInvoice(trx, portal, invoiceId);
      if (
        invoice === undefined ||
        invoice.customer_id !== portal.customerId ||
        invoice.status === 'draft'
      ) {
        throw invoiceNotFound(invoiceId);
      }
      if (request.kind === 'dispute') await checkDisputable(trx, invoice, request);

      const thread: ThreadRow = {
        id: threadId,
        vendor_id: portal.vendorId,
        livemode: portal.livemode,
        customer_id: portal.customerId,
        invoice_id: invoice.id,
        kind: request.kind,
        status: 'open',
        reason: request.reason ?? null,
        amount_disputed: request.amount === undefined ? null : String(request.amount),
        resolution: null,
        created_at: now,
        updated_at: now,
        resolved_at: null,
      };
      await insertThread(trx, thread, {
        id: newId('msg'),
        author: 'customer',
        body: request.message,
        created_at: now,
      });
      const created = await readThread(trx, portal, threadId);
      await recordThreadEvent(trx, thread, `${thread.kind}.created`, created, now);
      if (thread.kind === 'dispute') await markInvoiceDisputed(trx, invoice, thread, now);
      return created;
    });
  } catch (error) {
    // The invoice lock keeps two disputes apart; the unique index is the last guard.
    if (isUniqueViolation(error, 'invoice_thread_open_dispute')) {
      throw disputeExists(invoiceId);
    }
    throw error;
  }
}

/** Throws unless the customer may dispute `invoice` as `request` describes. */
async function checkDisputable(
  trx: Trx,
  invoice: InvoiceRow,
  request: CreateThreadRequest,
): Promise<void> {
  if (invoice.status !== 'open') {
    throw new ApiError(
      'invoice_not_open',
      `Invoice ${invoice.number} is ${invoice.status}; only an open invoice can be disputed. Ask a question about it instead.`,
    );
  }
  const total = Number(invoice.total);
  if (request.amount !== undefined && request.amount > total) {
    throw new ApiError(
      'validation_failed',
      `amount ${formatDecimalAmount(request.amount, invoice.currency)} ${invoice.currency} is more than the invoice total of ${formatDecimalAmount(total, invoice.currency)} ${invoice.currency}. Dispute at most the total, or leave amount out to dispute the whole invoice.`,
      { param: 'amount' },
    );
  }
  const open = await findOpenDispute(trx, invoice.id);
  if (open !== undefined) throw disputeExists(invoice.number, open.id);
}

function disputeExists(invoice: string, threadId?: string): ApiError {
  const dispute = threadId === undefined ? 'an open dispute' : `an open dispute, ${threadId}`;
  return new ApiError(
    'dispute_exists',
    `Invoice ${invoice} already has ${dispute}. Add a message to it instead of opening another.`,
  );
}

/**
 * Adds a message to a thread that is not resolved. A vendor's message makes the thread
 * `answered`, a customer's makes it `open` again. Throws `thread_resolved` once resolved.
 * With `customerId`, another customer's thread is not found.
 */
export async function replyToThread(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  threadId: string,
  author: ThreadAuthor,
  body: string,
  customerId?: string,
): Promise<InvoiceThread> {
  await findThreadOrThrow(db, tenant, threadId, customerId);
  const now = clock.now();

  return db.transaction().execute(async (trx) => {
    const thread = await lockThread(trx, threadId);
    if (thread.status === 'resolved') throw threadResolved(thread);

    await insertMessage(trx, {
      id: newId('msg'),
      thread_id: thread.id,
      author,
      body,
      created_at: now,
    });
    await updateThreadStatus(trx, thread.id, author === 'vendor' ? 'answered' : 'open', now);

    const replied = await readThread(trx, tenant, thread.id);
    await recordThreadEvent(trx, thread, `${thread.kind}.replied`, replied, now);
    return replied;
  });
}

/**
 * Resolves a thread with the vendor's closing words. Resolving a dispute clears its
 * invoice's `disputed` mark, since an invoice has at most one open dispute. Throws
 * `thread_resolved` when the thread is already resolved.
 */
export async function resolveThread(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  threadId: string,
  resolution: string,
): Promise<InvoiceThread> {
  const found = await findThreadOrThrow(db, tenant, threadId);
  const now = clock.now();

  return db.transaction().execute(async (trx) => {
    // The invoice first, then the thread: the order that opening a dispute takes them in.
    const invoice =
      found.kind === 'dispute' ? await lockInvoice(trx, tenant, found.invoice_id) : undefined;
    const thread = await lockThread(trx, threadId);
    if (thread.status === 'resolved') throw threadResolved(thread);

    await markThreadResolved(trx, thread.id, resolution, now);
    const resolved = await readThread(trx, tenant, thread.id);
    await recordThreadEvent(trx, thread, `${thread.kind}.resolved`, resolved, now);
    if (invoice !== undefined) {
      await clearInvoiceDispute(trx, invoice, thread, resolution, now);
    }
    return resolved;
  });
}

function threadResolved(thread: ThreadRow): ApiError {
  return new ApiError(
    'thread_resolved',
    `Thread ${thread.id} was resolved on ${thread.resolved_at?.toISOString()}; open a new thread to raise the matter again.`,
  );
}

async function recordThreadEvent(
  trx: Trx,
  thread: ThreadRow,
  type: EventType,
  data: InvoiceThread,
  now: Date,
): Promise<void> {
  await recordEvent(trx, {
    ...eventScope(thread, now),
    type,
    objectId: thread.id,
    data: data as unknown as Record<string, unknown>,
  });
}
