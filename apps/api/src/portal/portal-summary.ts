import type { Balance, PortalSession } from '@duly/core';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { sumCreditByCurrency } from '../credit/index.js';
import { type Db, toAmount } from '../db/index.js';
import type { PortalAuth } from '../http/app-env.js';
import { todayFor } from '../invoices/invoice-service.js';

/**
 * Everything the widget needs for its first paint: vendor and branding, customer, and
 * per currency the open balance, what is overdue and the credit balance. The balances are
 * summed in SQL, one row per currency, never across currencies.
 */
export async function readPortalSummary(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
): Promise<PortalSession> {
  const today = todayFor(clock, portal);

  const [head, balances, credit] = await Promise.all([
    db
      .selectFrom('customer')
      .innerJoin('vendor', 'vendor.id', 'customer.vendor_id')
      .select([
        'vendor.id as vendor_id',
        'vendor.name as vendor_name',
        'vendor.logo_url',
        'vendor.primary_color',
        'vendor.time_zone',
        'customer.id as customer_id',
        'customer.name as customer_name',
        'customer.external_id',
        'customer.email',
      ])
      .where('customer.id', '=', portal.customerId)
      .where('customer.vendor_id', '=', portal.vendorId)
      .where('customer.livemode', '=', portal.livemode)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('invoice')
      .select([
        'currency',
        sql<string>`sum(amount_due)`.as('amount_due'),
        sql<string>`sum(amount_pending)`.as('amount_pending'),
        sql<string>`count(*)`.as('open_count'),
        sql<string>`count(*) FILTER (WHERE due_date < ${today})`.as('overdue_count'),
        sql<string>`coalesce(sum(amount_due) FILTER (WHERE due_date < ${today}), 0)`.as(
          'overdue_amount',
        ),
      ])
      .where('customer_id', '=', portal.customerId)
      .where('vendor_id', '=', portal.vendorId)
      .where('livemode', '=', portal.livemode)
      .where('status', '=', 'open')
      .groupBy('currency')
      .orderBy('currency')
      .execute(),
    sumCreditByCurrency(db, portal, portal.customerId),
  ]);

  const perCurrency: Balance[] = balances.map((row) => ({
    currency: row.currency,
    amount_due: toAmount(row.amount_due),
    amount_pending: toAmount(row.amount_pending),
    open_count: Number(row.open_count),
    overdue_count: Number(row.overdue_count),
    overdue_amount: toAmount(row.overdue_amount),
    credit: credit.get(row.currency) ?? 0,
  }));
  // A currency with credit but nothing open still gets a row, so the credit shows.
  for (const [currency, amount] of credit) {
    if (perCurrency.some((balance) => balance.currency === currency)) continue;
    perCurrency.push({
      currency,
      amount_due: 0,
      amount_pending: 0,
      open_count: 0,
      overdue_count: 0,
      overdue_amount: 0,
      credit: amount,
    });
  }
  perCurrency.sort((a, b) => (a.currency < b.currency ? -1 : 1));

  return {
    object: 'portal_session',
    vendor: {
      id: head.vendor_id,
      name: head.vendor_name,
      branding: { logo_url: head.logo_url, primary_color: head.primary_color },
      time_zone: head.time_zone,
    },
    customer: {
      id: head.customer_id,
      name: head.customer_name,
      external_id: head.external_id,
      email: head.email,
    },
    locale: portal.locale,
    livemode: portal.livemode,
    provider: 'sandbox',
    expires_at: portal.expiresAt.toISOString(),
    features: [...portal.features],
    today,
    balances: perCurrency,
    overdue_count: perCurrency.reduce((sum, balance) => sum + balance.overdue_count, 0),
  };
}
