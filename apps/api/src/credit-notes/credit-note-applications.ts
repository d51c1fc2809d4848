import type { ApplyCreditNoteRequest, CreditNote } from '@duly/core';
import type { Clock } from '../clock.js';
import { type Db, type Trx, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import type { InvoiceRow } from '../invoices/invoice-repository.js';
import { applyToInvoice } from '../payments/apply-to-invoice.js';
import {
  checkTargetAmount,
  checkTargetCurrency,
  describeAmount,
  type InvoiceTarget,
  lockOpenTargetInvoices,
  payableOf,
  rejectDuplicateTargets,
} from '../payments/invoice-targets.js';
import { toCreditNote } from './credit-note-object.js';
import {
  type CreditNoteRow,
  findCreditNote,
  listCreditNoteApplications,
  lockCreditNote,
} from './credit-note-repository.js';

/** Throws `credit_note_not_found` for `creditNoteId`, unknown and foreign ids alike. */
export function creditNoteNotFound(creditNoteId: string): ApiError {
  return new ApiError('credit_note_not_found', `No credit note with id ${creditNoteId} exists.`, {
    param: 'id',
  });
}

/** Throws `credit_note_void` for a void note, which has no credit to give. */
export function rejectVoidCreditNote(note: CreditNoteRow): void {
  if (note.status === 'void') {
    throw new ApiError(
      'credit_note_void',
      `Credit note ${note.number} is void; issue a new credit note to give this customer credit.`,
    );
  }
}

/**
 * Plans what a credit note puts on each invoice, in request order: the requested amount,
 * or without one what remains of the note or what the invoice can still take, whichever is
 * less. Throws `credit_exceeds_balance` when the note has not that much left, and the
 * errors of the checks of each invoice (currency, what it can take).
 */
function planApplications(
  note: CreditNoteRow,
  invoices: readonly InvoiceRow[],
  targets: readonly InvoiceTarget[],
): Array<{ invoice: InvoiceRow; amount: number }> {
  let remaining = toAmount(note.amount_remaining);
  return invoices.map((invoice, index) => {
    checkTargetCurrency(invoice, index, note.currency, `credit note ${note.number}`);
    const requested = targets[index]?.amount;
    const left = describeAmount(remaining, note.currency);
    if (requested !== undefined && requested > remaining) {
      throw new ApiError(
        'credit_exceeds_balance',
        `Credit note ${note.number} has ${left} left, less than the ${describeAmount(requested, note.currency)} requested for invoice ${invoice.number}; lower the amount or leave it out to apply what is left.`,
        { param: `invoices[${index}].amount` },
      );
    }
    if (requested !== undefined) checkTargetAmount(invoice, index, requested);
    if (remaining === 0) {
      throw new ApiError(
        'credit_exceeds_balance',
        `Credit note ${note.number} has nothing left to apply to invoice ${invoice.number}.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    const payable = payableOf(invoice);
    if (payable === 0) {
      throw new ApiError(
        'amount_exceeds_payable',
        `Nothing can be applied to invoice ${invoice.number} now: what is due is held by payments in flight.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    const amount = requested ?? Math.min(remaining, payable);
    remaining -= amount;
    return { invoice, amount };
  });
}

/**
 * Applies an issued credit note to invoices, with the invoices and then the note locked in
 * the caller's transaction: lowers each invoice's `amount_due` (paid at 0) and the note's
 * `amount_remaining`, and records `credit_note.applied`. Returns the note as updated.
 */
export async function applyLockedCreditNote(
  trx: Trx,
  now: Date,
  note: CreditNoteRow,
  invoices: readonly InvoiceRow[],
  targets: readonly InvoiceTarget[],
): Promise<CreditNoteRow> {
  const plan = planApplications(note, invoices, targets);
  await trx
    .insertInto('credit_note_application')
    .values(
      plan.map(({ invoice, amount }) => ({
        credit_note_id: note.id,
        invoice_id: invoice.id,
        amount,
        created_at: now,
      })),
    )
    .execute();
  for (const { invoice, amount } of plan) {
    await applyToInvoice(trx, note, now, {
      invoiceId: invoice.id,
      amount,
      pendingSettled: 0,
      paidBy: { credit_note: note.id },
    });
  }

  const applied = plan.reduce((sum, line) => sum + line.amount, 0);
  const updated = await trx
    .updateTable('credit_note')
    .set({ amount_remaining: String(toAmount(note.amount_remaining) - applied) })
    .where('id', '=', note.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, {
    ...eventScope(note, now),
    type: 'credit_note.applied',
    objectId: note.id,
    data: {
      id: note.id,
      number: note.number,
      customer: note.customer_id,
      currency: note.currency,
      applications: plan.map(({ invoice, amount }) => ({
        invoice: invoice.id,
        invoice_number: invoice.number,
        amount,
      })),
      amount_remaining: toAmount(updated.amount_remaining),
    },
  });
  return updated;
}

/**
 * `POST /v1/credit_notes/:id/applications`: applies what remains of a credit note to
 * invoices of its customer. Throws `credit_note_not_found`, `credit_note_void`,
 * `credit_exceeds_balance` and the checks of each invoice, and changes nothing when it does.
 */
export async function applyCreditNote(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  creditNoteId: string,
  request: ApplyCreditNoteRequest,
): Promise<CreditNote> {
  rejectDuplicateTargets(request.invoices);
  const found = await findCreditNote(db, tenant, creditNoteId);
  if (found === undefined) throw creditNoteNotFound(creditNoteId);
  rejectVoidCreditNote(found);

  const note = await db.transaction().execute(async (trx) => {
    const invoices = await lockOpenTargetInvoices(trx, tenant, found.customer_id, request.invoices);
    const locked = await lockCreditNote(trx, tenant, creditNoteId);
    if (locked === undefined) throw creditNoteNotFound(creditNoteId);
    rejectVoidCreditNote(locked);
    return applyLockedCreditNote(trx, clock.now(), locked, invoices, request.invoices);
  });
  return toCreditNote(note, await listCreditNoteApplications(db, [note.id]));
}
