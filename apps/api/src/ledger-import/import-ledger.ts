import { readFile } from 'node:fs/promises';
import { addDays, daysBetween, isPlainDate, type PlainDate, plainDateIn } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { newId } from '../ids.js';
import { LedgerImportError } from './errors.js';
import { parseLedgerFile } from './ledger-file.js';
import { planLedger } from './ledger-plan.js';
import { writeLedger } from './ledger-writer.js';

/** Options of `importLedger`: the ledger as a file path or as text, and how to import it. */
export type ImportLedgerOptions = ({ file: string } | { text: string }) & {
  vendorId: string;
  /** The ledger is imported as it stood at the end of this date (`YYYY-MM-DD`). */
  asOf: PlainDate;
  /** Moves every date by one offset so that `asOf` becomes today in the vendor's zone. */
  shiftToToday?: boolean;
};

/**
 * Summary of one import run. Counts are of this run's new rows, so a second run of the
 * same import reports zeros and counts every invoice as `skipped`.
 */
export interface LedgerImportSummary {
  /** Id of the `ledger_import` record, or null when this run created nothing. */
  import: string | null;
  vendor: string;
  as_of: PlainDate;
  /** Days every date was moved by: 0 without `shiftToToday`. */
  shift_days: number;
  /** The as-of date after the shift: the last day the imported ledger covers. */
  shifted_as_of: PlainDate;
  customers: number;
  invoices: number;
  open: number;
  paid: number;
  /** Open invoices created by this run whose due date is before the clock's today. */
  overdue: number;
  /** Invoices issued on or before the as-of date that were already there, by number. */
  skipped: number;
  /** Invoices issued after the as-of date, which are not imported. */
  left_out: number;
}

/** Imports write test-mode data only: a real ledger's history is not live money. */
const LIVEMODE = false;

/**
 * Imports an AR ledger export for a vendor as it stood on `asOf`, in one transaction.
 * The file is checked whole first (`LedgerFileError` lists every bad line and nothing is
 * written). Running the same import again changes nothing; an import with another as-of
 * date or shift for the same vendor raises `LedgerImportError` (`conflicting_import`).
 */
export async function importLedger(
  db: Db,
  clock: Clock,
  options: ImportLedgerOptions,
): Promise<LedgerImportSummary> {
  if (!isPlainDate(options.asOf)) {
    throw new LedgerImportError(
      'invalid_as_of',
      `The as-of date "${options.asOf}" is not a real date written YYYY-MM-DD.`,
    );
  }
  const text = 'text' in options ? options.text : await readLedgerFile(options.file);
  const rows = parseLedgerFile(text);

  return db.transaction().execute(async (trx) => {
    const vendor = await lockVendor(trx, options.vendorId);
    const now = clock.now();
    const today = plainDateIn(now, vendor.time_zone);
    const shiftDays = options.shiftToToday ? daysBetween(options.asOf, today) : 0;
    const previous = await checkPreviousImports(trx, vendor.id, options.asOf, shiftDays);

    const plan = planLedger(rows, options.asOf, shiftDays);
    const importId = newId('imp');
    const written = await writeLedger(
      trx,
      { vendorId: vendor.id, livemode: LIVEMODE, importId, timeZone: vendor.time_zone, now },
      plan,
    );

    const open = written.invoicesCreated.filter((invoice) => invoice.status === 'open');
    const summary: LedgerImportSummary = {
      import: null,
      vendor: vendor.id,
      as_of: options.asOf,
      shift_days: shiftDays,
      shifted_as_of: addDays(options.asOf, shiftDays),
      customers: written.customersCreated,
      invoices: written.invoicesCreated.length,
      open: open.length,
      paid: written.invoicesCreated.length - open.length,
      overdue: open.filter((invoice) => invoice.dueDate < today).length,
      skipped: written.invoicesSkipped,
      left_out: plan.leftOut,
    };

    const changed = summary.customers > 0 || summary.invoices > 0;
    if (changed || !previous) {
      summary.import = importId;
      await recordImport(trx, summary, importId, now);
    }
    return summary;
  });
}

async function readLedgerFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder; pass the path of the CSV file'
          : String(error);
    throw new LedgerImportError(
      'file_unreadable',
      `Cannot read the ledger file ${file}: ${reason}.`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Locks the vendor row for the transaction, so that two imports for one vendor run one
 * after the other and the second reads the first's `ledger_import` record.
 */
async function lockVendor(trx: Trx, vendorId: string) {
  const vendor = await trx
    .selectFrom('vendor')
    .select(['id', 'time_zone'])
    .where('id', '=', vendorId)
    .forUpdate()
    .executeTakeFirst();
  if (vendor === undefined) {
    throw new LedgerImportError(
      'vendor_not_found',
      `No vendor has the id "${vendorId}"; create one with \`duly vendor create --name NAME\`.`,
    );
  }
  return vendor;
}

/**
 * Returns whether the vendor has imported a ledger before. Raises when that import used
 * another as-of date or shift: mixing two views of one ledger would duplicate payments or
 * leave paid invoices open.
 */
async function checkPreviousImports(
  trx: Trx,
  vendorId: string,
  asOf: PlainDate,
  shiftDays: number,
): Promise<boolean> {
  const previous = await trx
    .selectFrom('ledger_import')
    .select(['id', 'as_of', 'shift_days'])
    .where('vendor_id', '=', vendorId)
    .where('livemode', '=', LIVEMODE)
    .orderBy('created_at')
    .execute();
  const other = previous.find((row) => row.as_of !== asOf || row.shift_days !== shiftDays);
  if (other !== undefined) {
    throw new LedgerImportError(
      'conflicting_import',
      `Vendor ${vendorId} already has a ledger imported as of ${other.as_of} with dates ` +
        `shifted by ${other.shift_days} days (import ${other.id}); importing as of ${asOf} ` +
        `shifted by ${shiftDays} days would mix two states of the ledger. ` +
        'Import into a new vendor instead.',
    );
  }
  return previous.length > 0;
}

async function recordImport(
  trx: Trx,
  summary: LedgerImportSummary,
  importId: string,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('ledger_import')
    .values({
      id: importId,
      vendor_id: summary.vendor,
      livemode: LIVEMODE,
      as_of: summary.as_of,
      shift_days: summary.shift_days,
      invoice_count: summary.invoices,
      created_at: now,
    })
    .execute();
  await recordEvent(trx, {
    vendorId: summary.vendor,
    livemode: LIVEMODE,
    type: 'ledger.imported',
    objectId: importId,
    data: { ...summary, object: 'ledger_import', id: importId },
    createdAt: now,
  });
}
