import type { Insertable, Selectable } from 'kysely';
import type { Db, InvoiceThreadTable, ThreadMessageTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type ThreadRow = Selectable<InvoiceThreadTable>;
export type ThreadMessageRow = Selectable<ThreadMessageTable>;

/** A thread with the number and currency of its invoice, which its API object shows. */
export type ThreadWithInvoiceRow = ThreadRow & { invoice_number: string; currency: string };

/** The sort key of a thread list row: latest activity, then id. */
export type ThreadCursor = readonly [updatedAt: string, id: string];

export interface ThreadListQuery {
  /** Only this customer's threads: the portal always sets it. */
  customerId: string | undefined;
  invoiceId: string | undefined;
  status: ThreadRow['status'] | undefined;
  kind: ThreadRow['kind'] | undefined;
  limit: number;
  after: ThreadCursor | undefined;
}

export async function insertThread(
  trx: Trx,
  thread: Insertable<InvoiceThreadTable>,
  message: Omit<Insertable<ThreadMessageTable>, 'thread_id'>,
): Promise<void> {
  await trx.insertInto('invoice_thread').values(thread).execute();
  await trx
    .insertInto('thread_message')
    .values({ ...message, thread_id: thread.id })
    .execute();
}

export async function insertMessage(
  trx: Trx,
  message: Insertable<ThreadMessageTable>,
): Promise<void> {
  await trx.insertInto('thread_message').values(message).execute();
}

function threadsWithInvoice(db: Db | Trx, tenant: Tenant) {
  return db
    .selectFrom('invoice_thread')
    .innerJoin('invoice', 'invoice.id', 'invoice_thread.invoice_id')
    .selectAll('invoice_thread')
    .select(['invoice.number as invoice_number', 'invoice.currency'])
    .where('invoice_thread.vendor_id', '=', tenant.vendorId)
    .where('invoice_thread.livemode', '=', tenant.livemode);
}

/**
 * Finds a thread of the tenant, and of `customerId` when given: another customer's thread
 * is not found, exactly like an unknown id.
 */
export async function findThread(
  db: Db | Trx,
  tenant: Tenant,
  threadId: string,
  customerId?: string,
): Promise<ThreadWithInvoiceRow | undefined> {
  let query = threadsWithInvoice(db, tenant).where('invoice_thread.id', '=', threadId);
  if (customerId !== undefined) query = query.where('invoice_thread.customer_id', '=', customerId);
  return query.executeTakeFirst();
}

/** Locks a thread for a new message or its resolution. */
export async function lockThread(trx: Trx, threadId: string): Promise<ThreadRow> {
  return trx
    .selectFrom('invoice_thread')
    .selectAll()
    .where('id', '=', threadId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Lists one page of threads, latest activity first, ties by id, fetching `limit + 1` rows
 * so that the caller can tell whether a next page exists.
 */
export async function listThreads(
  db: Db,
  tenant: Tenant,
  query: ThreadListQuery,
): Promise<ThreadWithInvoiceRow[]> {
  let select = threadsWithInvoice(db, tenant);
  if (query.customerId !== undefined) {
    select = select.where('invoice_thread.customer_id', '=', query.customerId);
  }
  if (query.invoiceId !== undefined) {
    select = select.where('invoice_thread.invoice_id', '=', query.invoiceId);
  }
  if (query.status !== undefined) select = select.where('invoice_thread.status', '=', query.status);
  if (query.kind !== undefined) select = select.where('invoice_thread.kind', '=', query.kind);

  const after = query.after;
  if (after !== undefined) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(
        refTuple('invoice_thread.updated_at', 'invoice_thread.id'),
        '<',
        tuple(new Date(after[0]), after[1]),
      ),
    );
  }
  return select
    .orderBy('invoice_thread.updated_at', 'desc')
    .orderBy('invoice_thread.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** Lists the messages of `threadIds`, each thread's in the order they were written. */
export async function listMessages(
  db: Db | Trx,
  threadIds: readonly string[],
): Promise<ThreadMessageRow[]> {
  if (threadIds.length === 0) return [];
  return db
    .selectFrom('thread_message')
    .selectAll()
    .where('thread_id', 'in', threadIds)
    .orderBy('thread_id')
    .orderBy('seq')
    .execute();
}

/** Sets a thread's status and its time of last activity. */
export async function updateThreadStatus(
  trx: Trx,
  threadId: string,
  status: 'open' | 'answered',
  updatedAt: Date,
): Promise<void> {
  await trx
    .updateTable('invoice_thread')
    .set({ status, updated_at: updatedAt })
    .where('id', '=', threadId)
    .execute();
}

/** Marks a thread resolved with the vendor's closing words. */
export async function markThreadResolved(
  trx: Trx,
  threadId: string,
  resolution: string,
  resolvedAt: Date,
): Promise<void> {
  await trx
    .updateTable('invoice_thread')
    .set({ status: 'resolved', resolution, resolved_at: resolvedAt, updated_at: resolvedAt })
    .where('id', '=', threadId)
    .execute();
}

/** Finds the invoice's unresolved dispute, of which there is at most one. */
export async function findOpenDispute(
  db: Db | Trx,
  invoiceId: string,
): Promise<ThreadRow | undefined> {
  return db
    .selectFrom('invoice_thread')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('kind', '=', 'dispute')
    .where('status', '<>', 'resolved')
    .executeTakeFirst();
}
