import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { Logger } from '../http/logger.js';
import { randomToken } from '../ids.js';
import {
  type ClaimOptions,
  claimNextJob,
  failAbandonedJobs,
  finishJob,
  type JobEnding,
  mergeJobPayload,
} from './job-repository.js';
import { type JobHandler, JobLeaseLostError, type JobRow, type JobScheduler } from './job-types.js';

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: readonly JobHandler[];
  schedulers?: readonly JobScheduler[];
  /** Jobs this runner runs at once, each on its own pooled connection; 4 by default. */
  concurrency?: number;
  /** Milliseconds between the end of one poll and the start of the next; 1000 by default. */
  pollIntervalMs?: number;
  /**
   * Milliseconds a claimed job stays this runner's; 120,000 by default. A job still running
   * when its lease ends may be claimed by another runner, so the lease must be longer than
   * the slowest job (a provider call and its timeout). NOTE: leases are not renewed.
   */
  leaseMs?: number;
  /** Runs of one job before it is marked failed; 5 by default. */
  maxAttempts?: number;
  /** Wait before the first retry after a fault, doubled on each further one; 1000 ms by default. */
  retryBaseMs?: number;
  /** Maximum wait between retries; one hour by default. */
  retryMaxMs?: number;
  /** Names the runner in logs; a random name when left out. */
  name?: string;
}

/** Counts of one poll's work, by how each job run ended. */
export interface PollSummary {
  /** Jobs the schedulers added. */
  enqueued: number;
  done: number;
  /** Runs that raised a fault and were queued again with a backoff. */
  retried: number;
  /** Jobs marked failed: out of attempts, or abandoned by runners on every attempt. */
  failed: number;
  /** Runs whose job another runner took over after the lease ended; their ending is dropped. */
  lost: number;
}

/** A failure that repeats on every poll is logged on its first time, then every 60th. */
const REPEATED_FAILURE_LOG_EVERY = 60;

const DEFAULTS = {
  concurrency: 4,
  pollIntervalMs: 1000,
  leaseMs: 120_000,
  maxAttempts: 5,
  retryBaseMs: 1000,
  retryMaxMs: 3_600_000,
};

/**
 * Runs background jobs with the `job` table as the queue. Any number of runners, in one
 * process or many, can poll the same database. Claims use `FOR UPDATE SKIP LOCKED` and a
 * lease, so each due job runs on one runner at a time. A job whose runner died is claimed
 * again once its lease ends. Time is read from the clock, so tests move a `ManualClock`
 * past a lease or a retry instead of sleeping.
 */
export class JobRunner {
  readonly name: string;
  readonly #options: Required<Omit<JobRunnerOptions, 'name'>>;
  readonly #handlers: ReadonlyMap<string, JobHandler>;
  #loop: Promise<void> | undefined;
  #abort = new AbortController();
  /** Consecutive failed polls, and consecutive failures of each scheduler. */
  readonly #failures = new Map<string, number>();

  constructor(options: JobRunnerOptions) {
    this.name = options.name ?? `runner-${randomToken(8)}`;
    this.#options = { ...DEFAULTS, schedulers: [], ...options };
    if (!Number.isInteger(this.#options.concurrency) || this.#options.concurrency < 1) {
      throw new RangeError(
        `JobRunner: concurrency must be a whole number of at least 1, not ${this.#options.concurrency}.`,
      );
    }
    this.#handlers = new Map(options.handlers.map((handler) => [handler.kind, handler]));
    if (this.#handlers.size === 0) {
      throw new Error('JobRunner: no handlers are given, so the runner would claim no job.');
    }
    if (this.#handlers.size !== options.handlers.length) {
      throw new Error('JobRunner: two handlers are given for the same job kind.');
    }
  }

  /**
   * Polls once: runs the schedulers, then claims and runs due jobs, `concurrency` at a time,
   * until none is due or `stop()` was called. Resolves when every job it claimed has ended.
   */
  async runOnce(): Promise<PollSummary> {
    const summary: PollSummary = { enqueued: 0, done: 0, retried: 0, failed: 0, lost: 0 };
    const { db, clock, logger } = this.#options;
    for (const scheduler of this.#options.schedulers) {
      const failureKey = `scheduler:${scheduler.name}`;
      try {
        summary.enqueued += await scheduler.enqueueDue(clock.now());
        this.#failures.delete(failureKey);
      } catch (error) {
        this.#logRepeatedFailure(failureKey, 'job scheduler failed; the next poll tries again', {
          scheduler: scheduler.name,
          error,
        });
      }
    }

    const abandoned = await failAbandonedJobs(db, this.#claimOptions());
    for (const job of abandoned) {
      summary.failed += 1;
      logger.error('job abandoned on every attempt; marked failed', {
        runner: this.name,
        job: job.id,
        kind: job.kind,
        job_key: job.key,
        attempts: job.attempts,
      });
    }

    // Every worker is awaited, even after one fails, so that no job is still running when
    // this resolves or rejects.
    const workers = Array.from({ length: this.#options.concurrency }, () => this.#work(summary));
    const outcomes = await Promise.allSettled(workers);
    const fault = outcomes.find((outcome) => outcome.status === 'rejected');
    if (fault !== undefined) throw fault.reason;
    return summary;
  }

  /** Starts polling every `pollIntervalMs` until `stop()`. Does nothing if already started. */
  start(): void {
    if (this.#loop !== undefined) return;
    this.#abort = new AbortController();
    this.#loop = this.#poll(this.#abort.signal);
    this.#options.logger.info('job runner started', {
      runner: this.name,
      kinds: [...this.#handlers.keys()],
      concurrency: this.#options.concurrency,
      poll_interval_ms: this.#options.pollIntervalMs,
    });
  }

  /**
   * Stops polling and claiming, and resolves once the jobs in hand have ended, so the
   * database can be closed after it.
   */
  async stop(): Promise<void> {
    this.#abort.abort();
    if (this.#loop === undefined) return;
    await this.#loop;
    this.#loop = undefined;
    this.#options.logger.info('job runner stopped', { runner: this.name });
  }

  async #poll(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.runOnce();
        const failedPolls = this.#failures.get('poll');
        if (failedPolls !== undefined) {
          this.#failures.delete('poll');
          this.#options.logger.info('job poll succeeded again', {
            runner: this.name,
            failed_polls: failedPolls,
          });
        }
      } catch (error) {
        this.#logRepeatedFailure('poll', 'job poll failed; the runner tries again', { error });
      }
      await sleep(this.#options.pollIntervalMs, undefined, { signal }).catch(() => {});
    }
  }

  /** Counts a failure that may repeat on every poll, and logs its first and every 60th. */
  #logRepeatedFailure(key: string, message: string, fields: Record<string, unknown>): void {
    const count = (this.#failures.get(key) ?? 0) + 1;
    this.#failures.set(key, count);
    if (count === 1 || count % REPEATED_FAILURE_LOG_EVERY === 0) {
      this.#options.logger.error(message, { runner: this.name, failures: count, ...fields });
    }
  }

  /** One worker of a poll: claims and runs one job after another until none is due. */
  async #work(summary: PollSummary): Promise<void> {
    while (!this.#abort.signal.aborted) {
      const job = await claimNextJob(this.#options.db, this.#claimOptions());
      if (job === undefined) return;
      await this.#run(job, summary);
    }
  }

  async #run(job: JobRow, summary: PollSummary): Promise<void> {
    const { db, clock, logger } = this.#options;
    const handler = this.#handlers.get(job.kind) as JobHandler;
    const context = {
      saveProgress: async (patch: Record<string, unknown>) => {
        if (!(await mergeJobPayload(db, job, patch, clock.now()))) {
          throw new JobLeaseLostError(job);
        }
      },
    };

    let ending: JobEnding;
    try {
      ending = { status: 'done', result: await handler.run(job, context) };
    } catch (error) {
      if (error instanceof JobLeaseLostError) {
        summary.lost += 1;
        logger.warn('job taken over by another runner; this run stops', this.#fields(job));
        return;
      }
      ending = this.#endingAfterFault(job, error);
    }

    if (!(await finishJob(db, job, ending, clock.now()))) {
      summary.lost += 1;
      logger.warn('job taken over by another runner; its ending here is dropped', {
        ...this.#fields(job),
        ending: ending.status,
      });
      return;
    }
    if (ending.status === 'done') {
      summary.done += 1;
      logger.debug('job done', { ...this.#fields(job), result: ending.result });
    } else if (ending.status === 'queued') {
      summary.retried += 1;
      logger.warn('job failed; retrying later', {
        ...this.#fields(job),
        retry_at: ending.runAt.toISOString(),
        error: ending.error,
      });
    } else {
      summary.failed += 1;
      logger.error('job failed on its last attempt; marked failed', {
        ...this.#fields(job),
        error: ending.error,
      });
    }
  }

  #endingAfterFault(job: JobRow, error: unknown): JobEnding {
    const message = error instanceof Error ? error.message : String(error);
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.#options;
    if (job.attempts >= maxAttempts) return { status: 'failed', error: message };
    const delay = Math.min(retryBaseMs * 2 ** (job.attempts - 1), retryMaxMs);
    return {
      status: 'queued',
      runAt: new Date(this.#options.clock.now().getTime() + delay),
      error: message,
    };
  }

  #claimOptions(): ClaimOptions {
    return {
      kinds: [...this.#handlers.keys()],
      now: this.#options.clock.now(),
      leaseMs: this.#options.leaseMs,
      maxAttempts: this.#options.maxAttempts,
    };
  }

  #fields(job: JobRow) {
    return {
      runner: this.name,
      job: job.id,
      kind: job.kind,
      job_key: job.key,
      attempt: job.attempts,
    };
  }
}
