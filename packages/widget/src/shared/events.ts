import type { Autopay, Invoice, Payment, PaymentMethod } from '@duly/sdk';

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
  /** Open invoices of one currency. */
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
  }
}
