import type { CreditNote } from '@duly/core';
import { toAmount } from '../db/index.js';
import type { CreditNoteApplicationRow, CreditNoteRow } from './credit-note-repository.js';

/** Maps a credit note row and its applications (those of other notes are left out). */
export function toCreditNote(
  row: CreditNoteRow,
  applications: readonly CreditNoteApplicationRow[],
): CreditNote {
  return {
    object: 'credit_note',
    id: row.id,
    number: row.number,
    customer: row.customer_id,
    status: row.status,
    currency: row.currency,
    amount: toAmount(row.amount),
    amount_remaining: toAmount(row.amount_remaining),
    reason: row.reason,
    issued_on: row.issued_on,
    applications: applications
      .filter((application) => application.credit_note_id === row.id)
      .map((application) => ({
        invoice: application.invoice_id,
        invoice_number: application.invoice_number,
        amount: toAmount(application.amount),
        created_at: application.created_at.toISOString(),
      })),
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}
