export {
  formatDecimalAmount,
  formatMoney,
  isAmount,
  MAX_AMOUNT,
  parseDecimalAmount,
} from './amount.js';
export { type CurrencyCode, currencyExponent, isCurrencyCode } from './currency.js';
