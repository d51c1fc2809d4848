import path from 'node:path';
import { isPlainDate } from '@duly/core';
import { importLedger } from '../../ledger-import/index.js';
import { type CliContext, printJson, withDatabase } from '../context.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

export const IMPORT_LEDGER_USAGE =
  'duly import-ledger FILE --vendor ID --as-of YYYY-MM-DD [--shift-to-today]';

/** `duly import-ledger`: imports an AR ledger export and prints what it created. */
export async function runImportLedger(args: string[], context: CliContext): Promise<void> {
  const { values, positionals } = parseOptions(
    {
      args,
      options: {
        vendor: { type: 'string' },
        'as-of': { type: 'string' },
        'shift-to-today': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    },
    IMPORT_LEDGER_USAGE,
  );
  if (values.help) {
    context.stdout.write(`Usage: ${IMPORT_LEDGER_USAGE}\n`);
    return;
  }

  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('missing FILE', IMPORT_LEDGER_USAGE);
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument "${extra[0]}"`, IMPORT_LEDGER_USAGE);
  }
  const { vendor, 'as-of': asOf } = values;
  if (vendor === undefined) throw new UsageError('missing option --vendor', IMPORT_LEDGER_USAGE);
  if (asOf === undefined) throw new UsageError('missing option --as-of', IMPORT_LEDGER_USAGE);
  if (!isPlainDate(asOf)) {
    throw new UsageError(
      `option --as-of must be a real date written YYYY-MM-DD, not "${asOf}"`,
      IMPORT_LEDGER_USAGE,
    );
  }

  const summary = await withDatabase(context, (db, clock) =>
    importLedger(db, clock, {
      file: path.resolve(file),
      vendorId: vendor,
      asOf,
      shiftToToday: values['shift-to-today'] ?? false,
    }),
  );
  printJson(context, summary);
}
