import { type PlainDate, plainDateIn } from '@duly/core';
import type { Db, Trx } from '../db/index.js';
import { toAmount } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

/**
 * One source of a customer's credit balance: an issued credit note with an amount
 * remaining, or a succeeded payment with an amount unapplied.
 */
export interface CreditSource {
  type: 'credit_note' | 'payment';
  id: string;
  /** The credit note's number, or the reference of an offline payment. */
  reference: string | null;
  currency: string;
  /** The credit left on it: `amount_remaining` of a note, `amount_unapplied` of a payment. */
  amount: number;
  /** The day the credit arose in the vendor's time zone: a note's issue date, a payment's success. */
  date: PlainDate;
  /** The instant that orders sources of one date: a note's creation, a payment's success. */
  at: Date;
}

/**
 * Orders credit sources in the order credit is used: oldest date first, then the earlier
 * instant, then by id.
 */
export function compareCreditSources(a: CreditSource, b: CreditSource): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.at.getTime() !== b.at.getTime()) return a.at.getTime() - b.at.getTime();
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Lists the customer's credit sources with credit left, in the order credit is used,
 * without locking them. A currency narrows the list to that currency.
 */
export async function listCreditSources(
  db: Db | Trx,
  tenant: Tenant,
  customerId: string,
  currency?: string,
): Promise<CreditSource[]> {
  const notes = await selectCreditNotes(db, tenant, customerId, currency).execute();
  const payments = await selectPayments(db, tenant, customerId, currency).execute();
  return toSources(notes, payments);
}

/**
 * Lists and locks (`FOR UPDATE`) the customer's credit sources in `currency`, in the order
 * credit is used. It locks credit notes first, then payments, each in id order, so that two
 * callers of this function wait for each other instead of deadlocking. Lock the invoices
 * the credit goes to before calling this.
 */
export async function lockCreditSources(
  trx: Trx,
  tenant: Tenant,
  customerId: string,
  currency: string,
): Promise<CreditSource[]> {
  const notes = await selectCreditNotes(trx, tenant, customerId, currency)
    .orderBy('credit_note.id')
    .forUpdate()
    .execute();
  const payments = await selectPayments(trx, tenant, customerId, currency)
    .orderBy('payment.id')
    .forUpdate('payment')
    .execute();
  return toSources(notes, payments);
}

function selectCreditNotes(db: Db | Trx, tenant: Tenant, customerId: string, currency?: string) {
  let query = db
    .selectFrom('credit_note')
    .select([
      'credit_note.id',
      'credit_note.number',
      'credit_note.currency',
      'credit_note.amount_remaining',
      'credit_note.issued_on',
      'credit_note.created_at',
    ])
    .where('credit_note.vendor_id', '=', tenant.vendorId)
    .where('credit_note.livemode', '=', tenant.livemode)
    .where('credit_note.customer_id', '=', customerId)
    .where('credit_note.status', '=', 'issued')
    .where('credit_note.amount_remaining', '>', '0');
  if (currency !== undefined) query = query.where('credit_note.currency', '=', currency);
  return query;
}

function selectPayments(db: Db | Trx, tenant: Tenant, customerId: string, currency?: string) {
  let query = db
    .selectFrom('payment')
    .innerJoin('vendor', 'vendor.id', 'payment.vendor_id')
    .select([
      'payment.id',
      'payment.offline_reference',
      'payment.currency',
      'payment.amount_unapplied',
      'payment.succeeded_at',
      'payment.created_at',
      'vendor.time_zone',
    ])
    .where('payment.vendor_id', '=', tenant.vendorId)
    .where('payment.livemode', '=', tenant.livemode)
    .where('payment.customer_id', '=', customerId)
    .where('payment.status', '=', 'succeeded')
    .where('payment.amount_unapplied', '>', '0');
  if (currency !== undefined) query = query.where('payment.currency', '=', currency);
  return query;
}

type CreditNoteSourceRow = Awaited<
  ReturnType<ReturnType<typeof selectCreditNotes>['execute']>
>[number];
type PaymentSourceRow = Awaited<ReturnType<ReturnType<typeof selectPayments>['execute']>>[number];

function toSources(notes: CreditNoteSourceRow[], payments: PaymentSourceRow[]): CreditSource[] {
  const sources: CreditSource[] = notes.map((note) => ({
    type: 'credit_note',
    id: note.id,
    reference: note.number,
    currency: note.currency,
    amount: toAmount(note.amount_remaining),
    date: note.issued_on,
    at: note.created_at,
  }));
  for (const payment of payments) {
    // No CHECK ties `succeeded_at` to the status, so a row written without it still sorts.
    const succeededAt = payment.succeeded_at ?? payment.created_at;
    sources.push({
      type: 'payment',
      id: payment.id,
      reference: payment.offline_reference,
      currency: payment.currency,
      amount: toAmount(payment.amount_unapplied),
      date: plainDateIn(succeededAt, payment.time_zone),
      at: succeededAt,
    });
  }
  return sources.sort(compareCreditSources);
}
