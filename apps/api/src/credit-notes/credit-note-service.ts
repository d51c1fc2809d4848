import type { CreateCreditNoteRequest, CreditNote } from '@duly/core';
import type { Clock } from '../clock.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import { type Db, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { isUniqueViolation } from '../http/database-errors.js';
import { toPage } from '../http/pagination.js';
import { newId } from '../ids.js';
import { todayFor, type ZonedTenant } from '../invoices/invoice-service.js';
import {
  describeAmount,
  lockOpenTargetInvoices,
  rejectDuplicateTargets,
} from '../payments/invoice-targets.js';
import { checkRecentDate } from '../payments/offline-payment.js';
import {
  applyLockedCreditNote,
  creditNoteNotFound,
  rejectVoidCreditNote,
} from './credit-note-applications.js';
import { lockCreditNoteNumbering, nextCreditNoteNumber } from './credit-note-number.js';
import { toCreditNote } from './credit-note-object.js';
import {
  type CreditNoteRow,
  creditNoteNumberExists,
  findCreditNote,
  listCreditNoteApplications,
  listCreditNotes,
  lockCreditNote,
} from './credit-note-repository.js';

function creditNoteNumberTaken(number: string): ApiError {
  return new ApiError(
    'credit_note_number_exists',
    `A credit note numbered "${number}" already exists; credit note numbers are unique per vendor. Leave number out to get the next CN- number.`,
    { param: 'number' },
  );
}

/**
 * `POST /v1/credit_notes`: issues credit to a customer, numbered `CN-000001` and up unless
 * the vendor gives a number, and applies it to the invoices named in the same transaction.
 * What is not applied is the customer's credit balance. Throws `customer_not_found`,
 * `credit_note_number_exists`, `validation_failed` (an issue date after today) and the
 * errors of applying it, and changes nothing when it does.
 */
export async function createCreditNote(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  request: CreateCreditNoteRequest,
): Promise<CreditNote> {
  const today = todayFor(clock, tenant);
  const issuedOn = request.issued_on ?? today;
  checkRecentDate(issuedOn, today, 'issued_on');
  const targets = request.invoices ?? [];
  rejectDuplicateTargets(targets);
  await findCustomerOrThrow(db, tenant, request.customer, 'customer');

  const now = clock.now();
  try {
    const note = await db.transaction().execute(async (trx) => {
      const invoices = await lockOpenTargetInvoices(trx, tenant, request.customer, targets);
      await lockCreditNoteNumbering(trx, tenant);
      if (
        request.number !== undefined &&
        (await creditNoteNumberExists(trx, tenant, request.number))
      ) {
        throw creditNoteNumberTaken(request.number);
      }
      const row: CreditNoteRow = {
        id: newId('cn'),
        vendor_id: tenant.vendorId,
        livemode: tenant.livemode,
        customer_id: request.customer,
        number: request.number ?? (await nextCreditNoteNumber(trx, tenant)),
        currency: request.currency,
        amount: String(request.amount),
        amount_remaining: String(request.amount),
        reason: request.reason,
        status: 'issued',
        issued_on: issuedOn,
        created_at: now,
        voided_at: null,
      };
      await trx.insertInto('credit_note').values(row).execute();
      await recordEvent(trx, {
        ...eventScope(row, now),
        type: 'credit_note.created',
        objectId: row.id,
        data: toCreditNote(row, []),
      });
      if (targets.length === 0) return row;
      return applyLockedCreditNote(trx, now, row, invoices, targets);
    });
    return toCreditNote(note, await listCreditNoteApplications(db, [note.id]));
  } catch (error) {
    // The numbering lock orders creates, so this is only a safety net.
    if (isUniqueViolation(error) && request.number !== undefined) {
      throw creditNoteNumberTaken(request.number);
    }
    throw error;
  }
}

/**
 * `POST /v1/credit_notes/:id/void`: withdraws a credit note that was never applied.
 * Throws `credit_note_not_found`, `credit_note_void` and `credit_note_applied`.
 */
export async function voidCreditNote(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  creditNoteId: string,
): Promise<CreditNote> {
  const note = await db.transaction().execute(async (trx) => {
    const locked = await lockCreditNote(trx, tenant, creditNoteId);
    if (locked === undefined) throw creditNoteNotFound(creditNoteId);
    rejectVoidCreditNote(locked);
    const applied = toAmount(locked.amount) - toAmount(locked.amount_remaining);
    if (applied > 0) {
      throw new ApiError(
        'credit_note_applied',
        `${describeAmount(applied, locked.currency)} of credit note ${locked.number} is applied to invoices, so it cannot be voided; only a credit note never applied can be.`,
      );
    }

    const now = clock.now();
    const voided = await trx
      .updateTable('credit_note')
      .set({ status: 'void', voided_at: now })
      .where('id', '=', locked.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      ...eventScope(voided, now),
      type: 'credit_note.voided',
      objectId: voided.id,
      data: toCreditNote(voided, []),
    });
    return voided;
  });
  return toCreditNote(note, []);
}

/** `GET /v1/credit_notes/:id`: a credit note of the tenant with its applications. */
export async function retrieveCreditNote(
  db: Db,
  tenant: Tenant,
  creditNoteId: string,
): Promise<CreditNote> {
  const row = await findCreditNote(db, tenant, creditNoteId);
  if (row === undefined) throw creditNoteNotFound(creditNoteId);
  return toCreditNote(row, await listCreditNoteApplications(db, [row.id]));
}

/** A request for one page of credit notes, as the list routes' query strings carry it. */
export interface CreditNotePageRequest {
  customerId: string | undefined;
  limit: number;
  cursor: string | undefined;
}

/**
 * Lists one page of the tenant's credit notes, newest first, with their applications and
 * the next page's cursor. Throws `invalid_cursor` for a cursor no credit note list returned.
 */
export async function listCreditNotePage(db: Db, tenant: Tenant, request: CreditNotePageRequest) {
  const rows = await listCreditNotes(db, tenant, {
    customerId: request.customerId,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'cn'),
  });
  const applications = await listCreditNoteApplications(
    db,
    rows.map((row) => row.id),
  );
  return toPage(rows, request.limit, (row) => toCreditNote(row, applications), createdAtCursorOf);
}
