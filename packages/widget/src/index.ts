export { DulyAccountSummary } from './account-summary/duly-account-summary.js';
export { type Localization, type Messages, resolveLocalization } from './i18n/index.js';
export { DulyInvoiceDetail } from './invoice-detail/duly-invoice-detail.js';
export { DulyInvoiceList } from './invoice-list/duly-invoice-list.js';
export { DulyPay } from './pay/duly-pay.js';
export { DulyPortal } from './portal/duly-portal.js';
export { DulyElement, type DulyTheme } from './shared/duly-element.js';
export type {
  InvoiceOpenDetail,
  PaymentFailedDetail,
  PaymentSucceededDetail,
  PayRequestDetail,
} from './shared/events.js';
