import type { EmailSettings, UpdateEmailSettingsRequest } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import {
  canSend,
  findEmailSettings,
  lockEmailSettings,
  toEmailSettings,
} from './email-settings-repository.js';
import { checkSmtpHost } from './smtp-host-check.js';

/** Reads the tenant's email settings, defaults included. */
export async function retrieveEmailSettings(
  db: Db,
  clock: Clock,
  tenant: Tenant,
): Promise<EmailSettings> {
  return toEmailSettings(tenant, await findEmailSettings(db, tenant), clock.now());
}

/**
 * Applies a partial update and records `email_settings.updated`. A kind can be on only while
 * the settings name an SMTP host and a from address, so that nothing is queued that could
 * never be sent. Otherwise the request is rejected with `email_settings_incomplete`.
 */
export async function updateEmailSettings(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: UpdateEmailSettingsRequest,
): Promise<EmailSettings> {
  checkSmtpHost(request.smtp_host, tenant.livemode);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const current = await lockEmailSettings(trx, tenant, now);
    const next = { ...current, ...request, updated_at: now };
    if (!canSend(next)) {
      const kind = (['send_receipts', 'send_invoices', 'send_reminders'] as const).find(
        (field) => next[field],
      );
      if (kind !== undefined) {
        const missing = next.smtp_host === null ? 'smtp_host' : 'from_address';
        throw new ApiError(
          'email_settings_incomplete',
          `${kind} needs ${missing} to be set, so that the emails can be sent; set it in the same request or turn ${kind} off.`,
          { param: kind in request ? kind : missing },
        );
      }
    }

    const updated = await trx
      .updateTable('email_settings')
      .set({ ...request, updated_at: now })
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode)
      .returningAll()
      .executeTakeFirstOrThrow();
    const settings = toEmailSettings(tenant, updated, now);
    await recordEvent(trx, {
      ...eventScope({ vendor_id: tenant.vendorId, livemode: tenant.livemode }, now),
      type: 'email_settings.updated',
      objectId: tenant.vendorId,
      // The object as the API shows it, so the password never enters the event log.
      data: settings,
    });
    return settings;
  });
}
