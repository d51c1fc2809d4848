import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { JobRow } from './job-types.js';

/** A job to add to the queue. */
export interface NewJob {
  kind: string;
  /** Unique within the kind: a second job with the same key is not added. */
  key: string;
  vendorId: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
}

/** Adds a job unless one with its kind and key exists; returns whether it was added. */
export async function enqueueJob(db: Db, job: NewJob, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('job')
    .values({
      kind: job.kind,
      key: job.key,
      vendor_id: job.vendorId,
      payload: job.payload,
      status: 'queued',
      run_at: job.runAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.columns(['kind', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface ClaimOptions {
  kinds: readonly string[];
  now: Date;
  leaseMs: number;
  maxAttempts: number;
}

/**
 * Claims the next due job of `kinds` for this runner, or returns undefined when none is
 * due. Due means queued with `run_at` passed, or running with its lease ended (its runner
 * died or hung) and attempts left. The one statement is one short transaction: it locks
 * the row with `FOR UPDATE SKIP LOCKED`, so runners claiming at the same time each get
 * another row, then marks it running with a lease until `now + leaseMs` and counts the
 * attempt. The attempt number then fences the claim: a runner whose lease was taken over
 * can no longer write to the job (see `finishJob`).
 */
export async function claimNextJob(db: Db, options: ClaimOptions): Promise<JobRow | undefined> {
  const { now, kinds } = options;
  const lockedUntil = new Date(now.getTime() + options.leaseMs);
  // MATERIALIZED keeps PostgreSQL from folding the locking SELECT into the UPDATE, where
  // the LIMIT could be applied to a different set of rows than the ones locked.
  const { rows } = await sql<JobRow>`
    WITH next AS MATERIALIZED (
      SELECT id FROM job
      WHERE status IN ('queued', 'running')
        AND run_at <= ${now}
        AND kind IN (${sql.join(kinds)})
        AND (status = 'queued' OR (locked_until <= ${now} AND attempts < ${options.maxAttempts}))
      ORDER BY run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    UPDATE job
    SET status = 'running', locked_until = ${lockedUntil}, attempts = job.attempts + 1,
      updated_at = ${now}
    FROM next
    WHERE job.id = next.id
    RETURNING job.*
  `.execute(db);
  return rows[0];
}

/**
 * Marks failed the running jobs whose lease ended after their last allowed attempt: each
 * runner that took them stopped without finishing, so trying again is unlikely to help.
 */
export async function failAbandonedJobs(db: Db, options: ClaimOptions) {
  return (
    db
      .updateTable('job')
      .set({
        status: 'failed',
        locked_until: null,
        last_error: sql`format(
        'The lease ran out on attempt %s of %s with the job unfinished; the runner may have stopped while running it.',
        attempts, ${options.maxAttempts}::int)`,
        updated_at: options.now,
      })
      .where('status', '=', 'running')
      .where('kind', 'in', options.kinds)
      // A claimed job's run_at has passed; saying so lets the scan use the job_due index.
      .where('run_at', '<=', options.now)
      .where('locked_until', '<=', options.now)
      .where('attempts', '>=', options.maxAttempts)
      .returning(['id', 'kind', 'key', 'attempts'])
      .execute()
  );
}

/** The end state of one run of a job. */
export type JobEnding =
  | { status: 'done'; result: Record<string, unknown> }
  | { status: 'queued'; runAt: Date; error: string }
  | { status: 'failed'; error: string };

/**
 * Records how the run of `job` ended, if this run still owns the job: the update matches
 * only the attempt that was claimed. Returns false when another runner took the job over.
 */
export async function finishJob(
  db: Db,
  job: JobRow,
  ending: JobEnding,
  now: Date,
): Promise<boolean> {
  const changes =
    ending.status === 'done'
      ? { status: 'done' as const, result: ending.result }
      : ending.status === 'queued'
        ? { status: 'queued' as const, run_at: ending.runAt, last_error: ending.error }
        : { status: 'failed' as const, last_error: ending.error };
  const updated = await db
    .updateTable('job')
    .set({ ...changes, locked_until: null, updated_at: now })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/**
 * Merges `patch` into the payload of `job` if this run still owns it. Returns false when
 * another runner took the job over.
 */
export async function mergeJobPayload(
  db: Db,
  job: JobRow,
  patch: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('job')
    // postgres.js serializes the object itself for the jsonb parameter; a string would be
    // stored as a JSON string.
    .set({ payload: sql`payload || ${patch}::jsonb`, updated_at: now })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
