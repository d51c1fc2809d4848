import { z } from 'zod';
import { idSchema, TimestampSchema } from './common.js';

/**
 * The event types a webhook endpoint may subscribe to. Other events of the log (sessions,
 * keys, internal ledger steps) stay inside Duly. A type is added here only once its
 * `data.object` is a shape the API documents, because vendors code against it.
 */
export const WEBHOOK_EVENT_TYPES = [
  // Invoices
  'invoice.created',
  'invoice.paid',
  'invoice.voided',
  'invoice.reopened',
  'invoice.payment_pending',
  'invoice.disputed',
  'invoice.dispute_cleared',
  // Payments and refunds
  'payment.created',
  'payment.requires_action',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'payment.returned',
  'payment.refunded',
  'payment.recorded',
  'payment.chargeback_opened',
  'payment.chargeback_closed',
  'refund.created',
  'refund.succeeded',
  'refund.failed',
  // Payment methods and autopay
  'payment_method.created',
  'payment_method.detached',
  'payment_method.disabled',
  'customer.default_payment_method_changed',
  'autopay.enabled',
  'autopay.disabled',
  'autopay.paused',
  // Customers and their billing details
  'customer.created',
  'customer.updated',
  'customer.billing_details_updated',
  'customer.credit_limit_changed',
  // Plans and subscriptions
  'plan.created',
  'plan.updated',
  'subscription.created',
  'subscription.updated',
  'subscription.change_scheduled',
  'subscription.renewed',
  'subscription.past_due',
  'subscription.cancel_scheduled',
  'subscription.cancel_withdrawn',
  'subscription.canceled',
  'subscription.paused',
  'subscription.unpaused',
  'subscription.trial_ended',
  // Questions, disputes and credit requests
  'question.created',
  'question.replied',
  'question.resolved',
  'dispute.created',
  'dispute.replied',
  'dispute.resolved',
  'credit_request.created',
  'credit_request.approved',
  'credit_request.declined',
  // Credit notes, payment notices and pay links
  'credit_note.created',
  'credit_note.applied',
  'credit_note.voided',
  'payment_notice.created',
  'payment_notice.confirmed',
  'payment_notice.rejected',
  'pay_link.created',
  'pay_link.used',
  'pay_link.revoked',
] as const;

/** An event type that webhook endpoints may subscribe to, such as `payment.succeeded`. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const WEBHOOK_EVENT_TYPE_SET: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

/** Checks whether `type` is one of `WEBHOOK_EVENT_TYPES`. */
export function isWebhookEventType(type: string): type is WebhookEventType {
  return WEBHOOK_EVENT_TYPE_SET.has(type);
}

/** One entry of `enabled_events`: a public event type, or `*` for every one of them. */
export const EnabledEventSchema = z
  .string()
  .refine((type) => type === '*' || isWebhookEventType(type), {
    message:
      'is not an event type webhook endpoints can subscribe to; use "*" for all, or a type from the list in the webhooks guide, such as "payment.succeeded".',
  });

/**
 * An address that receives the vendor's events of the types it subscribes to. The signing
 * secret is returned only when it is created or rolled.
 */
export const WebhookEndpointSchema = z.object({
  object: z.literal('webhook_endpoint'),
  id: idSchema('we'),
  url: z.string(),
  description: z.string().nullable(),
  enabled_events: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  livemode: z.boolean(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

/** The response to creating an endpoint or rolling its secret: the endpoint with its secret. */
export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  /** `whsec_...`: the key of the HMAC-SHA256 signatures of this endpoint's deliveries. */
  secret: z.string().startsWith('whsec_'),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecretSchema>;

const WebhookUrlSchema = z.string().trim().min(1).max(2048);
const DescriptionSchema = z.string().trim().max(500);

/** Vendor API `POST /v1/webhook_endpoints`. */
export const CreateWebhookEndpointRequestSchema = z.strictObject({
  /** An `https://` URL. Test mode also accepts `http://`. */
  url: WebhookUrlSchema,
  enabled_events: z.array(EnabledEventSchema).min(1).max(100),
  description: DescriptionSchema.optional(),
});
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequestSchema>;

/** Vendor API `PATCH /v1/webhook_endpoints/:id`: changes the fields sent. */
export const UpdateWebhookEndpointRequestSchema = z.strictObject({
  url: WebhookUrlSchema.optional(),
  enabled_events: z.array(EnabledEventSchema).min(1).max(100).optional(),
  description: DescriptionSchema.nullable().optional(),
  /** `disabled` stops deliveries; those pending wait and go out once it is enabled again. */
  status: z.enum(['enabled', 'disabled']).optional(),
});
export type UpdateWebhookEndpointRequest = z.infer<typeof UpdateWebhookEndpointRequestSchema>;

/** Maximum time the previous secret keeps signing after a roll: seven days. */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

/** Vendor API `POST /v1/webhook_endpoints/:id/roll_secret`. */
export const RollWebhookSecretRequestSchema = z.strictObject({
  /**
   * Seconds the old secret keeps signing beside the new one (deliveries carry both
   * signatures), so receivers can switch without dropping events; 0, the default, retires
   * it at once.
   */
  expires_in_seconds: z.number().int().min(0).max(MAX_SECRET_OVERLAP_SECONDS).optional(),
});
export type RollWebhookSecretRequest = z.infer<typeof RollWebhookSecretRequestSchema>;

/** One HTTP request of a delivery. */
export const WebhookAttemptSchema = z.object({
  attempt: z.number().int(),
  started_at: TimestampSchema,
  /** The receiver's HTTP status, or null when no response came (timeout, refused connection). */
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** One event sent to one endpoint, retried until the receiver responds with a 2xx status or the retry schedule ends. */
export const WebhookDeliverySchema = z.object({
  object: z.literal('webhook_delivery'),
  id: idSchema('whd'),
  endpoint: idSchema('we'),
  event: idSchema('evt'),
  event_type: z.string(),
  /** The delivery this one sends again, for a replay. */
  replay_of: idSchema('whd').nullable(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempt_count: z.number().int(),
  /** When the next attempt is due; null once the delivery succeeded or failed for good. */
  next_attempt_at: TimestampSchema.nullable(),
  last_response_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  attempts: z.array(WebhookAttemptSchema),
  livemode: z.boolean(),
  created_at: TimestampSchema,
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/**
 * An entry of the event log, as `GET /v1/events` lists it and as webhook deliveries carry
 * it in their body. `data.object` is the object after the change, or the facts of it.
 */
export const EventSchema = z.object({
  object: z.literal('event'),
  id: idSchema('evt'),
  type: z.string(),
  created_at: TimestampSchema,
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type DulyEvent = z.infer<typeof EventSchema>;
