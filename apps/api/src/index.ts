export { type AppDeps, createApp } from './app.js';
export { type Clock, clockStartingAt, ManualClock, systemClock } from './clock.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { type OpenDatabase, openDatabase } from './database.js';
export type { Db, Trx } from './db/index.js';
export { ApiError } from './http/api-error.js';
export { createLogger, type Logger, type LogLevel } from './http/logger.js';
export { type CustomerInvoiceQuery, listCustomerInvoices } from './invoices/invoice-list.js';
export {
  type BackgroundJobDeps,
  createJobRunner,
  JobRunner,
  type JobRunnerSettings,
  type PollSummary,
} from './jobs/index.js';
// Ledger import, owned by the command-line tool's module.
export {
  type ImportLedgerOptions,
  importLedger,
  LedgerFileError,
  LedgerImportError,
  type LedgerImportSummary,
} from './ledger-import/index.js';
export { settlePayment } from './payments/settle-payment.js';
export {
  type ChargeOutcome,
  type ChargeRequest,
  type PaymentProvider,
  type ProviderPaymentMethod,
  SandboxProvider,
} from './providers/index.js';
export { type RunningServer, startServer } from './server.js';
export { type CreatedVendor, type CreateVendorInput, createVendor } from './vendors/index.js';
