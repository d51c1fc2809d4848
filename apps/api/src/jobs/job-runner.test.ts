import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { connectDatabase, type PostgresDb } from '../db/index.js';
import { silentLogger } from '../http/logger.js';
import type { TestDatabase } from '../testing/index.js';
import { enqueueJob } from './job-repository.js';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';
import { createIsolatedDatabase } from './job-test-kit.js';
import type { JobHandler, JobRow } from './job-types.js';

let database: TestDatabase;
let db: PostgresDb;
let otherDb: PostgresDb;
let clock: ManualClock;

beforeAll(async () => {
  database = await createIsolatedDatabase(inject('databaseUrl'));
  db = connectDatabase(database.url, { max: 10 });
  otherDb = connectDatabase(database.url, { max: 10 });
});
afterAll(async () => {
  await db.destroy();
  await otherDb.destroy();
  await database.drop();
});

/** Each test uses its own job kind, so no test claims another test's jobs. */
let kind: string;
let testNumber = 0;
beforeEach(() => {
  testNumber += 1;
  kind = `test_job_${testNumber}`;
  clock = new ManualClock('2026-05-01T09:00:00Z');
});

function runner(handler: JobHandler, options: Partial<JobRunnerOptions> = {}) {
  return new JobRunner({ db, clock, logger: silentLogger, handlers: [handler], ...options });
}

async function enqueue(key: string, payload: Record<string, unknown> = {}, runAt = clock.now()) {
  await enqueueJob(db, { kind, key, vendorId: null, payload, runAt }, clock.now());
}

async function jobRow(key: string): Promise<JobRow> {
  return db
    .selectFrom('job')
    .selectAll()
    .where('kind', '=', kind)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

/** A handler that waits until released, to stand for a job still in progress. */
function heldHandler() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started: string[] = [];
  const handler: JobHandler = {
    kind,
    run: async (job) => {
      started.push(job.key);
      await released;
      return { finished: job.key };
    },
  };
  return { handler, started, release };
}

describe('JobRunner', () => {
  it('adds a job key once', async () => {
    await enqueue('only-once', { n: 1 });
    await enqueue('only-once', { n: 2 });

    const rows = await db.selectFrom('job').selectAll().where('kind', '=', kind).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toEqual({ n: 1 });
  });

  it('runs each job once across two runners at once', async () => {
    const keys = Array.from({ length: 40 }, (_, index) => `job-${index}`);
    for (const key of keys) await enqueue(key);
    const runs: Array<{ key: string; runner: string }> = [];
    const handlerFor = (name: string): JobHandler => ({
      kind,
      run: async (job) => {
        runs.push({ key: job.key, runner: name });
        // A short pause keeps both runners busy at the same time.
        await new Promise((resolve) => setTimeout(resolve, 2));
        return { by: name };
      },
    });
    const first = runner(handlerFor('first'));
    const second = new JobRunner({
      db: otherDb,
      clock,
      logger: silentLogger,
      handlers: [handlerFor('second')],
    });

    const [a, b] = await Promise.all([first.runOnce(), second.runOnce()]);

    expect(runs.map((run) => run.key).sort()).toEqual([...keys].sort());
    expect(a.done + b.done).toBe(40);
    const rows = await db.selectFrom('job').selectAll().where('kind', '=', kind).execute();
    expect(rows.every((row) => row.status === 'done' && row.attempts === 1)).toBe(true);
    expect(rows.every((row) => row.locked_until === null)).toBe(true);
  });

  it('leaves a job alone before its run_at', async () => {
    await enqueue('later', {}, new Date('2026-05-01T10:00:00Z'));
    const handler: JobHandler = { kind, run: async () => ({}) };

    expect((await runner(handler).runOnce()).done).toBe(0);
    expect((await jobRow('later')).status).toBe('queued');

    clock.set('2026-05-01T10:00:00Z');
    expect((await runner(handler).runOnce()).done).toBe(1);
    expect((await jobRow('later')).status).toBe('done');
  });

  it('retries a faulted job after its backoff', async () => {
    await enqueue('flaky');
    let calls = 0;
    const handler: JobHandler = {
      kind,
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('provider timed out');
        return { calls };
      },
    };
    const jobs = runner(handler, { retryBaseMs: 30_000 });

    expect(await jobs.runOnce()).toMatchObject({ done: 0, retried: 1 });
    const queued = await jobRow('flaky');
    expect(queued.status).toBe('queued');
    expect(queued.last_error).toBe('provider timed out');
    expect(queued.run_at).toEqual(new Date('2026-05-01T09:00:30Z'));
    expect(queued.locked_until).toBeNull();

    clock.advance(29_999);
    expect((await jobs.runOnce()).done).toBe(0);
    clock.advance(1);
    expect((await jobs.runOnce()).done).toBe(1);
    const done = await jobRow('flaky');
    expect(done).toMatchObject({ status: 'done', attempts: 2, result: { calls: 2 } });
  });

  it('hands saved progress to the next run', async () => {
    await enqueue('stepwise', { invoice: 'inv_1' });
    const seen: Array<Record<string, unknown>> = [];
    const handler: JobHandler = {
      kind,
      run: async (job, context) => {
        seen.push(job.payload);
        if (job.attempts === 1) {
          await context.saveProgress({ payment: 'pay_1' });
          throw new Error('provider timed out');
        }
        return {};
      },
    };
    const jobs = runner(handler, { retryBaseMs: 1000 });

    await jobs.runOnce();
    clock.advance(1000);
    await jobs.runOnce();

    expect(seen).toEqual([{ invoice: 'inv_1' }, { invoice: 'inv_1', payment: 'pay_1' }]);
    expect((await jobRow('stepwise')).status).toBe('done');
  });

  it('doubles the backoff on each fault', async () => {
    await enqueue('failing');
    const handler: JobHandler = {
      kind,
      run: async () => {
        throw new Error('still down');
      },
    };
    const jobs = runner(handler, { retryBaseMs: 1000, maxAttempts: 10 });

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await jobs.runOnce();
      const row = await jobRow('failing');
      waits.push(row.run_at.getTime() - clock.now().getTime());
      clock.set(row.run_at);
    }
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('marks a job failed after its last attempt', async () => {
    await enqueue('doomed');
    const handler: JobHandler = {
      kind,
      run: async () => {
        throw new Error('account not found');
      },
    };
    const jobs = runner(handler, { maxAttempts: 2, retryBaseMs: 1000 });

    await jobs.runOnce();
    clock.advance(1000);
    expect(await jobs.runOnce()).toMatchObject({ failed: 1, retried: 0 });

    clock.advance(3_600_000);
    expect((await jobs.runOnce()).failed).toBe(0);
    expect(await jobRow('doomed')).toMatchObject({
      status: 'failed',
      attempts: 2,
      last_error: 'account not found',
      locked_until: null,
    });
  });

  it('gives a job of a stopped runner to another after the lease', async () => {
    await enqueue('abandoned');
    const stalled = heldHandler();
    const first = runner(stalled.handler, { leaseMs: 60_000 });
    const firstPoll = first.runOnce();
    await vi.waitFor(() => expect(stalled.started).toEqual(['abandoned']));

    const finished: string[] = [];
    const second = new JobRunner({
      db: otherDb,
      clock,
      logger: silentLogger,
      leaseMs: 60_000,
      handlers: [
        {
          kind,
          run: async (job) => {
            finished.push(job.key);
            return { by: 'second' };
          },
        },
      ],
    });
    clock.advance(59_999);
    expect((await second.runOnce()).done).toBe(0);
    clock.advance(1);
    expect((await second.runOnce()).done).toBe(1);
    expect(finished).toEqual(['abandoned']);

    // The first runner comes back: its ending is dropped, the second's stays.
    stalled.release();
    expect(await firstPoll).toMatchObject({ done: 0, lost: 1 });
    expect(await jobRow('abandoned')).toMatchObject({
      status: 'done',
      attempts: 2,
      result: { by: 'second' },
    });
  });

  it('rejects progress saved after the lease was taken over', async () => {
    await enqueue('overtaken', { step: 0 });
    let saveLate = () => Promise.resolve();
    const saves: Array<'saved' | string> = [];
    const stalled = heldHandler();
    const first = runner(
      {
        kind,
        run: async (job, context) => {
          saveLate = () =>
            context.saveProgress({ step: 1 }).then(
              () => void saves.push('saved'),
              (error: Error) => void saves.push(error.name),
            );
          return stalled.handler.run(job, context);
        },
      },
      { leaseMs: 1000 },
    );
    const firstPoll = first.runOnce();
    await vi.waitFor(() => expect(stalled.started).toEqual(['overtaken']));

    clock.advance(1000);
    const second = runner({ kind, run: async () => ({ by: 'second' }) }, { leaseMs: 1000 });
    expect((await second.runOnce()).done).toBe(1);
    await saveLate();
    stalled.release();
    await firstPoll;

    expect(saves).toEqual(['JobLeaseLostError']);
    expect((await jobRow('overtaken')).payload).toEqual({ step: 0 });
  });

  it('fails a job whose runners all stopped mid-run', async () => {
    await enqueue('cursed');
    const stalled = heldHandler();
    const polls: Array<Promise<unknown>> = [];
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      polls.push(runner(stalled.handler, { leaseMs: 1000, maxAttempts: 2 }).runOnce());
      await vi.waitFor(() => expect(stalled.started).toHaveLength(attempt));
      clock.advance(1000);
    }

    const summary = await runner(stalled.handler, { leaseMs: 1000, maxAttempts: 2 }).runOnce();

    expect(summary.failed).toBe(1);
    const row = await jobRow('cursed');
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/lease ran out on attempt 2 of 2/);
    stalled.release();
    await Promise.all(polls);
    expect((await jobRow('cursed')).status).toBe('failed');
  });

  it('polls after start and waits for the job in hand on stop', async () => {
    const stalled = heldHandler();
    const jobs = runner(stalled.handler, { pollIntervalMs: 5 });
    jobs.start();
    await enqueue('polled');
    await vi.waitFor(() => expect(stalled.started).toEqual(['polled']));

    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);

    stalled.release();
    await stopping;
    expect((await jobRow('polled')).status).toBe('done');

    await enqueue('after-stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await jobRow('after-stop')).status).toBe('queued');
  });

  it('logs a failing scheduler once per 60 polls', async () => {
    const lines: Array<{ message: string; fields: Record<string, unknown> | undefined }> = [];
    const logger = {
      ...silentLogger,
      error: (message: string, fields?: Record<string, unknown>) => {
        lines.push({ message, fields });
      },
    };
    let broken = true;
    const scheduler = {
      name: 'broken_scheduler',
      enqueueDue: async () => {
        if (broken) throw new Error('relation "missing" does not exist');
        return 0;
      },
    };
    const jobs = runner({ kind, run: async () => ({}) }, { logger, schedulers: [scheduler] });

    for (let poll = 1; poll <= 120; poll += 1) await jobs.runOnce();
    broken = false;
    await jobs.runOnce();
    broken = true;
    await jobs.runOnce();

    expect(lines.map((line) => line.fields?.failures)).toEqual([1, 60, 120, 1]);
    expect(lines[0]?.message).toBe('job scheduler failed; the next poll tries again');
    expect(lines[0]?.fields).toMatchObject({ scheduler: 'broken_scheduler' });
  });

  it('claims only the kinds it has handlers for', async () => {
    await enqueue('mine');
    await enqueueJob(
      db,
      { kind: `${kind}_other`, key: 'theirs', vendorId: null, payload: {}, runAt: clock.now() },
      clock.now(),
    );

    const summary = await runner({ kind, run: async () => ({}) }).runOnce();

    expect(summary.done).toBe(1);
    const other = await db
      .selectFrom('job')
      .select('status')
      .where('kind', '=', `${kind}_other`)
      .executeTakeFirstOrThrow();
    expect(other.status).toBe('queued');
  });
});
