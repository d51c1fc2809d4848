import type {
  ApproveCreditRequestRequest,
  CreateCustomerRequest,
  CreatedPortalSession,
  CreateInvoiceRequest,
  CreatePortalSessionRequest,
  CreateRefundRequest,
  CreditRequest,
  Customer,
  DeclineCreditRequestRequest,
  Invoice,
  InvoiceStatus,
  InvoiceThread,
  List,
  Payment,
  PaymentStatus,
  Receipt,
  Refund,
  Statement,
  UpdateCustomerRequest,
} from '@duly/core';
import { createTransport, type FetchFunction, normalizeBaseUrl } from '../http.js';
import { type EmailCalls, type EmailSettingsCalls, emailCalls } from './email.js';
import {
  type ApiKeyCalls,
  type AuditLogCalls,
  keyCalls,
  type PortalSessionRevocationCalls,
} from './keys.js';
import {
  type CreditNoteCalls,
  type CustomerCreditCalls,
  type OfflinePaymentCalls,
  offlineMoneyCalls,
  type PaymentNoticeCalls,
} from './offline-money.js';
import { type PayLinkCalls, payLinkCalls } from './pay-links.js';
import {
  type PlanCalls,
  type SubscriptionCalls,
  type SubscriptionSettingsCalls,
  subscriptionCalls,
} from './subscriptions.js';
import {
  type EventCalls,
  type WebhookDeliveryCalls,
  type WebhookEndpointCalls,
  webhookCalls,
} from './webhooks.js';

export interface DulyServerOptions {
  /** The vendor's secret key, `sk_test_...` or `sk_live_...`. Keep it on the server. */
  secretKey: string;
  /** Base address of the Duly API, such as `https://api.example.com`. */
  api: string;
  /** A `fetch` to use instead of the global one (Node 18 and later have one). */
  fetch?: FetchFunction;
}

/** Options of requests that create or change something. */
export interface WriteOptions {
  /** Sent as `Idempotency-Key`, so that a retried request takes effect once. */
  idempotencyKey?: string;
}

export interface ListCustomersParams {
  /** Only the customer with this number of the vendor's own. */
  external_id?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListVendorInvoicesParams {
  customer?: string;
  status?: InvoiceStatus;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListVendorPaymentsParams {
  customer?: string;
  status?: PaymentStatus;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

/** Options of a refund, which moves money and so needs an idempotency key. */
export interface RefundOptions {
  /**
   * Sent as `Idempotency-Key`: a retried refund with the same key is made once. Make one per
   * refund with `createIdempotencyKey()`.
   */
  idempotencyKey: string;
}

// Questions, disputes and credit requests: parameters of the vendor's views of them.

export interface ListVendorThreadsParams {
  status?: InvoiceThread['status'];
  kind?: InvoiceThread['kind'];
  customer?: string;
  invoice?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListCreditRequestsParams {
  status?: CreditRequest['status'];
  customer?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ReceiptPdfParams {
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale?: string;
}

// Documents: invoice PDFs and statements of account.

export interface InvoicePdfParams {
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale?: string;
}

export interface StatementParams {
  /** The statement date, `YYYY-MM-DD`, today or earlier in the vendor's time zone; today when left out. */
  as_of?: string;
}

export interface StatementPdfParams extends StatementParams {
  /** A BCP 47 language tag for amounts and dates; the customer's locale when left out. */
  locale?: string;
}

/** The vendor API, for the vendor's backend. */
export interface DulyServer {
  customers: CustomerCreditCalls & {
    create(request: CreateCustomerRequest, options?: WriteOptions): Promise<Customer>;
    retrieve(id: string): Promise<Customer>;
    /** Lists the vendor's customers by name. */
    list(params?: ListCustomersParams): Promise<List<Customer>>;
    /**
     * Changes the fields sent and keeps the others. A `credit_limit` of null removes the
     * limit; `billing_details` replaces the fields it sends and keeps the rest.
     */
    update(id: string, request: UpdateCustomerRequest): Promise<Customer>;

    // Documents: statements of account.
    /**
     * Reads the customer's open-item statement as of a date: per currency, the open invoices
     * with aging buckets, the credits, the balance and the payments of the last 30 days.
     */
    statement(id: string, params?: StatementParams): Promise<Statement>;
    /** Downloads the statement as the bytes of a PDF file. */
    statementPdf(id: string, params?: StatementPdfParams): Promise<Uint8Array>;
    /** Downloads the statement as CSV text: one row per open item and credit, then aging and totals. */
    statementCsv(id: string, params?: StatementParams): Promise<string>;
  };
  invoices: {
    /** Creates an invoice with its lines; `open` (the default) makes it payable. */
    create(request: CreateInvoiceRequest, options?: WriteOptions): Promise<Invoice>;
    retrieve(id: string): Promise<Invoice>;
    list(params?: ListVendorInvoicesParams): Promise<List<Invoice>>;
    /** Voids an open invoice that has no payments applied. */
    void(id: string, options?: WriteOptions): Promise<Invoice>;

    // Documents: invoice PDFs.
    /** Downloads the invoice as the bytes of a PDF file, with the vendor's logo and the payments applied. */
    downloadPdf(id: string, params?: InvoicePdfParams): Promise<Uint8Array>;
  };
  portalSessions: PortalSessionRevocationCalls & {
    /** Mints a portal session for one customer; hand its `token` to the widget. */
    create(
      request: CreatePortalSessionRequest,
      options?: WriteOptions,
    ): Promise<CreatedPortalSession>;
  };
  payments: OfflinePaymentCalls & {
    /** Lists the vendor's payments, newest first. */
    list(params?: ListVendorPaymentsParams): Promise<List<Payment>>;
    retrieve(id: string): Promise<Payment>;
    /**
     * Refunds a payment: `amount` of it, or all that is left when `amount` is left out. The
     * refund comes off the invoices the payment paid, the one due last first.
     */
    refund(id: string, request: CreateRefundRequest, options: RefundOptions): Promise<Refund>;
    /** Lists a payment's refunds, oldest first. */
    listRefunds(id: string): Promise<List<Refund>>;
  };
  /** Customers' questions and disputes about invoices. */
  threads: {
    /** Lists threads, latest activity first. */
    list(params?: ListVendorThreadsParams): Promise<List<InvoiceThread>>;
    retrieve(id: string): Promise<InvoiceThread>;
    /** Posts the vendor's reply to a thread, which is `answered` until the customer replies. */
    reply(id: string, message: string): Promise<InvoiceThread>;
    /** Resolves a thread; resolving a dispute lifts its invoice's `disputed` mark. */
    resolve(id: string, resolution: string): Promise<InvoiceThread>;
  };
  /** Customers' requests for a higher credit limit. */
  creditRequests: {
    /** Lists requests, newest first. */
    list(params?: ListCreditRequestsParams): Promise<List<CreditRequest>>;
    retrieve(id: string): Promise<CreditRequest>;
    /** Approves a pending request and sets the customer's limit: the amount asked for by default. */
    approve(id: string, request?: ApproveCreditRequestRequest): Promise<CreditRequest>;
    /** Declines a pending request; the customer's limit stays as it is. */
    decline(id: string, request?: DeclineCreditRequestRequest): Promise<CreditRequest>;
  };
  receipts: {
    /** Reads the receipt of a payment that succeeded, refunded or not. */
    retrieve(paymentId: string): Promise<Receipt>;
    /** Downloads the receipt of a payment that succeeded as the bytes of a PDF file. */
    retrievePdf(paymentId: string, params?: ReceiptPdfParams): Promise<Uint8Array>;
  };
  /** Credit given to customers, applied to invoices or kept as credit balance. */
  creditNotes: CreditNoteCalls;
  /** Customers' reports of money sent outside the portal, which the vendor confirms or rejects. */
  paymentNotices: PaymentNoticeCalls;
  /** The SMTP settings Duly sends customers' receipts, invoices and reminders through. */
  emailSettings: EmailSettingsCalls;
  /** The emails sent to customers, with their delivery status. */
  emails: EmailCalls;
  /** Addresses the vendor's events are sent to, signed. */
  webhookEndpoints: WebhookEndpointCalls;
  /** Each event sent to each endpoint, with its attempts; replays. */
  webhookDeliveries: WebhookDeliveryCalls;
  /** The event log that webhook deliveries carry. */
  events: EventCalls;
  /** Prices billed every month or year, which subscriptions follow. */
  plans: PlanCalls;
  /** Customers' subscriptions to plans. */
  subscriptions: SubscriptionCalls;
  /** The vendor's rules for subscriptions: pausing, downgrades, retries, cancellation reasons. */
  subscriptionSettings: SubscriptionSettingsCalls;
  /** Secret keys of the calling key's mode: list, roll with a grace period, revoke. */
  apiKeys: ApiKeyCalls;
  /** Vendor API calls that changed something, with the key and the time. */
  auditLog: AuditLogCalls;
  /** Links to the hosted page that pays one invoice. */
  payLinks: PayLinkCalls;
}

const SECRET_KEY = /^sk_(test|live)_\S+$/;

/** Creates a client of the vendor API, authenticated by the vendor's secret key. */
export function createDulyServer(options: DulyServerOptions): DulyServer {
  const secretKey = requireSecretKey(options?.secretKey);
  const transport = createTransport(
    normalizeBaseUrl(options.api, 'createDulyServer'),
    options.fetch,
  );

  const get = <T>(path: string, query?: Record<string, string | number | undefined>) =>
    transport.send<T>({ method: 'GET', path, query, token: secretKey });
  const download = (path: string, accept: string, query?: Record<string, string | undefined>) =>
    transport.send<Uint8Array>({ method: 'GET', path, query, token: secretKey, accept });
  const post = <T>(path: string, body: unknown, writeOptions?: WriteOptions) =>
    transport.send<T>({
      method: 'POST',
      path,
      body,
      token: secretKey,
      idempotencyKey: writeOptions?.idempotencyKey,
    });
  const offlineMoney = offlineMoneyCalls(get, post);
  const patch = <T>(path: string, body: unknown) =>
    transport.send<T>({ method: 'PATCH', path, body, token: secretKey });
  const email = emailCalls(get, post, patch);
  const webhooks = webhookCalls((request) => transport.send({ ...request, token: secretKey }));
  const subscriptionsApi = subscriptionCalls(get, post, patch);
  const keys = keyCalls(get, post);

  return {
    customers: {
      ...offlineMoney.customers,
      create: (request, writeOptions) => post('v1/customers', request, writeOptions),
      retrieve: (id) => get(`v1/customers/${encodeURIComponent(id)}`),
      list: (params = {}) =>
        get('v1/customers', {
          external_id: params.external_id,
          limit: params.limit,
          cursor: params.cursor,
        }),
      update: (id, request) =>
        transport.send({
          method: 'PATCH',
          path: `v1/customers/${encodeURIComponent(id)}`,
          body: request,
          token: secretKey,
        }),

      // Documents: statements of account.
      statement: (id, params = {}) =>
        get(`v1/customers/${encodeURIComponent(id)}/statement`, { as_of: params.as_of }),
      statementPdf: (id, params = {}) =>
        download(`v1/customers/${encodeURIComponent(id)}/statement.pdf`, 'application/pdf', {
          as_of: params.as_of,
          locale: params.locale,
        }),
      statementCsv: async (id, params = {}) => {
        const bytes = await download(
          `v1/customers/${encodeURIComponent(id)}/statement.csv`,
          'text/csv',
          { as_of: params.as_of },
        );
        return new TextDecoder().decode(bytes);
      },
    },
    invoices: {
      create: (request, writeOptions) => post('v1/invoices', request, writeOptions),
      retrieve: (id) => get(`v1/invoices/${encodeURIComponent(id)}`),
      list: (params = {}) =>
        get('v1/invoices', {
          customer: params.customer,
          status: params.status,
          limit: params.limit,
          cursor: params.cursor,
        }),
      void: (id, writeOptions) =>
        post(`v1/invoices/${encodeURIComponent(id)}/void`, {}, writeOptions),

      // Documents: invoice PDFs.
      downloadPdf: (id, params = {}) =>
        download(`v1/invoices/${encodeURIComponent(id)}/invoice.pdf`, 'application/pdf', {
          locale: params.locale,
        }),
    },
    portalSessions: {
      ...keys.portalSessions,
      create: (request, writeOptions) => post('v1/portal_sessions', request, writeOptions),
    },
    payments: {
      ...offlineMoney.payments,
      list: (params = {}) =>
        get('v1/payments', {
          customer: params.customer,
          status: params.status,
          limit: params.limit,
          cursor: params.cursor,
        }),
      retrieve: (id) => get(`v1/payments/${encodeURIComponent(id)}`),
      refund: (id, request, refundOptions) => {
        if (!refundOptions?.idempotencyKey) {
          return Promise.reject(
            new TypeError(
              'payments.refund: options.idempotencyKey is required; make one per refund with createIdempotencyKey().',
            ),
          );
        }
        return post(`v1/payments/${encodeURIComponent(id)}/refunds`, request, refundOptions);
      },
      listRefunds: (id) => get(`v1/payments/${encodeURIComponent(id)}/refunds`),
    },
    threads: {
      list: (params = {}) =>
        get('v1/threads', {
          status: params.status,
          kind: params.kind,
          customer: params.customer,
          invoice: params.invoice,
          limit: params.limit,
          cursor: params.cursor,
        }),
      retrieve: (id) => get(`v1/threads/${encodeURIComponent(id)}`),
      reply: (id, message) => post(`v1/threads/${encodeURIComponent(id)}/messages`, { message }),
      resolve: (id, resolution) =>
        post(`v1/threads/${encodeURIComponent(id)}/resolve`, { resolution }),
    },
    creditRequests: {
      list: (params = {}) =>
        get('v1/credit_requests', {
          status: params.status,
          customer: params.customer,
          limit: params.limit,
          cursor: params.cursor,
        }),
      retrieve: (id) => get(`v1/credit_requests/${encodeURIComponent(id)}`),
      approve: (id, request = {}) =>
        post(`v1/credit_requests/${encodeURIComponent(id)}/approve`, request),
      decline: (id, request = {}) =>
        post(`v1/credit_requests/${encodeURIComponent(id)}/decline`, request),
    },
    receipts: {
      retrieve: (paymentId) => get(`v1/payments/${encodeURIComponent(paymentId)}/receipt`),
      retrievePdf: (paymentId, params = {}) =>
        transport.send<Uint8Array>({
          method: 'GET',
          path: `v1/payments/${encodeURIComponent(paymentId)}/receipt.pdf`,
          query: { locale: params.locale },
          token: secretKey,
          accept: 'application/pdf',
        }),
    },
    creditNotes: offlineMoney.creditNotes,
    paymentNotices: offlineMoney.paymentNotices,
    emailSettings: email.emailSettings,
    emails: email.emails,
    ...webhooks,
    ...subscriptionsApi,
    apiKeys: keys.apiKeys,
    auditLog: keys.auditLog,
    payLinks: payLinkCalls(get, post),
  };
}

function requireSecretKey(secretKey: unknown): string {
  if (typeof secretKey === 'string' && SECRET_KEY.test(secretKey)) return secretKey;

  // Show only the first characters: the value may be a real credential pasted in the wrong place.
  const shown =
    typeof secretKey === 'string'
      ? `a value starting with "${secretKey.slice(0, 4)}"`
      : typeof secretKey;
  throw new TypeError(
    `createDulyServer: \`secretKey\` must be a Duly secret key starting with sk_test_ or sk_live_; received ${shown}. ` +
      'Portal session tokens (pst_...) belong in the widget, not here.',
  );
}
