/** Bad lines listed in one `LedgerFileError` message before the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 50;

/** A bad line of a ledger file. */
export interface LedgerFileProblem {
  /** Line number in the file; the header is line 1. */
  line: number;
  message: string;
}

/**
 * Raised when a ledger file has bad lines, in which case nothing of the file is imported.
 * `problems` contains every bad line, and the message lists the first
 * `MAX_REPORTED_PROBLEMS` of them.
 */
export class LedgerFileError extends Error {
  override name = 'LedgerFileError';

  constructor(readonly problems: LedgerFileProblem[]) {
    super(describeProblems(problems));
  }
}

function describeProblems(problems: LedgerFileProblem[]): string {
  const listed = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const lines = listed.map((problem) => `  line ${problem.line}: ${problem.message}`);
  const unlisted = problems.length - listed.length;
  if (unlisted > 0) lines.push(`  ... and ${unlisted} more bad line(s)`);
  const count = problems.length === 1 ? '1 bad line' : `${problems.length} bad lines`;
  return `The ledger file has ${count}, so nothing was imported:\n${lines.join('\n')}`;
}

/** Reason `importLedger` rejected an import before writing anything. */
export type LedgerImportErrorCode =
  | 'vendor_not_found'
  | 'invalid_as_of'
  | 'file_unreadable'
  | 'conflicting_import';

/** Raised by `importLedger` for a request it cannot carry out; nothing is imported. */
export class LedgerImportError extends Error {
  override name = 'LedgerImportError';

  constructor(
    readonly code: LedgerImportErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
