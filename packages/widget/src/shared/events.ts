import type {
  Autopay,
  CreditApplication,
  Invoice,
  Payment,
  PaymentMethod,
  PaymentNotice,
} from '@duly/sdk';

/** Detail of `duly-payment-succeeded`. */
export interface PaymentSucceededDetail {
  /** The succeeded payment, with the invoices it paid in `applications`. */
  payment: Payment;
}

/** Detail of `duly-payment-pending`. */
export interface PaymentPendingDetail {
  /** The bank payment on its way; its invoices show "payment pending" until it settles. */
  payment: Payment;
}

/** Detail of `duly-payment-failed`. */
export interface PaymentFailedDetail {
  /** Id of the failed payment the API recorded; absent when no payment was attempted. */
  payment?: string;
  /**
   * Problem code, such as `card_declined` or `connection_failed`, or the bank's return
   * code (`R01`, ...) when a pending bank payment failed.
   */
  code: string;
}

/** Detail of `duly-payment-method-added` and `duly-payment-method-removed`. */
export interface PaymentMethodDetail {
  paymentMethod: PaymentMethod;
}

/** Detail of `duly-autopay-change`. */
export interface AutopayChangeDetail {
  autopay: Autopay;
}

/** Detail of `duly-invoice-open`. */
export interface InvoiceOpenDetail {
  invoice: Invoice;
}

/** Detail of `duly-pay-request`. */
export interface PayRequestDetail {
  /** Open invoices of one currency, or none when `balance` is set. */
  invoices: Invoice[];
  /**
   * Set to pay a currency's balance instead of chosen invoices: `all` of it (every open
   * invoice that is neither disputed nor waiting on a payment notice), or an `amount` the
   * customer types, applied to the oldest invoices first.
   */
  balance?: BalancePayment;
}

// --- widget-pay: paying a balance, paying from credit, payment notices ---

/** A payment of one currency's balance rather than of chosen invoices. */
export interface BalancePayment {
  currency: string;
  way: 'all' | 'amount';
}

/** Detail of `duly-credit-applied`. */
export interface CreditAppliedDetail {
  /** The credit balance applied to invoices, with no charge. */
  creditApplication: CreditApplication;
}

/** Detail of `duly-payment-notice-request`. */
export interface PaymentNoticeRequestDetail {
  /** Invoices to preselect in the form, with amounts when known. */
  invoices: Array<{ invoice: string; amount?: number }>;
  /** The currency to show first when no invoice is preselected. */
  currency?: string;
}

/** Detail of `duly-payment-notice-created`. */
export interface PaymentNoticeCreatedDetail {
  /** The pending notice. Its invoices now carry `payment_notice`. */
  paymentNotice: PaymentNotice;
}

/** Detail of `duly-invoices-loaded`. */
export interface InvoicesLoadedDetail {
  /** The first page of the filter shown, as the list now renders it. */
  invoices: Invoice[];
}

/** Detail of `duly-invoices-loaded`. */
export interface InvoicesLoadedDetail {
  /** The first page of the filter shown, as the list now renders it. */
  invoices: Invoice[];
}

/** Dispatches a bubbling, composed event, so that it leaves every shadow root. */
export function emit<T>(target: EventTarget, type: string, detail?: T): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'duly-payment-succeeded': CustomEvent<PaymentSucceededDetail>;
    'duly-payment-pending': CustomEvent<PaymentPendingDetail>;
    'duly-payment-failed': CustomEvent<PaymentFailedDetail>;
    'duly-payment-method-added': CustomEvent<PaymentMethodDetail>;
    'duly-payment-method-removed': CustomEvent<PaymentMethodDetail>;
    'duly-autopay-change': CustomEvent<AutopayChangeDetail>;
    'duly-session-expired': CustomEvent<undefined>;
    'duly-invoice-open': CustomEvent<InvoiceOpenDetail>;
    'duly-pay-request': CustomEvent<PayRequestDetail>;
    'duly-invoices-loaded': CustomEvent<InvoicesLoadedDetail>;
    'duly-back': CustomEvent<undefined>;
    'duly-credit-applied': CustomEvent<CreditAppliedDetail>;
    'duly-payment-notice-request': CustomEvent<PaymentNoticeRequestDetail>;
    'duly-payment-notice-created': CustomEvent<PaymentNoticeCreatedDetail>;
  }
}
