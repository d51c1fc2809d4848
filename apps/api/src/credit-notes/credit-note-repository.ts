import type { Selectable } from 'kysely';
import type { CreditNoteTable, Db, Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { type CreatedAtCursor, selectNewestFirstPage } from '../http/created-at-cursor.js';

export type CreditNoteRow = Selectable<CreditNoteTable>;

/** One application of a credit note, with its invoice's number. */
export interface CreditNoteApplicationRow {
  credit_note_id: string;
  invoice_id: string;
  invoice_number: string;
  amount: string;
  created_at: Date;
}

/** Selects the tenant's credit notes, leaving out another vendor's or mode's. */
function selectTenantCreditNotes(db: Db | Trx, tenant: Tenant) {
  return db
    .selectFrom('credit_note')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
}

/** Finds a credit note of the tenant; another vendor's or mode's note is not found. */
export async function findCreditNote(
  db: Db,
  tenant: Tenant,
  creditNoteId: string,
): Promise<CreditNoteRow | undefined> {
  return selectTenantCreditNotes(db, tenant).where('id', '=', creditNoteId).executeTakeFirst();
}

/** Reads a credit note of the tenant, locked for a change of its balance or status. */
export async function lockCreditNote(
  trx: Trx,
  tenant: Tenant,
  creditNoteId: string,
): Promise<CreditNoteRow | undefined> {
  return selectTenantCreditNotes(trx, tenant)
    .where('id', '=', creditNoteId)
    .forUpdate()
    .executeTakeFirst();
}

/** Checks whether the tenant already has a credit note numbered `number`. */
export async function creditNoteNumberExists(
  trx: Trx,
  tenant: Tenant,
  number: string,
): Promise<boolean> {
  const row = await selectTenantCreditNotes(trx, tenant)
    .where('number', '=', number)
    .executeTakeFirst();
  return row !== undefined;
}

/** Lists the applications of `creditNoteIds`, oldest first, ties by id. */
export async function listCreditNoteApplications(
  db: Db | Trx,
  creditNoteIds: string[],
): Promise<CreditNoteApplicationRow[]> {
  if (creditNoteIds.length === 0) return [];
  return db
    .selectFrom('credit_note_application')
    .innerJoin('invoice', 'invoice.id', 'credit_note_application.invoice_id')
    .select([
      'credit_note_application.credit_note_id',
      'credit_note_application.invoice_id',
      'invoice.number as invoice_number',
      'credit_note_application.amount',
      'credit_note_application.created_at',
    ])
    .where('credit_note_application.credit_note_id', 'in', creditNoteIds)
    .orderBy('credit_note_application.created_at')
    .orderBy('credit_note_application.id')
    .execute();
}

export interface CreditNoteListQuery {
  /** Customer whose credit notes alone are listed. The portal always sets it. */
  customerId: string | undefined;
  limit: number;
  after: CreatedAtCursor | undefined;
}

/**
 * Lists one page of the tenant's credit notes, newest first, ties by id, fetching
 * `limit + 1` rows so that the caller can tell whether a next page exists.
 * `credit_note_customer_created` serves it with a customer, `credit_note_vendor_created`
 * without one.
 */
export async function listCreditNotes(db: Db, tenant: Tenant, query: CreditNoteListQuery) {
  let select = selectTenantCreditNotes(db, tenant);
  if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);

  return selectNewestFirstPage(select, query.after, query.limit).execute();
}
