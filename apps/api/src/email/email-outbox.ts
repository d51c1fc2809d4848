import { sql } from 'kysely';
import type { Trx } from '../db/index.js';
import type { RecordedEvent } from '../events.js';
import { queueEmail } from './email-message-repository.js';
import { canSend, findEmailSettings } from './email-settings-repository.js';

/**
 * Queues the emails an event calls for (a receipt for `payment.succeeded` and for an
 * offline payment's `payment.recorded`, the invoice with its pay link for
 * `invoice.created`), in the transaction that records the event. Nothing is queued while
 * the vendor has that kind off or the customer has no email address. The event still
 * reaches the vendor's webhooks, so a vendor can send its own mail from them instead.
 */
export async function queueEventEmails(trx: Trx, event: RecordedEvent): Promise<void> {
  const isPayment = event.type === 'payment.succeeded' || event.type === 'payment.recorded';
  if (!isPayment && event.type !== 'invoice.created') return;
  const tenant = { vendorId: event.vendorId, livemode: event.livemode };
  const settings = await findEmailSettings(trx, tenant);
  if (!canSend(settings)) return;

  if (isPayment && settings.send_receipts) {
    await queueReceipt(trx, event);
  } else if (event.type === 'invoice.created' && settings.send_invoices) {
    await queueInvoiceEmail(trx, event);
  }
}

async function queueReceipt(trx: Trx, event: RecordedEvent): Promise<void> {
  const payment = await trx
    .selectFrom('payment')
    .innerJoin('customer', 'customer.id', 'payment.customer_id')
    .select(['payment.customer_id', customerEmail.as('email')])
    .where('payment.id', '=', event.objectId)
    .executeTakeFirst();
  if (payment?.email == null) return;
  await queueEmail(trx, {
    vendorId: event.vendorId,
    livemode: event.livemode,
    kind: 'receipt',
    customerId: payment.customer_id,
    invoiceId: null,
    paymentId: event.objectId,
    step: null,
    dedupeKey: event.objectId,
    to: payment.email,
    now: event.createdAt,
  });
}

async function queueInvoiceEmail(trx: Trx, event: RecordedEvent): Promise<void> {
  const invoice = await trx
    .selectFrom('invoice')
    .innerJoin('customer', 'customer.id', 'invoice.customer_id')
    .select(['invoice.customer_id', 'invoice.status', customerEmail.as('email')])
    .where('invoice.id', '=', event.objectId)
    .executeTakeFirst();
  // Drafts are not sent; a paid invoice (recorded as paid when created) needs no pay link.
  if (invoice?.email == null || invoice.status !== 'open') return;
  await queueEmail(trx, {
    vendorId: event.vendorId,
    livemode: event.livemode,
    kind: 'invoice',
    customerId: invoice.customer_id,
    invoiceId: event.objectId,
    paymentId: null,
    step: null,
    dedupeKey: event.objectId,
    to: invoice.email,
    now: event.createdAt,
  });
}

/**
 * The address a customer's email goes to: the billing contact's email the customer set in
 * the portal, else the email the vendor gave the customer.
 */
export const customerEmail = sql<string | null>`coalesce(
  nullif(customer.billing_details->>'email', ''), nullif(customer.email, ''))`;
