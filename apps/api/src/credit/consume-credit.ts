import { formatDecimalAmount } from '@duly/core';
import { sql } from 'kysely';
import type { Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import { applyToInvoice } from '../payments/apply-to-invoice.js';
import type { Payer } from '../payments/payer.js';
import type { CreditSource } from './credit-sources.js';

/** Credit to put on one invoice. */
export interface CreditUse {
  invoice: string;
  amount: number;
}

/** A part of a credit use taken from one source. */
export interface CreditTaken {
  invoice: string;
  amount: number;
  source: { type: CreditSource['type']; id: string };
}

/** The request that uses the credit, for the `credit.applied` event. */
export interface CreditContext {
  payer: Payer;
  currency: string;
  now: Date;
  /** The payment whose request applied the credit; null for credit applied alone. */
  paymentId: string | null;
}

/**
 * Puts the customer's credit on invoices, taking each source in the order of `sources`
 * (oldest first) until its credit is used up. A credit note's `amount_remaining` goes down
 * and a `credit_note_application` is added. A payment's `amount_unapplied` goes down and its
 * application on the invoice is added, or grows when the payment is already applied there.
 * Each invoice's `amount_due` goes down, and an invoice with nothing left due is paid. One
 * `credit.applied` event describes it all.
 *
 * The caller holds the locks, invoices first in id order and then `sources` from
 * `lockCreditSources`, and gives each invoice at most its payable amount. Throws
 * `credit_exceeds_balance` when the uses add up to more than the sources hold.
 */
export async function consumeCredit(
  trx: Trx,
  context: CreditContext,
  sources: readonly CreditSource[],
  uses: readonly CreditUse[],
): Promise<CreditTaken[]> {
  const left = sources.map((source) => ({ ...source }));
  const available = left.reduce((sum, source) => sum + source.amount, 0);
  const requested = uses.reduce((sum, use) => sum + use.amount, 0);
  if (requested > available) {
    const money = (amount: number) =>
      `${formatDecimalAmount(amount, context.currency)} ${context.currency}`;
    throw new ApiError(
      'credit_exceeds_balance',
      `Applying ${money(requested)} of credit needs more than the ${money(available)} available; apply at most ${money(available)}.`,
    );
  }

  const parts: CreditTaken[] = [];
  for (const use of uses) {
    let due = use.amount;
    for (const source of left) {
      if (due === 0) break;
      const take = Math.min(due, source.amount);
      if (take === 0) continue;
      await takeFromSource(trx, context.now, source, use.invoice, take);
      await applyToInvoice(
        trx,
        { vendor_id: context.payer.vendorId, livemode: context.payer.livemode },
        context.now,
        {
          invoiceId: use.invoice,
          amount: take,
          pendingSettled: 0,
          paidBy:
            source.type === 'credit_note' ? { credit_note: source.id } : { payment: source.id },
        },
      );
      source.amount -= take;
      due -= take;
      parts.push({
        invoice: use.invoice,
        amount: take,
        source: { type: source.type, id: source.id },
      });
    }
  }

  if (requested > 0) {
    await recordEvent(trx, {
      vendorId: context.payer.vendorId,
      livemode: context.payer.livemode,
      createdAt: context.now,
      type: 'credit.applied',
      objectId: context.payer.customerId,
      data: {
        customer: context.payer.customerId,
        currency: context.currency,
        amount: requested,
        payment: context.paymentId,
        applications: parts.map((part) => ({
          invoice: part.invoice,
          amount: part.amount,
          source_type: part.source.type,
          source: part.source.id,
        })),
      },
    });
  }
  return parts;
}

async function takeFromSource(
  trx: Trx,
  now: Date,
  source: CreditSource,
  invoiceId: string,
  amount: number,
): Promise<void> {
  if (source.type === 'credit_note') {
    await trx
      .updateTable('credit_note')
      .set({ amount_remaining: sql`amount_remaining - ${amount}` })
      .where('id', '=', source.id)
      .execute();
    await trx
      .insertInto('credit_note_application')
      .values({ credit_note_id: source.id, invoice_id: invoiceId, amount, created_at: now })
      .execute();
    return;
  }

  await trx
    .updateTable('payment')
    .set({ amount_unapplied: sql`amount_unapplied - ${amount}`, updated_at: now })
    .where('id', '=', source.id)
    .execute();
  await trx
    .insertInto('payment_application')
    .values({ payment_id: source.id, invoice_id: invoiceId, amount, created_at: now })
    .onConflict((conflict) =>
      conflict
        .columns(['payment_id', 'invoice_id'])
        .doUpdateSet({ amount: sql`payment_application.amount + ${amount}` }),
    )
    .execute();
}
