export {
  LedgerFileError,
  type LedgerFileProblem,
  LedgerImportError,
  type LedgerImportErrorCode,
  MAX_REPORTED_PROBLEMS,
} from './errors.js';
export {
  type ImportLedgerOptions,
  importLedger,
  type LedgerImportSummary,
} from './import-ledger.js';
export {
  LEDGER_COLUMNS,
  type LedgerRow,
  parseDayFirstDate,
  parseLedgerFile,
} from './ledger-file.js';
