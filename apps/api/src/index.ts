export { type Clock, clockStartingAt, ManualClock, systemClock } from './clock.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { type OpenDatabase, openDatabase } from './database.js';
export type { Db, Trx } from './db/index.js';
export {
  type ImportLedgerOptions,
  importLedger,
  LedgerFileError,
  LedgerImportError,
  type LedgerImportSummary,
} from './ledger-import/index.js';
export { type CreatedVendor, type CreateVendorInput, createVendor } from './vendors/index.js';
