import type { Invoice, Plan, Subscription, SubscriptionChangePreview } from '@duly/core';
import type { ApiFixture } from '../http/api-fixture.js';

/**
 * Test-only helpers of the subscription tests, which create plans and subscriptions through
 * the vendor API; nothing in the API imports them.
 */

/** Creates a plan; USD, monthly, 10,000 per unit unless `fields` overrides them. */
export function createPlan(api: ApiFixture, fields: Record<string, unknown> = {}): Promise<Plan> {
  return api.vendorCall(
    'POST',
    '/v1/plans',
    { name: 'Basic', interval: 'month', currency: 'USD', unit_amount: 10_000, ...fields },
    201,
  );
}

/** Subscribes `customer` to `plan` at the clock's now unless `fields` sets another start. */
export function subscribe(
  api: ApiFixture,
  customer: string,
  plan: string,
  fields: Record<string, unknown> = {},
): Promise<Subscription> {
  return api.vendorCall('POST', '/v1/subscriptions', { customer, plan, ...fields }, 201);
}

/** Sends a vendor preview of a change and expects 200. */
export function previewChange(
  api: ApiFixture,
  subscription: string,
  body: Record<string, unknown>,
): Promise<SubscriptionChangePreview> {
  return api.vendorCall('POST', `/v1/subscriptions/${subscription}/preview`, body, 200);
}

/** Sends a vendor change with a fresh Idempotency-Key; returns the response whatever its status. */
export function postChange(
  api: ApiFixture,
  subscription: string,
  body: Record<string, unknown>,
  idempotencyKey: string = crypto.randomUUID(),
) {
  return api.request<Subscription & { code?: string; param?: string; detail?: string }>(
    'POST',
    `/v1/subscriptions/${subscription}/change`,
    { auth: api.vendor.secret_key, body, headers: { 'Idempotency-Key': idempotencyKey } },
  );
}

/** Reads the invoices a subscription issued, oldest first, with their lines and credits. */
export async function subscriptionInvoices(api: ApiFixture, subscription: string) {
  const rows = await api.db
    .selectFrom('subscription_invoice')
    .innerJoin('invoice', 'invoice.id', 'subscription_invoice.invoice_id')
    .select(['invoice.id', 'subscription_invoice.reason'])
    .where('subscription_invoice.subscription_id', '=', subscription)
    .orderBy('invoice.created_at')
    .orderBy('invoice.number')
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      reason: row.reason,
      invoice: await api.vendorCall<Invoice>('GET', `/v1/invoices/${row.id}`, undefined, 200),
    })),
  );
}
