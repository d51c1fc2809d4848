export { toEvent } from './event-object.js';
export {
  WEBHOOK_DELIVERY_JOB,
  type WebhookDeliveryDeps,
  webhookDeliveryJobs,
} from './webhook-delivery-job.js';
export { queueWebhookDeliveries } from './webhook-fan-out.js';
export {
  DEFAULT_WEBHOOK_RETRY_SCHEDULE_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
} from './webhook-retry-schedule.js';
export { eventRoutes, webhookDeliveryRoutes, webhookEndpointRoutes } from './webhook-routes.js';
export { signWebhookPayload, webhookSignatureHeader } from './webhook-signature.js';
