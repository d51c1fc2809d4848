import { currentAuditedRequestId } from './audit/audit-context.js';
import type { Trx } from './db/index.js';
import { queueEventEmails } from './email/email-outbox.js';
import { newId } from './ids.js';
import { queueWebhookDeliveries } from './webhooks/webhook-fan-out.js';

/** Names of the events the ledger writes, `object.verb`. */
export type EventType =
  | 'vendor.created'
  | 'api_key.created'
  | 'customer.created'
  | 'invoice.created'
  | 'invoice.paid'
  | 'invoice.voided'
  | 'invoice.payment_pending'
  | 'invoice.payment_applied'
  | 'invoice.payment_released'
  | 'invoice.payment_reversed'
  | 'invoice.reopened'
  | 'payment.created'
  | 'payment.requires_action'
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.canceled'
  | 'payment.returned'
  | 'payment.refunded'
  | 'payment.chargeback_opened'
  | 'payment.chargeback_closed'
  | 'refund.created'
  | 'refund.succeeded'
  | 'refund.failed'
  | 'mandate.accepted'
  | 'payment_method.created'
  | 'payment_method.detached'
  | 'payment_method.disabled'
  | 'customer.default_payment_method_changed'
  | 'autopay.enabled'
  | 'autopay.disabled'
  | 'autopay.paused'
  | 'portal_session.created'
  | 'portal_session.revoked'
  | 'ledger.imported'
  | 'payment.recorded'
  | 'payment.applied'
  | 'credit.applied'
  | 'credit_note.created'
  | 'credit_note.applied'
  | 'credit_note.voided'
  | 'payment_notice.created'
  | 'payment_notice.confirmed'
  | 'payment_notice.rejected'
  | 'question.created'
  | 'question.replied'
  | 'question.resolved'
  | 'dispute.created'
  | 'dispute.replied'
  | 'dispute.resolved'
  | 'invoice.disputed'
  | 'invoice.dispute_cleared'
  | 'credit_request.created'
  | 'credit_request.approved'
  | 'credit_request.declined'
  | 'customer.credit_limit_changed'
  | 'customer.billing_details_updated'
  | 'customer.updated'
  | 'plan.created'
  | 'plan.updated'
  | 'subscription.created'
  | 'subscription.updated'
  | 'subscription.change_scheduled'
  | 'subscription.renewed'
  | 'subscription.past_due'
  | 'subscription.cancel_scheduled'
  | 'subscription.cancel_withdrawn'
  | 'subscription.canceled'
  | 'subscription.paused'
  | 'subscription.unpaused'
  | 'subscription.trial_ended'
  | 'subscription_settings.updated'
  | 'pay_link.created'
  | 'pay_link.used'
  | 'pay_link.revoked'
  | 'webhook_endpoint.created'
  | 'webhook_endpoint.updated'
  | 'webhook_endpoint.deleted'
  | 'webhook_endpoint.secret_rolled'
  | 'email_settings.updated'
  | 'api_key.rolled'
  | 'api_key.revoked'
  | 'email.queued'
  | 'email.sent'
  | 'email.failed'
  | 'email.skipped'
  | 'webhook_delivery.replayed';

export interface EventInput {
  vendorId: string;
  livemode: boolean;
  type: EventType;
  objectId: string;
  /** The object as the API shows it after the change, or the facts of the change. */
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Returns the vendor, mode and time of an event about `row`, a row of one vendor's ledger. */
export function eventScope(
  row: { vendor_id: string; livemode: boolean },
  createdAt: Date,
): Pick<EventInput, 'vendorId' | 'livemode' | 'createdAt'> {
  return { vendorId: row.vendor_id, livemode: row.livemode, createdAt };
}

/** An event as stored, with its id. */
export interface RecordedEvent extends EventInput {
  id: string;
}

/**
 * Appends an event to the log that vendor webhooks and the audit trail read, and queues
 * the webhook deliveries and emails it calls for. It takes a transaction so that the event
 * and what it queues commit with the change it describes, or not at all.
 */
export async function recordEvent(trx: Trx, event: EventInput): Promise<string> {
  const id = newId('evt');
  await trx
    .insertInto('event')
    .values({
      id,
      vendor_id: event.vendorId,
      livemode: event.livemode,
      type: event.type,
      object_id: event.objectId,
      data: event.data,
      created_at: event.createdAt,
      // Links the event to the vendor API call that made it, for that call's audit entry.
      request_id: currentAuditedRequestId() ?? null,
    })
    .execute();
  const recorded = { ...event, id };
  await queueWebhookDeliveries(trx, recorded);
  await queueEventEmails(trx, recorded);
  return id;
}
