export type { AttachBankAccountToken } from './link-bank-account.js';
export { plaidModule } from './plaid-module.js';
