import { autopayChargeJobs } from '../autopay/index.js';
import type { PaymentDeps } from '../payments/payment-service.js';
import { subscriptionPaymentJobs, subscriptionRenewalJobs } from '../subscriptions/index.js';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';
import { sandboxAchClearingJobs } from './sandbox-ach-clearing.js';

export interface BackgroundJobDeps extends PaymentDeps {
  /** How long a sandbox bank debit stays pending before it settles or is returned. */
  sandboxAchDelayMs: number;
}

/** Runner tuning: everything of `JobRunnerOptions` but the dependencies and the tasks. */
export type JobRunnerSettings = Omit<
  JobRunnerOptions,
  'db' | 'clock' | 'logger' | 'handlers' | 'schedulers'
>;

/**
 * Creates a runner of the API's background jobs: autopay charges, sandbox bank clearing,
 * subscription renewals and the retries of past_due subscriptions.
 */
export function createJobRunner(deps: BackgroundJobDeps, settings: JobRunnerSettings = {}) {
  const autopay = autopayChargeJobs(deps);
  const clearing = sandboxAchClearingJobs({
    db: deps.db,
    clock: deps.clock,
    delayMs: deps.sandboxAchDelayMs,
  });
  const renewals = subscriptionRenewalJobs(deps);
  const subscriptionPayments = subscriptionPaymentJobs(deps);
  return new JobRunner({
    ...settings,
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    handlers: [autopay.handler, clearing.handler, renewals.handler, subscriptionPayments.handler],
    schedulers: [
      autopay.scheduler,
      clearing.scheduler,
      renewals.scheduler,
      subscriptionPayments.scheduler,
    ],
  });
}
