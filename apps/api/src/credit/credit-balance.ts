import type { CreditBalance } from '@duly/core';
import { sql } from 'kysely';
import { type Db, type Trx, toAmount } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { listCreditSources } from './credit-sources.js';

/**
 * Reads the customer's credit balance in each currency that has credit, with its sources
 * oldest first: issued credit notes' `amount_remaining` and succeeded payments'
 * `amount_unapplied`. Currencies are in code order and never summed together.
 */
export async function readCreditBalances(
  db: Db | Trx,
  tenant: Tenant,
  customerId: string,
): Promise<CreditBalance[]> {
  const byCurrency = new Map<string, CreditBalance>();
  for (const source of await listCreditSources(db, tenant, customerId)) {
    let balance = byCurrency.get(source.currency);
    if (balance === undefined) {
      balance = { currency: source.currency, amount: 0, sources: [] };
      byCurrency.set(source.currency, balance);
    }
    balance.amount += source.amount;
    balance.sources.push({
      type: source.type,
      id: source.id,
      reference: source.reference,
      amount: source.amount,
      date: source.date,
    });
  }
  return [...byCurrency.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
}

/**
 * Sums the customer's credit balance per currency in one grouped query, for reads that
 * need the totals only (the portal session's balances).
 */
export async function sumCreditByCurrency(
  db: Db,
  tenant: Tenant,
  customerId: string,
): Promise<Map<string, number>> {
  const rows = await sql<{ currency: string; amount: string }>`
    SELECT currency, sum(amount)::text AS amount FROM (
      SELECT currency, amount_remaining AS amount FROM credit_note
      WHERE customer_id = ${customerId} AND vendor_id = ${tenant.vendorId}
        AND livemode = ${tenant.livemode} AND status = 'issued' AND amount_remaining > 0
      UNION ALL
      SELECT currency, amount_unapplied FROM payment
      WHERE customer_id = ${customerId} AND vendor_id = ${tenant.vendorId}
        AND livemode = ${tenant.livemode} AND status = 'succeeded' AND amount_unapplied > 0
    ) AS credit
    GROUP BY currency
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.currency, toAmount(row.amount)]));
}
