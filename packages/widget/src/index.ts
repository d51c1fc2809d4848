export { DulyAccount } from './account/duly-account.js';
export { DulyBillingDetails } from './account/duly-billing-details.js';
export { DulyCreditLimit } from './account/duly-credit-limit.js';
export { DulyAccountSummary } from './account-summary/duly-account-summary.js';
export { DulyAutopay } from './autopay/duly-autopay.js';
export { type Localization, type Messages, resolveLocalization } from './i18n/index.js';
export { DulyInvoiceDetail } from './invoice-detail/duly-invoice-detail.js';
export { DulyInvoiceList } from './invoice-list/duly-invoice-list.js';
export { DulyPay } from './pay/duly-pay.js';
export type { PayMode } from './pay/pay-target.js';
export { DulyPaymentMethods } from './payment-methods/duly-payment-methods.js';
export { DulyPaymentNotice } from './payment-notice/duly-payment-notice.js';
export { DulyPayments } from './payments/duly-payments.js';
export { DulyPortal } from './portal/duly-portal.js';
export type { MethodForm, NextAction, ProviderContext } from './providers/provider-context.js';
export { ProviderError } from './providers/provider-context.js';
export { DulyReceipt } from './receipt/duly-receipt.js';
export { DulyElement, type DulyTheme } from './shared/duly-element.js';
export type {
  AutopayChangeDetail,
  BalancePayment,
  CreditAppliedDetail,
  InvoiceOpenDetail,
  InvoicesLoadedDetail,
  PaymentFailedDetail,
  PaymentMethodDetail,
  PaymentNoticeCreatedDetail,
  PaymentNoticeRequestDetail,
  PaymentPendingDetail,
  PaymentSucceededDetail,
  PayRequestDetail,
} from './shared/events.js';
export { DulyStatement } from './statement/duly-statement.js';
export {
  DulySubscriptions,
  type SubscriptionUpdatedDetail,
} from './subscriptions/duly-subscriptions.js';
export {
  DISPUTE_REASONS,
  DulyInvoiceThreads,
  type ThreadCreatedDetail,
} from './threads/duly-invoice-threads.js';
