import { plainDateIn } from '@duly/core';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { JobScheduler } from '../jobs/job-types.js';
import { queueEmail } from './email-message-repository.js';

/** Name of the scheduler that queues payment reminders. */
export const EMAIL_REMINDERS = 'email_reminders';

/**
 * Returns the scheduler that queues, on each poll, the reminders due today in each vendor's time
 * zone: one per open invoice and day of the vendor's `reminder_days` (relative to the due
 * date) that falls on today. Paid, void and disputed invoices get none, nor do those with
 * nothing left to pay or with a payment notice waiting for the vendor. No reminder falls on
 * the invoice's issue date or before it, because the invoice email of that day carries the
 * same pay link. The unique key
 * (invoice and day) keeps each reminder to one message, whatever the number of runners.
 *
 * NOTE: only today's step is queued, so a day on which no runner polled skips that day's
 * reminders rather than sending them late.
 */
export function reminderScheduler(db: Db): JobScheduler {
  return { name: EMAIL_REMINDERS, enqueueDue: (now) => queueDueReminders(db, now) };
}

async function queueDueReminders(db: Db, now: Date): Promise<number> {
  const zones = await db
    .selectFrom('email_settings')
    .innerJoin('vendor', 'vendor.id', 'email_settings.vendor_id')
    .select('vendor.time_zone')
    .distinct()
    .where('email_settings.send_reminders', '=', true)
    .execute();
  if (zones.length === 0) return 0;

  // Each zone's today comes from the same function as the portal's, not PostgreSQL's zones.
  const todays = zones.map(
    ({ time_zone }) => sql`(${time_zone}::text, ${plainDateIn(now, time_zone)}::date)`,
  );
  const { rows: due } = await sql<{
    invoice_id: string;
    vendor_id: string;
    livemode: boolean;
    customer_id: string;
    step: number;
    email: string;
  }>`
    SELECT i.id AS invoice_id, i.vendor_id, i.livemode, i.customer_id, day.step,
      coalesce(nullif(c.billing_details->>'email', ''), nullif(c.email, '')) AS email
    FROM (VALUES ${sql.join(todays)}) AS zone (time_zone, today)
    JOIN vendor v ON v.time_zone = zone.time_zone
    JOIN email_settings s ON s.vendor_id = v.id AND s.send_reminders
      AND s.smtp_host IS NOT NULL AND s.from_address IS NOT NULL
    CROSS JOIN LATERAL unnest(s.reminder_days) AS day (step)
    JOIN invoice i ON i.vendor_id = s.vendor_id AND i.livemode = s.livemode
      AND i.due_date = zone.today - day.step
    JOIN customer c ON c.id = i.customer_id
    WHERE i.status = 'open'
      AND zone.today > i.issue_date
      AND NOT i.disputed
      AND i.payment_notice_id IS NULL
      AND i.amount_due - i.amount_pending > 0
      AND coalesce(nullif(c.billing_details->>'email', ''), nullif(c.email, '')) IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM email_message m
        WHERE m.vendor_id = i.vendor_id AND m.livemode = i.livemode AND m.kind = 'reminder'
          AND m.dedupe_key = i.id || ':' || day.step
      )
  `.execute(db);
  if (due.length === 0) return 0;

  return db.transaction().execute(async (trx) => {
    let queued = 0;
    for (const reminder of due) {
      const row = await queueEmail(trx, {
        vendorId: reminder.vendor_id,
        livemode: reminder.livemode,
        kind: 'reminder',
        customerId: reminder.customer_id,
        invoiceId: reminder.invoice_id,
        paymentId: null,
        step: reminder.step,
        dedupeKey: `${reminder.invoice_id}:${reminder.step}`,
        to: reminder.email,
        now,
      });
      if (row !== undefined) queued += 1;
    }
    return queued;
  });
}
