export {
  type AllocatableInvoice,
  type AllocatedAmount,
  type Allocation,
  allocateOldestFirst,
  compareOldestFirst,
} from './allocation.js';
export {
  formatDecimalAmount,
  formatMoney,
  isAmount,
  MAX_AMOUNT,
  parseDecimalAmount,
} from './amount.js';
export { type CurrencyCode, currencyExponent, isCurrencyCode } from './currency.js';
