import type {
  ApplyCreditNoteRequest,
  ApplyPaymentRequest,
  ConfirmPaymentNoticeRequest,
  CreateCreditNoteRequest,
  CreditBalance,
  CreditNote,
  List,
  Payment,
  PaymentNotice,
  RecordPaymentRequest,
  RejectPaymentNoticeRequest,
} from '@duly/core';
import type { WriteOptions } from './duly-server.js';

// The vendor API's calls for money that arrives outside the portal: offline payments,
// credit notes, the customers' payment notices and their credit balance.

/** Options of recording an offline payment, which needs an idempotency key. */
export interface RecordPaymentOptions {
  /**
   * Sent as `Idempotency-Key`: a retried request with the same key records the payment
   * once. Make one per payment received with `createIdempotencyKey()`.
   */
  idempotencyKey: string;
}

export interface ListCreditNotesParams {
  customer?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListPaymentNoticesParams {
  status?: PaymentNotice['status'];
  customer?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

/** Calls of `payments` for money received outside the portal. */
export interface OfflinePaymentCalls {
  /**
   * Records money received by cheque, wire, ACH credit or cash, applied to the invoices
   * named. What they do not take stays unapplied, as the customer's credit balance.
   */
  record(request: RecordPaymentRequest, options: RecordPaymentOptions): Promise<Payment>;
  /** Applies what a succeeded payment left unapplied to invoices of its customer. */
  apply(id: string, request: ApplyPaymentRequest, options?: WriteOptions): Promise<Payment>;
}

/** Calls of `customers` about their credit. */
export interface CustomerCreditCalls {
  /** The customer's credit balance per currency, with its sources oldest first. */
  creditBalance(id: string): Promise<List<CreditBalance>>;
}

export interface CreditNoteCalls {
  /**
   * Issues credit to a customer, numbered `CN-000001` and up unless `number` is given, and
   * applies it to the invoices named. The rest is the customer's credit balance.
   */
  create(request: CreateCreditNoteRequest, options?: WriteOptions): Promise<CreditNote>;
  /** Lists the vendor's credit notes, newest first. */
  list(params?: ListCreditNotesParams): Promise<List<CreditNote>>;
  retrieve(id: string): Promise<CreditNote>;
  /**
   * Applies what remains of a credit note to invoices. An invoice without `amount` takes
   * what remains or what it can still be paid, whichever is less.
   */
  apply(id: string, request: ApplyCreditNoteRequest, options?: WriteOptions): Promise<CreditNote>;
  /** Voids a credit note that was never applied. */
  void(id: string): Promise<CreditNote>;
}

export interface PaymentNoticeCalls {
  /** Lists the customers' "I sent a payment" notices, newest first. */
  list(params?: ListPaymentNoticesParams): Promise<List<PaymentNotice>>;
  retrieve(id: string): Promise<PaymentNotice>;
  /**
   * Confirms that the money arrived: records it as an offline payment applied to the
   * notice's invoices, by default for the notice's amount on the vendor's today.
   */
  confirm(
    id: string,
    request?: ConfirmPaymentNoticeRequest,
    options?: WriteOptions,
  ): Promise<PaymentNotice>;
  /** Rejects the notice with a reason shown to the customer. Its invoices can be paid again. */
  reject(id: string, request: RejectPaymentNoticeRequest): Promise<PaymentNotice>;
}

type Get = <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
type Post = <T>(path: string, body: unknown, options?: WriteOptions) => Promise<T>;

/** Builds the offline money calls on the server client's authenticated `get` and `post`. */
export function offlineMoneyCalls(get: Get, post: Post) {
  const payments: OfflinePaymentCalls = {
    record: (request, options) => {
      if (!options?.idempotencyKey) {
        return Promise.reject(
          new TypeError(
            'payments.record: options.idempotencyKey is required; make one per payment received with createIdempotencyKey().',
          ),
        );
      }
      return post('v1/payments', request, options);
    },
    apply: (id, request, options) =>
      post(`v1/payments/${encodeURIComponent(id)}/applications`, request, options),
  };

  const customers: CustomerCreditCalls = {
    creditBalance: (id) => get(`v1/customers/${encodeURIComponent(id)}/credit_balance`),
  };

  const creditNotes: CreditNoteCalls = {
    create: (request, options) => post('v1/credit_notes', request, options),
    list: (params = {}) =>
      get('v1/credit_notes', {
        customer: params.customer,
        limit: params.limit,
        cursor: params.cursor,
      }),
    retrieve: (id) => get(`v1/credit_notes/${encodeURIComponent(id)}`),
    apply: (id, request, options) =>
      post(`v1/credit_notes/${encodeURIComponent(id)}/applications`, request, options),
    void: (id) => post(`v1/credit_notes/${encodeURIComponent(id)}/void`, {}),
  };

  const paymentNotices: PaymentNoticeCalls = {
    list: (params = {}) =>
      get('v1/payment_notices', {
        status: params.status,
        customer: params.customer,
        limit: params.limit,
        cursor: params.cursor,
      }),
    retrieve: (id) => get(`v1/payment_notices/${encodeURIComponent(id)}`),
    confirm: (id, request = {}, options) =>
      post(`v1/payment_notices/${encodeURIComponent(id)}/confirm`, request, options),
    reject: (id, request) => post(`v1/payment_notices/${encodeURIComponent(id)}/reject`, request),
  };

  return { payments, customers, creditNotes, paymentNotices };
}
