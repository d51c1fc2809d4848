import { type CreditBalance, plainDateIn } from '@duly/core';
import { type Db, toAmount } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

type CreditSource = CreditBalance['sources'][number];

/**
 * Reads a customer's credit balance, one entry per currency (never summed across
 * currencies), currencies in alphabetical order: the `amount_remaining` of its issued
 * credit notes plus the `amount_unapplied` of its succeeded payments. Sources are listed
 * oldest first, the order credit is used in: a note by its issue date, a payment by the day
 * it succeeded in the vendor's `timeZone`, ties by id.
 */
export async function readVendorCreditBalances(
  db: Db,
  tenant: Tenant,
  customerId: string,
  timeZone: string,
): Promise<CreditBalance[]> {
  const [notes, payments] = await Promise.all([
    db
      .selectFrom('credit_note')
      .select(['id', 'number', 'currency', 'amount_remaining', 'issued_on'])
      .where('customer_id', '=', customerId)
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode)
      .where('status', '=', 'issued')
      .where('amount_remaining', '>', '0')
      .execute(),
    db
      .selectFrom('payment')
      .select(['id', 'offline_reference', 'currency', 'amount_unapplied', 'succeeded_at'])
      .where('customer_id', '=', customerId)
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode)
      .where('status', '=', 'succeeded')
      .where('amount_unapplied', '>', '0')
      .where('succeeded_at', 'is not', null)
      .execute(),
  ]);

  const sources: Array<CreditSource & { currency: string }> = [
    ...notes.map((note) => ({
      currency: note.currency,
      type: 'credit_note' as const,
      id: note.id,
      reference: note.number,
      amount: toAmount(note.amount_remaining),
      date: note.issued_on,
    })),
    ...payments.map((payment) => ({
      currency: payment.currency,
      type: 'payment' as const,
      id: payment.id,
      reference: payment.offline_reference,
      amount: toAmount(payment.amount_unapplied),
      // The query leaves out payments without `succeeded_at`.
      date: plainDateIn(payment.succeeded_at as Date, timeZone),
    })),
  ];
  sources.sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));

  const byCurrency = new Map<string, CreditBalance>();
  for (const { currency, ...source } of sources) {
    const balance = byCurrency.get(currency) ?? { currency, amount: 0, sources: [] };
    balance.amount += source.amount;
    balance.sources.push(source);
    byCurrency.set(currency, balance);
  }
  return [...byCurrency.values()].sort((a, b) => compare(a.currency, b.currency));
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
