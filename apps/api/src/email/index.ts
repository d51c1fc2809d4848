export { EMAIL_SEND } from './email-message-repository.js';
export { customerEmail, queueEventEmails } from './email-outbox.js';
export { emailListRoutes, emailSettingsRoutes } from './email-routes.js';
export {
  DEFAULT_MAX_SEND_ATTEMPTS,
  type EmailJobDeps,
  emailSendHandler,
} from './email-send-job.js';
export { EMAIL_FAILED_SENDS, failedSendSweep } from './failed-send-sweep.js';
export { EMAIL_REMINDERS, reminderScheduler } from './reminder-scheduler.js';
