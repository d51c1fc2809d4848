import { autopayChargeJobs } from '../autopay/index.js';
import { emailSendHandler, failedSendSweep, reminderScheduler } from '../email/index.js';
import type { PaymentDeps } from '../payments/payment-service.js';
import { subscriptionPaymentJobs, subscriptionRenewalJobs } from '../subscriptions/index.js';
import {
  DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  webhookDeliveryJobs,
} from '../webhooks/index.js';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';
import { sandboxAchClearingJobs } from './sandbox-ach-clearing.js';

export interface BackgroundJobDeps extends PaymentDeps {
  /** How long a sandbox bank debit stays pending before it settles or is returned. */
  sandboxAchDelayMs: number;
  /** Base address of the API, for the pay links in emails; email with a link fails without it. */
  publicUrl?: string;
  /** SMTP attempts of one email before it is marked failed; see `EmailJobDeps`. */
  maxEmailSendAttempts?: number;
  /** Waits between webhook attempts; `DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS` when left out. */
  webhookRetryScheduleMs?: readonly number[];
  /**
   * Maximum wait for a webhook receiver's response; 10,000 ms when left out. Keep it well
   * below the runner's `leaseMs`, or another runner sends the attempt again meanwhile.
   */
  webhookTimeoutMs?: number;
}

/** Runner tuning: everything of `JobRunnerOptions` but the dependencies and the tasks. */
export type JobRunnerSettings = Omit<
  JobRunnerOptions,
  'db' | 'clock' | 'logger' | 'handlers' | 'schedulers'
>;

/**
 * Creates a runner of the API's background jobs: autopay charges, sandbox bank clearing,
 * customer emails with their reminders, webhook deliveries, subscription renewals and the
 * retries of past_due subscriptions.
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
  const webhooks = webhookDeliveryJobs({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    retryScheduleMs: deps.webhookRetryScheduleMs ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS,
    timeoutMs: deps.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
  });
  const renewals = subscriptionRenewalJobs(deps);
  const subscriptionPayments = subscriptionPaymentJobs(deps);
  return new JobRunner({
    ...settings,
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    handlers: [
      autopay.handler,
      clearing.handler,
      emailSend,
      webhooks.handler,
      renewals.handler,
      subscriptionPayments.handler,
    ],
    schedulers: [
      autopay.scheduler,
      clearing.scheduler,
      reminderScheduler(deps.db),
      failedSendSweep(deps),
      webhooks.scheduler,
      renewals.scheduler,
      subscriptionPayments.scheduler,
    ],
  });
}
