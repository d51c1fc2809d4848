import { sql } from 'kysely';
import type Stripe from 'stripe';
import type { Db } from '../../db/index.js';

/**
 * Returns the Stripe customer of a Duly customer, creating it on first need and storing
 * its id in `customer.provider_refs.stripe`. Two requests racing to create it send the same
 * idempotency key, so Stripe returns one customer to both, and only the first store wins.
 */
export async function ensureStripeCustomer(
  db: Db,
  stripe: Stripe,
  customerId: string,
): Promise<string> {
  const customer = await db
    .selectFrom('customer')
    .select(['id', 'vendor_id', 'name', 'email', 'provider_refs'])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  const existing = customer.provider_refs.stripe;
  if (existing !== undefined) return existing;

  const created = await stripe.customers.create(
    {
      name: customer.name,
      ...(customer.email === null ? {} : { email: customer.email }),
      metadata: { duly_customer: customer.id, duly_vendor: customer.vendor_id },
    },
    { idempotencyKey: `duly_customer_${customer.id}` },
  );

  const stored = await db
    .updateTable('customer')
    .set({ provider_refs: sql`provider_refs || jsonb_build_object('stripe', ${created.id}::text)` })
    .where('id', '=', customer.id)
    .where(sql<boolean>`provider_refs->>'stripe' IS NULL`)
    .returning('provider_refs')
    .executeTakeFirst();
  if (stored !== undefined) return created.id;

  const winner = await db
    .selectFrom('customer')
    .select('provider_refs')
    .where('id', '=', customer.id)
    .executeTakeFirstOrThrow();
  return winner.provider_refs.stripe ?? created.id;
}
