import type { EmailMessage } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { renderTestEmail } from './email-content.js';
import { queueEmail, recordEmailEvent, toEmailMessage } from './email-message-repository.js';
import { canSend, findEmailSettings } from './email-settings-repository.js';
import { DEFAULT_SMTP_TIMEOUT_MS, SmtpDeliveryError, sendThroughSmtp } from './smtp-sender.js';

/**
 * Sends a test message to `to` through the tenant's stored settings while the vendor waits,
 * so a wrong host, port or password shows at once. The message is listed with the others.
 * Throws `email_settings_incomplete` without a host and a from address, and
 * `email_delivery_failed` with the server's reason when the server does not accept it.
 */
export async function sendTestEmail(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  to: string,
  smtpTimeoutMs: number = DEFAULT_SMTP_TIMEOUT_MS,
): Promise<EmailMessage> {
  const settings = await findEmailSettings(db, tenant);
  if (!canSend(settings)) {
    const missing = settings?.smtp_host == null ? 'smtp_host' : 'from_address';
    throw new ApiError(
      'email_settings_incomplete',
      `The email settings have no ${missing}; set it with PATCH /v1/email_settings before sending a test email.`,
      { param: missing },
    );
  }
  const vendor = await db
    .selectFrom('vendor')
    .select('name')
    .where('id', '=', tenant.vendorId)
    .executeTakeFirstOrThrow();
  const content = renderTestEmail(vendor.name);

  // Stored like any message so that it is listed, but sent here rather than by a job.
  const queued = await db.transaction().execute(async (trx) => {
    const row = await queueEmail(trx, {
      vendorId: tenant.vendorId,
      livemode: tenant.livemode,
      kind: 'test',
      customerId: null,
      invoiceId: null,
      paymentId: null,
      step: null,
      dedupeKey: null,
      to,
      now: clock.now(),
      queueJob: false,
    });
    if (row === undefined) throw new Error('A test email without a dedupe key was not inserted.');
    return trx
      .updateTable('email_message')
      .set({ status: 'sending', subject: content.subject, attempts: 1 })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });

  let outcome: { status: 'sent'; messageId: string } | { status: 'failed'; error: string };
  try {
    outcome = {
      status: 'sent',
      messageId: await sendThroughSmtp(settings, { to, ...content }, smtpTimeoutMs),
    };
  } catch (error) {
    if (!(error instanceof SmtpDeliveryError)) throw error;
    outcome = { status: 'failed', error: error.message };
  }

  const now = clock.now();
  const finished = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('email_message')
      .set(
        outcome.status === 'sent'
          ? {
              status: 'sent',
              provider_message_id: outcome.messageId,
              sent_at: now,
              updated_at: now,
            }
          : { status: 'failed', error: outcome.error, updated_at: now },
      )
      .where('id', '=', queued.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEmailEvent(trx, row, `email.${outcome.status}`, now);
    return row;
  });
  if (outcome.status === 'failed') {
    throw new ApiError(
      'email_delivery_failed',
      `${outcome.error}. Check smtp_host, smtp_port, smtp_secure and the login, then try again (email ${finished.id}).`,
    );
  }
  return toEmailMessage(finished);
}
