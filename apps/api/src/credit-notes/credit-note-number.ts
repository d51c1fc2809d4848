import { sql } from 'kysely';
import type { Trx } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';

/** Digits of a generated number after `CN-`; more appear once the sequence needs them. */
const NUMBER_DIGITS = 6;

/**
 * Takes the transaction-scoped lock that serializes the numbering of one vendor's credit
 * notes in one mode, so that two notes created at once never draw the same number.
 */
export async function lockCreditNoteNumbering(trx: Trx, tenant: Tenant): Promise<void> {
  const key = `credit_note_number:${tenant.vendorId}:${tenant.livemode ? 'live' : 'test'}`;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/**
 * Returns the number after the highest `CN-` number of the tenant, `CN-000001` for the
 * first. Numbers the vendor gave in that form count too, so a generated number never
 * repeats one. The caller must have taken `lockCreditNoteNumbering`.
 */
export async function nextCreditNoteNumber(trx: Trx, tenant: Tenant): Promise<string> {
  const { rows } = await sql<{ highest: string | null }>`
    SELECT max(substr(number, 4)::bigint) AS highest
    FROM credit_note
    WHERE vendor_id = ${tenant.vendorId} AND livemode = ${tenant.livemode}
      AND number ~ '^CN-[0-9]{1,15}$'
  `.execute(trx);
  const next = Number(rows[0]?.highest ?? 0) + 1;
  return `CN-${String(next).padStart(NUMBER_DIGITS, '0')}`;
}
