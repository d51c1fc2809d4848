import type { SubscriptionSettings, UpdateSubscriptionSettingsRequest } from '@duly/core';
import type { Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, SubscriptionSettingsTable, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import type { Tenant } from '../http/app-env.js';

type SettingsRow = Omit<
  Selectable<SubscriptionSettingsTable>,
  'vendor_id' | 'livemode' | 'updated_at'
>;

/** The rules of a vendor that never changed them. */
export const DEFAULT_SUBSCRIPTION_SETTINGS: SettingsRow = {
  pause_allowed: false,
  downgrade_timing: 'period_end',
  retry_days: [1, 3, 5],
  after_last_retry: 'cancel',
  cancellation_reasons: [
    'Too expensive',
    'Missing features',
    'Switching to another product',
    'No longer needed',
    'Other',
  ],
};

function toSettings(row: SettingsRow): SubscriptionSettings {
  return {
    object: 'subscription_settings',
    pause_allowed: row.pause_allowed,
    downgrade_timing: row.downgrade_timing,
    retry_days: [...row.retry_days],
    after_last_retry: row.after_last_retry,
    cancellation_reasons: [...row.cancellation_reasons],
  };
}

/** Reads the tenant's subscription rules, the defaults until the vendor changes one. */
export async function readSubscriptionSettings(
  db: Db | Trx,
  tenant: Tenant,
): Promise<SubscriptionSettings> {
  const row = await db
    .selectFrom('subscription_settings')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .executeTakeFirst();
  return toSettings(row ?? DEFAULT_SUBSCRIPTION_SETTINGS);
}

/** `PATCH /v1/subscription_settings`: changes the fields sent and keeps the others. */
export async function updateSubscriptionSettings(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: UpdateSubscriptionSettingsRequest,
): Promise<SubscriptionSettings> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    // The row lock (or, for the first change, the primary key) keeps two changes at once
    // from each dropping the other's fields.
    const current = await trx
      .selectFrom('subscription_settings')
      .selectAll()
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode)
      .forUpdate()
      .executeTakeFirst();
    const merged: SettingsRow = {
      pause_allowed:
        request.pause_allowed ?? (current ?? DEFAULT_SUBSCRIPTION_SETTINGS).pause_allowed,
      downgrade_timing:
        request.downgrade_timing ?? (current ?? DEFAULT_SUBSCRIPTION_SETTINGS).downgrade_timing,
      retry_days: request.retry_days ?? (current ?? DEFAULT_SUBSCRIPTION_SETTINGS).retry_days,
      after_last_retry:
        request.after_last_retry ?? (current ?? DEFAULT_SUBSCRIPTION_SETTINGS).after_last_retry,
      cancellation_reasons:
        request.cancellation_reasons ??
        (current ?? DEFAULT_SUBSCRIPTION_SETTINGS).cancellation_reasons,
    };
    const row = {
      vendor_id: tenant.vendorId,
      livemode: tenant.livemode,
      ...merged,
      updated_at: now,
    };
    await trx
      .insertInto('subscription_settings')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['vendor_id', 'livemode']).doUpdateSet({ ...merged, updated_at: now }),
      )
      .execute();
    const settings = toSettings(merged);
    await recordEvent(trx, {
      vendorId: tenant.vendorId,
      livemode: tenant.livemode,
      createdAt: now,
      type: 'subscription_settings.updated',
      objectId: tenant.vendorId,
      data: settings,
    });
    return settings;
  });
}
