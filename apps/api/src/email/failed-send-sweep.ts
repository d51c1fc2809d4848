import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { Logger } from '../http/logger.js';
import type { JobScheduler } from '../jobs/job-types.js';
import { EMAIL_SEND } from './email-message-repository.js';
import { finish } from './email-send-job.js';

/** Name of the scheduler that closes the messages whose send job failed. */
export const EMAIL_FAILED_SENDS = 'email_failed_sends';

/**
 * Returns the scheduler that marks failed, on each poll, the messages still queued or
 * sending whose `email_send` job the runner gave up on. That happens after a fault other
 * than an SMTP refusal on every attempt, or when a runner stopped on the last one. It
 * queues no job, so it always reports 0.
 */
export function failedSendSweep(deps: { db: Db; clock: Clock; logger: Logger }): JobScheduler {
  return {
    name: EMAIL_FAILED_SENDS,
    enqueueDue: async () => {
      await closeFailedSends(deps);
      return 0;
    },
  };
}

async function closeFailedSends(deps: { db: Db; clock: Clock; logger: Logger }): Promise<void> {
  const stuck = await deps.db
    .selectFrom('email_message')
    .innerJoin('job', (join) =>
      join.on('job.kind', '=', EMAIL_SEND).onRef('job.key', '=', 'email_message.id'),
    )
    .selectAll('email_message')
    .select('job.last_error')
    .where('email_message.status', 'in', ['queued', 'sending'])
    .where('job.status', '=', 'failed')
    .execute();
  for (const { last_error, ...message } of stuck) {
    await finish(deps, message, 'failed', {
      error: `The send job failed: ${last_error ?? 'no error was recorded'}`,
    });
  }
}
