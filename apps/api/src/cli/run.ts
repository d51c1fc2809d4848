import { ApiKeyIssueError } from '../api-keys/index.js';
import { ConfigError } from '../config.js';
import { LedgerFileError, LedgerImportError } from '../ledger-import/index.js';
import { API_KEY_CREATE_USAGE, runApiKeyCreate } from './commands/api-key-create.js';
import { IMPORT_LEDGER_USAGE, runImportLedger } from './commands/import-ledger.js';
import { runVendorCreate, VENDOR_CREATE_USAGE } from './commands/vendor-create.js';
import type { CliContext } from './context.js';
import { UsageError } from './usage-error.js';

/** Exit statuses of `duly`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const SYNOPSIS = 'duly <command> [options]; run `duly help` for the commands';

export const HELP = `Usage: duly <command> [options]

Commands:
  ${VENDOR_CREATE_USAGE}
      Creates a test-mode vendor and prints its id, name, secret key, allowed origins
      and time zone as JSON. The secret key is shown only this once.
      --name NAME            the vendor's name, shown to its customers
      --allowed-origin URL   an origin allowed to embed the portal, such as
                             https://billing.example.com; repeat for several
      --time-zone TZ         IANA time zone for due dates and overdue (default UTC)

  ${IMPORT_LEDGER_USAGE}
      Imports an AR ledger export (CSV with day-first dates) into a vendor's test mode,
      as the ledger stood at the end of the as-of date, and prints a JSON summary of
      what was created. Invoices issued after that date are left out; those settled by
      then are paid. Running the same import again changes nothing; another as-of date
      or shift for the same vendor is rejected.
      --vendor ID            the vendor to import into (ven_...)
      --as-of YYYY-MM-DD     the date the ledger is imported as of
      --shift-to-today       move every date by the same number of days so that the
                             as-of date becomes today in the vendor's time zone

  ${API_KEY_CREATE_USAGE}
      Issues a new secret key for a vendor, in test mode or with --live in live mode,
      beside its other keys, and prints it as JSON. The secret key is shown only this
      once. Use it for a vendor's first live key, or after its last key was revoked.
      --vendor ID            the vendor to issue the key for (ven_...)
      --live                 issue a live-mode key (sk_live_...) instead of test mode

  help
      Prints this text.

Environment:
  DATABASE_URL    PostgreSQL to use; without it, an embedded PostgreSQL kept in .duly/
  DULY_NOW        run as if now were this instant or date (YYYY-MM-DD)
  DULY_DATA_DIR   folder of local state instead of .duly/ at the workspace root
  DULY_EMBEDDED_PG_PORT
                  port of the embedded PostgreSQL (default 54329)
  DULY_DEBUG=1    print the stack trace of any error

Exit status: 0 on success, 1 when the command failed, 2 for a bad command line.
`;

/**
 * Runs one `duly` command line and returns the exit status. Errors are written to
 * stderr: usage errors on one line with the command's synopsis, other failures as their
 * message, with the stack trace only when `DULY_DEBUG=1`.
 */
export async function runCli(args: string[], context: CliContext): Promise<number> {
  try {
    await dispatch(args, context);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, context);
  }
}

async function dispatch(args: string[], context: CliContext): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'help':
    case '--help':
    case '-h':
      context.stdout.write(HELP);
      return;
    case 'vendor':
      return dispatchVendor(rest, context);
    case 'import-ledger':
      return runImportLedger(rest, context);
    case 'api-key':
      return dispatchApiKey(rest, context);
    case undefined:
      throw new UsageError('missing command', SYNOPSIS);
    default:
      throw new UsageError(`unknown command "${command}"`, SYNOPSIS);
  }
}

async function dispatchVendor(args: string[], context: CliContext): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'create') return runVendorCreate(rest, context);
  const problem =
    subcommand === undefined ? 'missing subcommand' : `unknown subcommand "${subcommand}"`;
  throw new UsageError(`${problem} of duly vendor (the only one is create)`, VENDOR_CREATE_USAGE);
}

async function dispatchApiKey(args: string[], context: CliContext): Promise<void> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'create') return runApiKeyCreate(rest, context);
  const problem =
    subcommand === undefined ? 'missing subcommand' : `unknown subcommand "${subcommand}"`;
  throw new UsageError(`${problem} of duly api-key (the only one is create)`, API_KEY_CREATE_USAGE);
}

function reportError(error: unknown, context: CliContext): number {
  if (error instanceof UsageError) {
    const message = error.message.replace(/\.$/, '');
    context.stderr.write(`duly: ${message}. Usage: ${error.usage}\n`);
    return EXIT_USAGE;
  }

  // These errors' messages state what failed and what to do, so no stack trace is hinted.
  const known =
    error instanceof LedgerFileError ||
    error instanceof LedgerImportError ||
    error instanceof ApiKeyIssueError ||
    error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`duly: ${message}\n`);
  if (context.env.DULY_DEBUG === '1' && error instanceof Error) {
    context.stderr.write(`${error.stack}\n`);
  } else if (!known) {
    context.stderr.write('duly: set DULY_DEBUG=1 to see the stack trace\n');
  }
  return EXIT_FAILURE;
}
