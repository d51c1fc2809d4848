export {
  type AgingTotals,
  ageOpenItems,
  agingBucket,
  daysPastDue,
  emptyAgingTotals,
} from './aging.js';
