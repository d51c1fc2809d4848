// Child process of the autopay benchmark: one API job runner on its own connection pool,
// as one API process would run it. Sends 'ready' over IPC once connected, polls the queue
// on the message 'go' until a poll finds nothing to do, sends what it did, and exits on the
// message 'stop'.
//
// Environment: DULY_BENCH_CONCURRENCY (jobs run at once by this runner, default 4).

import { setTimeout } from 'node:timers/promises';
import { createJobRunner, SandboxProvider, systemClock } from '@duly/api';
import { openUnseededBenchDatabase } from './bench-database.mjs';

const CONCURRENCY = Number(process.env.DULY_BENCH_CONCURRENCY ?? 4);
const CLOSE_TIMEOUT_MS = 3000;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const database = await openUnseededBenchDatabase({ max: CONCURRENCY + 2 });
const runner = createJobRunner(
  {
    db: database.db,
    clock: systemClock,
    logger: silent,
    providers: new Map([['sandbox', new SandboxProvider()]]),
    sandboxAchDelayMs: 5000,
  },
  { concurrency: CONCURRENCY },
);
process.send({ type: 'ready' });

process.on('message', async (message) => {
  if (message === 'go') {
    const totals = { enqueued: 0, done: 0, retried: 0, failed: 0, lost: 0, polls: 0 };
    for (;;) {
      const poll = await runner.runOnce();
      totals.polls += 1;
      for (const name of ['enqueued', 'done', 'retried', 'failed', 'lost']) {
        totals[name] += poll[name];
      }
      if (poll.enqueued === 0 && poll.done === 0 && poll.retried === 0) break;
    }
    process.send({ type: 'finished', totals });
  } else if (message === 'stop') {
    await Promise.race([database.close(), setTimeout(CLOSE_TIMEOUT_MS)]);
    process.exit(0);
  }
});
