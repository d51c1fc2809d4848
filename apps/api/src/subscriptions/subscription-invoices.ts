import { plainDateIn } from '@duly/core';
import { applyLockedCreditNote } from '../credit-notes/credit-note-applications.js';
import {
  lockCreditNoteNumbering,
  nextCreditNoteNumber,
} from '../credit-notes/credit-note-number.js';
import { toCreditNote } from '../credit-notes/credit-note-object.js';
import type { CreditNoteRow } from '../credit-notes/credit-note-repository.js';
import type { SubscriptionInvoiceTable, Trx } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { newId } from '../ids.js';
import { toInvoice } from '../invoices/invoice-object.js';
import { type InvoiceRow, insertInvoice } from '../invoices/invoice-repository.js';
import type { PlanRow } from '../plans/plan-repository.js';
import type { SubscriptionRow } from './subscription-repository.js';

/** One line a subscription bills: what it is for and its amount in minor units. */
export interface SubscriptionCharge {
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

/** What a subscription invoice is for, and the period it covers. */
export interface SubscriptionInvoiceRequest {
  reason: SubscriptionInvoiceTable['reason'];
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  lines: SubscriptionCharge[];
}

/** Reads the vendor's time zone, which decides the issue and due date of an invoice. */
async function vendorToday(trx: Trx, vendorId: string, now: Date): Promise<string> {
  const vendor = await trx
    .selectFrom('vendor')
    .select('time_zone')
    .where('id', '=', vendorId)
    .executeTakeFirstOrThrow();
  return plainDateIn(now, vendor.time_zone);
}

/** Describes a period as the invoice line shows it: `2026-03-15 to 2026-04-15`. */
export function describePeriod(start: Date, end: Date): string {
  return `${start.toISOString().slice(0, 10)} to ${end.toISOString().slice(0, 10)}`;
}

/** Returns the full-period line of `quantity` units of `plan`. */
export function periodCharge(
  plan: PlanRow,
  quantity: number,
  start: Date,
  end: Date,
): SubscriptionCharge {
  const unitAmount = Number(plan.unit_amount);
  return {
    description: `${plan.name}, ${describePeriod(start, end)}`,
    quantity,
    unitAmount,
    amount: unitAmount * quantity,
  };
}

/**
 * Issues an open invoice of the subscription, dated and due today in the vendor's time
 * zone so that autopay charges it on its next poll, numbered `<subscription id>-0001` and
 * up. The caller holds the subscription's row lock, and saves `invoice_count` and
 * `latest_invoice_id` from the result. An invoice whose total is 0 is created paid.
 */
export async function issueSubscriptionInvoice(
  trx: Trx,
  now: Date,
  subscription: SubscriptionRow,
  request: SubscriptionInvoiceRequest,
): Promise<{ invoice: InvoiceRow; invoiceCount: number }> {
  const today = await vendorToday(trx, subscription.vendor_id, now);
  const invoiceCount = subscription.invoice_count + 1;
  const total = request.lines.reduce((sum, line) => sum + line.amount, 0);
  const row: InvoiceRow = {
    id: newId('inv'),
    vendor_id: subscription.vendor_id,
    livemode: subscription.livemode,
    customer_id: subscription.customer_id,
    number: `${subscription.id}-${String(invoiceCount).padStart(4, '0')}`,
    status: total === 0 ? 'paid' : 'open',
    currency: request.currency,
    total: String(total),
    amount_due: String(total),
    amount_pending: '0',
    issue_date: today,
    due_date: today,
    disputed: false,
    payment_notice_id: null,
    metadata: { subscription: subscription.id },
    paid_at: total === 0 ? now : null,
    voided_at: null,
    created_at: now,
    updated_at: now,
  };
  const lines = request.lines.map((line, position) => ({
    position,
    description: line.description,
    quantity: line.quantity,
    unit_amount: line.unitAmount,
    amount: line.amount,
  }));
  await insertInvoice(trx, row, lines);
  await trx
    .insertInto('subscription_invoice')
    .values({
      invoice_id: row.id,
      subscription_id: subscription.id,
      reason: request.reason,
      period_start: request.periodStart,
      period_end: request.periodEnd,
    })
    .execute();
  const invoice = toInvoice(row, today);
  invoice.lines = request.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unit_amount: line.unitAmount,
    amount: line.amount,
  }));
  invoice.subtotal = total;
  invoice.taxes = [];
  await recordEvent(trx, {
    ...eventScope(row, now),
    type: 'invoice.created',
    objectId: row.id,
    data: invoice,
  });
  return { invoice: row, invoiceCount };
}

/**
 * Issues a credit note for the unused part of the old price of a change, numbered like the
 * vendor's other credit notes, and applies it to `invoice` (the change's charge) as far as
 * that invoice can take. What remains is the customer's credit balance, which later
 * payments use.
 */
export async function issueProrationCredit(
  trx: Trx,
  now: Date,
  subscription: SubscriptionRow,
  credit: { amount: number; currency: string; reason: string },
  invoice: InvoiceRow | undefined,
): Promise<CreditNoteRow> {
  const tenant = { vendorId: subscription.vendor_id, livemode: subscription.livemode };
  const today = await vendorToday(trx, subscription.vendor_id, now);
  await lockCreditNoteNumbering(trx, tenant);
  const note: CreditNoteRow = {
    id: newId('cn'),
    vendor_id: subscription.vendor_id,
    livemode: subscription.livemode,
    customer_id: subscription.customer_id,
    number: await nextCreditNoteNumber(trx, tenant),
    currency: credit.currency,
    amount: String(credit.amount),
    amount_remaining: String(credit.amount),
    reason: credit.reason,
    status: 'issued',
    issued_on: today,
    created_at: now,
    voided_at: null,
  };
  await trx.insertInto('credit_note').values(note).execute();
  await recordEvent(trx, {
    ...eventScope(note, now),
    type: 'credit_note.created',
    objectId: note.id,
    data: toCreditNote(note, []),
  });
  if (invoice === undefined || invoice.status !== 'open') return note;
  const amount = Math.min(credit.amount, Number(invoice.amount_due));
  return applyLockedCreditNote(trx, now, note, [invoice], [{ invoice: invoice.id, amount }]);
}
