import type { EmailMessage } from '@duly/core';
import type { Selectable } from 'kysely';
import type { Db, EmailKind, EmailMessageTable, Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { newId } from '../ids.js';

export type EmailMessageRow = Selectable<EmailMessageTable>;

/** Job kind that sends one email message; its key is the message id. */
export const EMAIL_SEND = 'email_send';

/** A message to queue. */
export interface NewEmailMessage {
  vendorId: string;
  livemode: boolean;
  kind: EmailKind;
  customerId: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  step: number | null;
  /** Key of what the message is about, unique per vendor, mode and kind; null lets it repeat. */
  dedupeKey: string | null;
  to: string;
  now: Date;
  /** Whether to add the job that sends it; false when the caller sends it at once. */
  queueJob?: boolean;
}

/**
 * Inserts a queued message and the job that sends it, and records `email.queued`, in the
 * caller's transaction. Returns undefined, changing nothing, when a message with the same
 * kind and `dedupeKey` exists: that is what keeps each receipt, invoice email and reminder
 * step to one message however many runners or retries reach this point.
 */
export async function queueEmail(
  trx: Trx,
  message: NewEmailMessage,
): Promise<EmailMessageRow | undefined> {
  const row = await trx
    .insertInto('email_message')
    .values({
      id: newId('eml'),
      vendor_id: message.vendorId,
      livemode: message.livemode,
      kind: message.kind,
      customer_id: message.customerId,
      invoice_id: message.invoiceId,
      payment_id: message.paymentId,
      step: message.step,
      dedupe_key: message.dedupeKey,
      to_address: message.to,
      subject: null,
      status: 'queued',
      provider_message_id: null,
      error: null,
      pay_link_id: null,
      created_at: message.now,
      updated_at: message.now,
      sent_at: null,
    })
    .onConflict((conflict) =>
      conflict.columns(['vendor_id', 'livemode', 'kind', 'dedupe_key']).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return undefined;

  if (message.queueJob !== false) await insertSendJob(trx, row, message.now);
  await recordEmailEvent(trx, row, 'email.queued', message.now);
  return row;
}

async function insertSendJob(trx: Trx, row: EmailMessageRow, now: Date): Promise<void> {
  await trx
    .insertInto('job')
    .values({
      kind: EMAIL_SEND,
      key: row.id,
      vendor_id: row.vendor_id,
      payload: { email: row.id },
      status: 'queued',
      run_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Records an `email.*` event with the message as the API shows it. */
export async function recordEmailEvent(
  trx: Trx,
  row: EmailMessageRow,
  type: 'email.queued' | 'email.sent' | 'email.failed' | 'email.skipped',
  now: Date,
): Promise<void> {
  await recordEvent(trx, {
    ...eventScope(row, now),
    type,
    objectId: row.id,
    data: toEmailMessage(row),
  });
}

/** Finds a message by id, in any state. */
export function findEmailMessage(db: Db | Trx, id: string): Promise<EmailMessageRow | undefined> {
  return db.selectFrom('email_message').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Maps a message row to the API object. */
export function toEmailMessage(row: EmailMessageRow): EmailMessage {
  return {
    object: 'email',
    id: row.id,
    kind: row.kind,
    status: row.status,
    to: row.to_address,
    subject: row.subject,
    customer: row.customer_id,
    invoice: row.invoice_id,
    payment: row.payment_id,
    reminder_day: row.step,
    attempts: row.attempts,
    provider_message_id: row.provider_message_id,
    error: row.error,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    sent_at: row.sent_at?.toISOString() ?? null,
  };
}
