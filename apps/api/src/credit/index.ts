export {
  type CreditContext,
  type CreditTaken,
  type CreditUse,
  consumeCredit,
} from './consume-credit.js';
export { applyCreditAlone } from './credit-application-service.js';
export { readCreditBalances, sumCreditByCurrency } from './credit-balance.js';
export {
  type CreditSource,
  compareCreditSources,
  listCreditSources,
  lockCreditSources,
} from './credit-sources.js';
