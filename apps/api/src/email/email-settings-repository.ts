import type { EmailSettings } from '@duly/core';
import type { Selectable } from 'kysely';
import type { Db, EmailSettingsTable, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

export type EmailSettingsRow = Selectable<EmailSettingsTable>;

/** The reminder days of a vendor that never set them, as the table's default stores them. */
export const DEFAULT_REMINDER_DAYS = [-3, 0, 3, 7, 14];

/** Finds the tenant's email settings; undefined while the vendor has never saved any. */
export function findEmailSettings(
  db: Db | Trx,
  tenant: Tenant,
): Promise<EmailSettingsRow | undefined> {
  return db
    .selectFrom('email_settings')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
}

/** Finds the tenant's settings locked for an update, inserting the defaults first if none exist. */
export async function lockEmailSettings(
  trx: Trx,
  tenant: Tenant,
  now: Date,
): Promise<EmailSettingsRow> {
  await trx
    .insertInto('email_settings')
    .values({ vendor_id: tenant.vendorId, livemode: tenant.livemode, updated_at: now })
    .onConflict((conflict) => conflict.columns(['vendor_id', 'livemode']).doNothing())
    .execute();
  return trx
    .selectFrom('email_settings')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Checks that the settings name a server and a sender, which every message needs. */
export function canSend(row: EmailSettingsRow | undefined): row is EmailSettingsRow & {
  smtp_host: string;
  from_address: string;
} {
  return row !== undefined && row.smtp_host !== null && row.from_address !== null;
}

/** Maps settings to the API object; the tenant's defaults when it has saved none. */
export function toEmailSettings(
  tenant: Tenant,
  row: EmailSettingsRow | undefined,
  now: Date,
): EmailSettings {
  return {
    object: 'email_settings',
    smtp_host: row?.smtp_host ?? null,
    smtp_port: row?.smtp_port ?? null,
    smtp_secure: row?.smtp_secure ?? false,
    smtp_username: row?.smtp_username ?? null,
    has_password: (row?.smtp_password ?? null) !== null,
    from_address: row?.from_address ?? null,
    from_name: row?.from_name ?? null,
    reply_to: row?.reply_to ?? null,
    send_receipts: row?.send_receipts ?? false,
    send_invoices: row?.send_invoices ?? false,
    send_reminders: row?.send_reminders ?? false,
    reminder_days: row?.reminder_days ?? DEFAULT_REMINDER_DAYS,
    livemode: tenant.livemode,
    updated_at: (row?.updated_at ?? now).toISOString(),
  };
}
