import { autopayChargeJobs } from '../autopay/index.js';
import { emailSendHandler, failedSendSweep, reminderScheduler } from '../email/index.js';
import type { PaymentDeps } from '../payments/payment-service.js';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';
import { sandboxAchClearingJobs } from './sandbox-ach-clearing.js';

export interface BackgroundJobDeps extends PaymentDeps {
  /** How long a sandbox bank debit stays pending before it settles or is returned. */
  sandboxAchDelayMs: number;
  /** Base address of the API, for the pay links in emails; email with a link fails without it. */
  publicUrl?: string;
  /** SMTP attempts of one email before it is marked failed; see `EmailJobDeps`. */
  maxEmailSendAttempts?: number;
}

/** Runner tuning: everything of `JobRunnerOptions` but the dependencies and the tasks. */
export type JobRunnerSettings = Omit<
  JobRunnerOptions,
  'db' | 'clock' | 'logger' | 'handlers' | 'schedulers'
>;

/**
 * Creates a runner of the API's background jobs: autopay charges, sandbox bank clearing,
 * and customer emails with their reminders.
 */
export function createJobRunner(deps: BackgroundJobDeps, settings: JobRunnerSettings = {}) {
  const autopay = autopayChargeJobs(deps);
  const clearing = sandboxAchClearingJobs({
    db: deps.db,
    clock: deps.clock,
    delayMs: deps.sandboxAchDelayMs,
  });
  const emailSend = emailSendHandler({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
    ...(deps.maxEmailSendAttempts === undefined
      ? {}
      : { maxSendAttempts: deps.maxEmailSendAttempts }),
  });
  return new JobRunner({
    ...settings,
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    handlers: [autopay.handler, clearing.handler, emailSend],
    schedulers: [
      autopay.scheduler,
      clearing.scheduler,
      reminderScheduler(deps.db),
      failedSendSweep(deps),
    ],
  });
}
