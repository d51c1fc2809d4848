import { sql } from 'kysely';
import { type Clock, systemClock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { Logger } from '../http/logger.js';
import type { JobHandler, JobRow, JobScheduler } from '../jobs/job-types.js';
import { toEvent } from './event-object.js';
import { nextAttemptAfter } from './webhook-retry-schedule.js';
import { type SendOutcome, sendWebhook } from './webhook-sender.js';
import { webhookSignatureHeader } from './webhook-signature.js';

export const WEBHOOK_DELIVERY_JOB = 'webhook_delivery';

export interface WebhookDeliveryDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Waits after each failed attempt; its length plus one is the number of attempts. */
  retryScheduleMs: readonly number[];
  /** Maximum wait for a receiver's response, in milliseconds. */
  timeoutMs: number;
  /**
   * The clock of the signature's timestamp; the system's by default. Receivers compare it
   * with their own wall clock, so it must not follow a demo clock set to another day.
   */
  signingClock?: Clock;
}

interface DeliveryPayload {
  delivery: string;
  attempt: number;
}

/**
 * Builds the jobs that send webhook deliveries. The `webhook_delivery` table is the source of
 * truth: the scheduler turns each due attempt of a pending delivery into one job, keyed
 * `<delivery id>:<attempt>`, and the handler sends it and records the outcome on the
 * delivery. A runner that dies mid-request leaves its job running until the lease ends.
 * Another runner then sends the attempt again. So receivers get each event at least once,
 * and should ignore a `Duly-Event-Id` they have already handled.
 */
export function webhookDeliveryJobs(deps: WebhookDeliveryDeps): {
  handler: JobHandler;
  scheduler: JobScheduler;
} {
  const scheduler: JobScheduler = {
    name: 'webhook_delivery_due',
    enqueueDue: async (now) => {
      await failDeliveriesOfFailedJobs(deps.db, now);
      return enqueueDueAttempts(deps.db, now);
    },
  };
  const handler: JobHandler = {
    kind: WEBHOOK_DELIVERY_JOB,
    run: (job) => deliverAttempt(deps, job),
  };
  return { handler, scheduler };
}

/**
 * Marks each due attempt queued and adds its job, in one statement. Deliveries of disabled
 * endpoints wait. SKIP LOCKED lets runners that poll at once share the rows, and the
 * `queued_attempt` mark makes each attempt one job even if two of them reach one row.
 */
async function enqueueDueAttempts(db: Db, now: Date): Promise<number> {
  const { rows } = await sql<{ count: string }>`
    WITH due AS MATERIALIZED (
      SELECT d.id FROM webhook_delivery d
      JOIN webhook_endpoint e ON e.id = d.endpoint_id AND e.status = 'enabled'
      WHERE d.status = 'pending'
        AND d.next_attempt_at <= ${now}
        AND d.queued_attempt <= d.attempts
      ORDER BY d.next_attempt_at
      LIMIT 500
      FOR UPDATE OF d SKIP LOCKED
    ),
    queued AS (
      UPDATE webhook_delivery d
      SET queued_attempt = d.attempts + 1, updated_at = ${now}
      FROM due
      WHERE d.id = due.id
      RETURNING d.id, d.vendor_id, d.queued_attempt, d.next_attempt_at
    ),
    inserted AS (
      INSERT INTO job (kind, key, vendor_id, payload, status, run_at, created_at, updated_at)
      SELECT ${WEBHOOK_DELIVERY_JOB}, queued.id || ':' || queued.queued_attempt, queued.vendor_id,
        jsonb_build_object('delivery', queued.id, 'attempt', queued.queued_attempt),
        'queued', ${now}, ${now}, ${now}
      FROM queued
      ON CONFLICT (kind, key) DO NOTHING
      RETURNING 1
    )
    SELECT count(*) FROM inserted
  `.execute(db);
  return Number(rows[0]?.count ?? 0);
}

/**
 * Marks failed the pending deliveries whose queued attempt's job failed for good: its
 * handler threw on every run (such as on database errors), or runners died holding it
 * on every attempt. Without this, the delivery would wait for a job that never ends. The
 * delivery then shows as failed with the reason, and the vendor can replay it.
 */
async function failDeliveriesOfFailedJobs(db: Db, now: Date): Promise<void> {
  await sql`
    UPDATE webhook_delivery d
    SET status = 'failed', next_attempt_at = NULL, updated_at = ${now},
      last_error = format('Attempt %s could not be run: %s', d.queued_attempt, j.last_error)
    FROM job j
    WHERE d.status = 'pending'
      AND d.queued_attempt > d.attempts
      AND j.kind = ${WEBHOOK_DELIVERY_JOB}
      AND j.key = d.id || ':' || d.queued_attempt
      AND j.status = 'failed'
  `.execute(db);
}

async function deliverAttempt(
  deps: WebhookDeliveryDeps,
  job: JobRow,
): Promise<Record<string, unknown>> {
  const { delivery: deliveryId, attempt } = job.payload as unknown as DeliveryPayload;
  const { db, clock, logger } = deps;

  const found = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .innerJoin('event as ev', 'ev.id', 'd.event_id')
    .select([
      'd.id',
      'd.status',
      'd.attempts',
      'd.event_id',
      'e.url',
      'e.status as endpoint_status',
      'e.secret',
      'e.previous_secret',
      'e.previous_secret_expires_at',
      'ev.type',
      'ev.livemode',
      'ev.data',
      'ev.created_at',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  // Deleting an endpoint deletes its deliveries.
  if (found === undefined) return { skipped: 'delivery_deleted' };
  // An earlier run of this job recorded the attempt, then its runner stopped before
  // finishing the job.
  if (found.status !== 'pending' || found.attempts >= attempt) return { skipped: 'recorded' };
  if (found.endpoint_status !== 'enabled') {
    // Unmark the attempt, so the scheduler queues it again once the endpoint is enabled.
    await db
      .updateTable('webhook_delivery')
      .set({ queued_attempt: attempt - 1 })
      .where('id', '=', deliveryId)
      .where('queued_attempt', '=', attempt)
      .execute();
    return { skipped: 'endpoint_disabled' };
  }

  const body = JSON.stringify(
    toEvent({
      id: found.event_id,
      type: found.type,
      livemode: found.livemode,
      data: found.data,
      created_at: found.created_at,
    }),
  );
  const signedAt = deps.signingClock ?? systemClock;
  const timestamp = Math.floor(signedAt.now().getTime() / 1000);
  const secrets = [found.secret];
  const previousValid =
    found.previous_secret !== null &&
    found.previous_secret_expires_at !== null &&
    found.previous_secret_expires_at > clock.now();
  if (previousValid) secrets.push(found.previous_secret as string);

  const startedAt = clock.now();
  const outcome = await sendWebhook({
    url: found.url,
    body,
    timeoutMs: deps.timeoutMs,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Duly-Webhooks/1',
      'Duly-Signature': webhookSignatureHeader(secrets, timestamp, body),
      'Duly-Event-Id': found.event_id,
      'Duly-Delivery-Id': found.id,
    },
  });

  const recorded = await recordAttempt(deps, deliveryId, attempt, startedAt, outcome);
  const fields = {
    delivery: deliveryId,
    event: found.event_id,
    attempt,
    response_status: outcome.responseStatus,
    duration_ms: outcome.durationMs,
  };
  if (outcome.succeeded) logger.debug('webhook delivered', fields);
  else if (recorded === 'failed') {
    logger.warn('webhook delivery failed on its last attempt', { ...fields, error: outcome.error });
  } else logger.info('webhook attempt failed; retrying later', { ...fields, error: outcome.error });
  return { status: recorded, response_status: outcome.responseStatus };
}

/**
 * Stores the attempt and moves the delivery on: succeeded, failed after the last attempt,
 * or pending until the next one is due. The update matches only the attempt before this
 * one, so a run that lost a race with a rerun of the same attempt records nothing twice.
 */
async function recordAttempt(
  deps: WebhookDeliveryDeps,
  deliveryId: string,
  attempt: number,
  startedAt: Date,
  outcome: SendOutcome,
): Promise<'succeeded' | 'pending' | 'failed' | 'already_recorded'> {
  const now = deps.clock.now();
  const nextAt = outcome.succeeded
    ? undefined
    : nextAttemptAfter(deps.retryScheduleMs, attempt, now);
  let status: 'succeeded' | 'pending' | 'failed' = 'pending';
  if (outcome.succeeded) status = 'succeeded';
  else if (nextAt === undefined) status = 'failed';

  return deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('webhook_delivery')
      .set({
        status,
        attempts: attempt,
        next_attempt_at: nextAt ?? null,
        last_attempt_at: startedAt,
        last_response_status: outcome.responseStatus,
        last_error: outcome.error,
        last_duration_ms: outcome.durationMs,
        updated_at: now,
      })
      .where('id', '=', deliveryId)
      .where('attempts', '=', attempt - 1)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return 'already_recorded';

    await trx
      .insertInto('webhook_attempt')
      .values({
        delivery_id: deliveryId,
        attempt,
        started_at: startedAt,
        response_status: outcome.responseStatus,
        error: outcome.error,
        duration_ms: outcome.durationMs,
      })
      .execute();
    return status;
  });
}
