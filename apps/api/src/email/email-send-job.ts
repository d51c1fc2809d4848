import type { CurrencyCode } from '@duly/core';
import type { Clock } from '../clock.js';
import { type Db, type EmailStatus, type Trx, toAmount } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Logger } from '../http/logger.js';
import type { JobHandler, JobRow } from '../jobs/job-types.js';
import { issuePayLink } from '../pay-links/pay-link-issue.js';
import { loadReceipt, type ReceiptSource } from '../receipts/index.js';
import {
  type EmailContent,
  renderInvoiceEmail,
  renderReceiptEmail,
  renderReminderEmail,
  renderTestEmail,
} from './email-content.js';
import {
  EMAIL_SEND,
  type EmailMessageRow,
  findEmailMessage,
  recordEmailEvent,
} from './email-message-repository.js';
import { canSend, type EmailSettingsRow, findEmailSettings } from './email-settings-repository.js';
import { DEFAULT_SMTP_TIMEOUT_MS, SmtpDeliveryError, sendThroughSmtp } from './smtp-sender.js';

export interface EmailJobDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Base address of the API, under which pay links are served. */
  publicUrl: string | undefined;
  /**
   * SMTP attempts of one message before it is marked failed; 4 by default. Keep it below
   * the job runner's `maxAttempts`, so the message is marked failed by this handler.
   */
  maxSendAttempts?: number;
  smtpTimeoutMs?: number;
}

export const DEFAULT_MAX_SEND_ATTEMPTS = 4;

/** The job handler that sends queued email messages, one job per message. */
export function emailSendHandler(deps: EmailJobDeps): JobHandler {
  return { kind: EMAIL_SEND, run: (job) => runEmailSend(deps, job) };
}

/** A rendered message, or why it should not be sent after all. */
type Preparation = { content: EmailContent; payLinkId: string | null } | { skip: string };

/**
 * Sends one message at most once. The message is marked `sending` in the database before
 * the SMTP call and `sent` after the server accepts it. A run that finds it still `sending`
 * follows a runner that stopped in between, when the mail may or may not have gone out, so
 * it marks the message failed instead of sending a second copy. An SMTP refusal puts the
 * message back to `queued` and throws, so the job runner retries with its backoff.
 */
async function runEmailSend(deps: EmailJobDeps, job: JobRow): Promise<Record<string, unknown>> {
  const messageId = job.payload.email as string;
  const message = await findEmailMessage(deps.db, messageId);
  if (message === undefined) return { email: messageId, status: 'missing' };
  if (message.status === 'sending') {
    await finish(deps, message, 'failed', {
      error:
        'The process sending this message stopped before it recorded the outcome; the mail may or may not have been delivered, so it is not sent again.',
    });
    return { email: message.id, status: 'failed' };
  }
  if (message.status !== 'queued') return { email: message.id, status: message.status };

  const settings = await findEmailSettings(deps.db, {
    vendorId: message.vendor_id,
    livemode: message.livemode,
  });
  if (!canSend(settings)) {
    await finish(deps, message, 'skipped', {
      error: 'The email settings no longer name an SMTP host and a from address.',
    });
    return { email: message.id, status: 'skipped' };
  }

  const prepared = await deps.db
    .transaction()
    .execute((trx) => prepare(deps, trx, message, settings));
  if ('skip' in prepared) {
    await finish(deps, message, 'skipped', { error: prepared.skip });
    return { email: message.id, status: 'skipped', reason: prepared.skip };
  }

  try {
    const providerMessageId = await sendThroughSmtp(
      settings,
      { to: message.to_address, ...prepared.content },
      deps.smtpTimeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS,
    );
    await finish(deps, message, 'sent', { providerMessageId });
    return { email: message.id, status: 'sent', provider_message_id: providerMessageId };
  } catch (error) {
    if (!(error instanceof SmtpDeliveryError)) throw error;
    const attempts = message.attempts + 1;
    if (attempts >= (deps.maxSendAttempts ?? DEFAULT_MAX_SEND_ATTEMPTS)) {
      await finish(deps, message, 'failed', { error: error.message });
      return { email: message.id, status: 'failed', error: error.message };
    }
    await deps.db
      .updateTable('email_message')
      .set({ status: 'queued', error: error.message, updated_at: deps.clock.now() })
      .where('id', '=', message.id)
      .where('status', '=', 'sending')
      .execute();
    throw error;
  }
}

/**
 * Checks, with the message locked, that it should still go out, renders it, issues the pay
 * link an invoice email carries, and marks the message `sending`. An invoice that was paid,
 * voided, disputed or reported as paid by the customer since the message was queued gets no
 * email.
 */
async function prepare(
  deps: EmailJobDeps,
  trx: Trx,
  queued: EmailMessageRow,
  settings: EmailSettingsRow,
): Promise<Preparation> {
  const message = await trx
    .selectFrom('email_message')
    .selectAll()
    .where('id', '=', queued.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (message.status !== 'queued') return { skip: `The message is already ${message.status}.` };

  const turnedOff = kindTurnedOff(message, settings);
  if (turnedOff !== undefined) return { skip: turnedOff };

  const now = deps.clock.now();
  let prepared: Preparation;
  if (message.kind === 'receipt') prepared = await prepareReceipt(deps, message);
  else if (message.kind === 'test') {
    const vendor = await trx
      .selectFrom('vendor')
      .select('name')
      .where('id', '=', message.vendor_id)
      .executeTakeFirstOrThrow();
    prepared = { content: renderTestEmail(vendor.name), payLinkId: null };
  } else prepared = await prepareInvoiceEmail(deps, trx, message, now);
  if ('skip' in prepared) return prepared;

  await trx
    .updateTable('email_message')
    .set({
      status: 'sending',
      subject: prepared.content.subject,
      pay_link_id: prepared.payLinkId,
      attempts: message.attempts + 1,
      updated_at: now,
    })
    .where('id', '=', message.id)
    .execute();
  return prepared;
}

function kindTurnedOff(message: EmailMessageRow, settings: EmailSettingsRow): string | undefined {
  const field = {
    receipt: 'send_receipts',
    invoice: 'send_invoices',
    reminder: 'send_reminders',
    test: undefined,
  }[message.kind] as 'send_receipts' | 'send_invoices' | 'send_reminders' | undefined;
  if (field === undefined || settings[field]) return undefined;
  return `The vendor turned ${field} off after the message was queued.`;
}

async function prepareReceipt(deps: EmailJobDeps, message: EmailMessageRow): Promise<Preparation> {
  const tenant = { vendorId: message.vendor_id, livemode: message.livemode };
  let source: ReceiptSource;
  try {
    source = await loadReceipt(deps.db, tenant, message.payment_id as string);
  } catch (error) {
    // Such as a payment that no longer has a receipt; trying again would not change that.
    if (error instanceof ApiError) return { skip: error.message };
    throw error;
  }
  const { receipt } = source;
  return {
    payLinkId: null,
    content: renderReceiptEmail({
      vendorName: receipt.vendor.name,
      customerName: receipt.customer.name,
      receiptNumber: receipt.number,
      currency: receipt.currency as CurrencyCode,
      amount: receipt.amount,
      paidAt: new Date(receipt.paid_at),
      paidWith: source.paidWith,
      invoiceNumbers: receipt.applications.map((application) => application.invoice_number),
      timeZone: source.timeZone,
      locale: source.customerLocale,
    }),
  };
}

async function prepareInvoiceEmail(
  deps: EmailJobDeps,
  trx: Trx,
  message: EmailMessageRow,
  now: Date,
): Promise<Preparation> {
  const invoice = await trx
    .selectFrom('invoice')
    .innerJoin('customer', 'customer.id', 'invoice.customer_id')
    .innerJoin('vendor', 'vendor.id', 'invoice.vendor_id')
    .select([
      'invoice.id',
      'invoice.number',
      'invoice.status',
      'invoice.disputed',
      'invoice.payment_notice_id',
      'invoice.currency',
      'invoice.amount_due',
      'invoice.amount_pending',
      'invoice.due_date',
      'invoice.customer_id',
      'customer.name as customer_name',
      'customer.locale',
      'vendor.name as vendor_name',
    ])
    .where('invoice.id', '=', message.invoice_id as string)
    .executeTakeFirstOrThrow();
  const payable = toAmount(invoice.amount_due) - toAmount(invoice.amount_pending);
  if (invoice.status !== 'open') return { skip: `The invoice is ${invoice.status}.` };
  if (invoice.disputed) return { skip: 'The customer disputes the invoice.' };
  if (invoice.payment_notice_id !== null) {
    return { skip: 'The customer reported a payment of the invoice that awaits the vendor.' };
  }
  if (payable <= 0) return { skip: 'Nothing is left to pay on the invoice.' };
  if (deps.publicUrl === undefined) {
    throw new Error(
      `Email ${message.id} needs a pay link, but this job runner was created without publicUrl.`,
    );
  }

  // Only the hash of a link's token is stored, so a retry issues a new link. The link of
  // the failed attempt reached no one, so it is revoked.
  if (message.pay_link_id !== null) {
    await trx
      .updateTable('pay_link')
      .set({ revoked_at: now })
      .where('id', '=', message.pay_link_id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  const link = await issuePayLink(trx, {
    vendorId: message.vendor_id,
    livemode: message.livemode,
    customerId: invoice.customer_id,
    invoiceId: invoice.id,
    now,
    publicUrl: deps.publicUrl,
  });
  const facts = {
    vendorName: invoice.vendor_name,
    customerName: invoice.customer_name,
    number: invoice.number,
    currency: invoice.currency as CurrencyCode,
    amountPayable: payable,
    dueDate: invoice.due_date,
    payUrl: link.url,
    locale: invoice.locale,
  };
  const content =
    message.kind === 'reminder'
      ? renderReminderEmail(facts, message.step ?? 0)
      : renderInvoiceEmail(facts);
  return { content, payLinkId: link.id };
}

/**
 * Moves a message that is still queued or sending to a final status and records the
 * matching `email.*` event. Does nothing to a message that already has a final status.
 */
export async function finish(
  deps: Pick<EmailJobDeps, 'db' | 'clock' | 'logger'>,
  message: EmailMessageRow,
  status: Extract<EmailStatus, 'sent' | 'failed' | 'skipped'>,
  outcome: { error?: string; providerMessageId?: string },
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('email_message')
      .set({
        status,
        error: outcome.error ?? null,
        provider_message_id: outcome.providerMessageId ?? null,
        sent_at: status === 'sent' ? now : null,
        updated_at: now,
      })
      .where('id', '=', message.id)
      .where('status', 'in', ['queued', 'sending'])
      .returningAll()
      .executeTakeFirst();
    // Another runner finished it first, after this run's lease ran out, and its outcome is kept.
    if (updated === undefined) return;
    await recordEmailEvent(trx, updated, `email.${status}`, now);
  });
  if (status === 'failed') {
    deps.logger.error('email failed; not sent', { email: message.id, error: outcome.error });
  } else if (status === 'skipped') {
    deps.logger.info('email skipped', { email: message.id, reason: outcome.error });
  }
}
