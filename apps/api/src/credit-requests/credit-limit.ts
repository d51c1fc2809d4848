import type { CreditLimit } from '@duly/core';
import { sql } from 'kysely';
import { type Db, toAmount } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth } from '../http/app-env.js';
import { toCreditRequest } from './credit-request-object.js';

/** How many of the customer's credit requests the portal's credit view lists. */
export const CREDIT_VIEW_REQUESTS = 50;

/**
 * Reads the credit limit of the portal session's customer: the limit, what its open
 * invoices in the limit's currency use of it (`amount_due`), what is left, and its newest
 * requests. Without a limit, `used` is 0 and `available` null: there is no currency to
 * sum in.
 */
export async function readCreditLimit(db: Db, portal: PortalAuth): Promise<CreditLimit> {
  const customer = await db
    .selectFrom('customer')
    .select(['credit_limit', 'credit_limit_currency'])
    .where('id', '=', portal.customerId)
    .where('vendor_id', '=', portal.vendorId)
    .where('livemode', '=', portal.livemode)
    .executeTakeFirst();
  if (customer === undefined) {
    throw new ApiError('customer_not_found', `No customer with id ${portal.customerId} exists.`);
  }
  const currency = customer.credit_limit_currency;

  const [usedRow, requests] = await Promise.all([
    currency === null
      ? undefined
      : db
          .selectFrom('invoice')
          .select(sql<string>`coalesce(sum(amount_due), 0)`.as('used'))
          .where('customer_id', '=', portal.customerId)
          .where('vendor_id', '=', portal.vendorId)
          .where('livemode', '=', portal.livemode)
          .where('status', '=', 'open')
          .where('currency', '=', currency)
          .executeTakeFirstOrThrow(),
    db
      .selectFrom('credit_request')
      .selectAll()
      .where('customer_id', '=', portal.customerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(CREDIT_VIEW_REQUESTS)
      .execute(),
  ]);

  const limit = customer.credit_limit === null ? null : toAmount(customer.credit_limit);
  const used = usedRow === undefined ? 0 : toAmount(usedRow.used);
  return {
    object: 'credit_limit',
    currency,
    limit,
    used,
    available: limit === null ? null : Math.max(limit - used, 0),
    requests: requests.map(toCreditRequest),
  };
}
