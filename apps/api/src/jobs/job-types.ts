import type { Selectable } from 'kysely';
import type { JobTable } from '../db/index.js';

export type JobRow = Selectable<JobTable>;

/** Operations a handler may use on the job it runs, besides returning its result. */
export interface JobContext {
  /**
   * Merges `patch` into the job's payload and commits it at once, so that whichever runner
   * runs the job next continues from there (such as the id of a payment already reserved).
   * Throws `JobLeaseLostError` when another runner has taken the job over.
   */
  saveProgress(patch: Record<string, unknown>): Promise<void>;
}

/**
 * Runs the jobs of one kind. `run` is called outside any transaction and may run again for
 * the same job after a fault or after a runner died holding it, so it must be safe to
 * repeat: it finds what an earlier run did (through the payload or the ledger) and goes on
 * from there. A thrown error is a fault: the job is retried with a backoff. The returned
 * object is stored as the job's `result`.
 */
export interface JobHandler {
  readonly kind: string;
  run(job: JobRow, context: JobContext): Promise<Record<string, unknown>>;
}

/**
 * Adds the jobs that have come due, such as one autopay charge per invoice due today. It
 * runs at the start of every poll of every runner at once, so it must insert with
 * `ON CONFLICT DO NOTHING` on the job's `(kind, key)` and never depend on being alone.
 */
export interface JobScheduler {
  readonly name: string;
  /** Inserts the due jobs and returns how many were new. */
  enqueueDue(now: Date): Promise<number>;
}

/** Raised when a runner writes to a job whose lease another runner has since taken. */
export class JobLeaseLostError extends Error {
  override name = 'JobLeaseLostError';

  constructor(job: JobRow) {
    super(
      `Job ${job.id} (${job.kind} ${job.key}) was taken over by another runner after its lease ran out; this run's writes to it are dropped.`,
    );
  }
}
