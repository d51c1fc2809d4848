import type {
  CreatePaymentRequest,
  Invoice,
  List,
  Payment,
  PaymentMethod,
  PortalInvoiceFilter,
  PortalSession,
  SandboxCard,
} from '@duly/core';
import { createTransport, type FetchFunction, normalizeBaseUrl } from './http.js';
import { withSessionRenewal } from './session-renewal.js';

/** Card details for the sandbox provider, as typed by the customer. */
export type { SandboxCard };

/** Page options of every list. `limit` is 1 to 100 (25 when left out). */
export interface ListParams {
  limit?: number;
  /** `next_cursor` of the previous page. */
  cursor?: string;
}

export interface ListInvoicesParams extends ListParams {
  /** The filter: `open` (the API's default), `overdue`, `paid` or `all`. */
  status?: PortalInvoiceFilter;
}

export interface CreatePaymentOptions {
  /** Sent as `Idempotency-Key`: the API charges a retried attempt with the same key at most once. */
  idempotencyKey: string;
}

/** The portal API for one customer, authenticated by a portal session token. */
export interface PortalClient {
  /** Vendor, customer, locale, balances: everything for the widget's first paint. */
  getSession(): Promise<PortalSession>;
  listInvoices(params?: ListInvoicesParams): Promise<List<Invoice>>;
  /** One invoice with its `lines` and `payments`. */
  getInvoice(id: string): Promise<Invoice>;
  /** Turns test card details into a payment method; only sandbox test cards are accepted. */
  createSandboxPaymentMethod(card: SandboxCard): Promise<PaymentMethod>;
  /**
   * Pays one or several open invoices of one currency. A decline throws `DulyCardError`
   * naming the failed payment.
   */
  createPayment(request: CreatePaymentRequest, options: CreatePaymentOptions): Promise<Payment>;
  listPayments(params?: ListParams): Promise<List<Payment>>;
  getPayment(id: string): Promise<Payment>;
  /** Replaces the session token used by every later request. */
  setSession(token: string): void;
  /** True when the client renews an expired session itself (see `withSessionRenewal`). */
  readonly renewsSession?: boolean;
}

export interface PortalClientOptions {
  /** Base address of the Duly API, such as `https://api.example.com`. */
  api: string;
  /** Portal session token (`pst_...`) minted by the vendor's backend. */
  session: string;
  /**
   * Returns a new session token when the current one has expired. Called at most once per
   * request, and shared by requests that expire at the same time.
   */
  fetchSession?: () => Promise<string>;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchFunction;
  /** Milliseconds before a request fails with a `timed_out` connection error; 30,000 by default. */
  timeoutMs?: number;
}

/**
 * Creates a client of the portal API. Requests send `Authorization: Bearer <session>`;
 * errors are thrown as `DulyError` subclasses.
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const transport = createTransport(
    normalizeBaseUrl(options.api, 'createPortalClient'),
    options.fetch,
    options.timeoutMs,
  );
  let session = requireToken(options.session);

  const client: PortalClient = {
    getSession: () => transport.send({ method: 'GET', path: 'v1/portal/session', token: session }),

    listInvoices: (params = {}) =>
      transport.send({
        method: 'GET',
        path: 'v1/portal/invoices',
        query: { status: params.status, limit: params.limit, cursor: params.cursor },
        token: session,
      }),

    getInvoice: (id) =>
      transport.send({ method: 'GET', path: `v1/portal/invoices/${segment(id)}`, token: session }),

    createSandboxPaymentMethod: (card) =>
      transport.send({
        method: 'POST',
        path: 'v1/portal/payment_methods/sandbox',
        body: { card },
        token: session,
      }),

    createPayment: (request, paymentOptions) => {
      if (!paymentOptions?.idempotencyKey) {
        return Promise.reject(
          new TypeError(
            'createPayment: options.idempotencyKey is required; make one per attempt with createIdempotencyKey().',
          ),
        );
      }
      return transport.send({
        method: 'POST',
        path: 'v1/portal/payments',
        body: request,
        token: session,
        idempotencyKey: paymentOptions.idempotencyKey,
      });
    },

    listPayments: (params = {}) =>
      transport.send({
        method: 'GET',
        path: 'v1/portal/payments',
        query: { limit: params.limit, cursor: params.cursor },
        token: session,
      }),

    getPayment: (id) =>
      transport.send({ method: 'GET', path: `v1/portal/payments/${segment(id)}`, token: session }),

    setSession: (token) => {
      session = requireToken(token);
    },
  };

  return options.fetchSession ? withSessionRenewal(client, options.fetchSession) : client;
}

function requireToken(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new TypeError(
      `Duly portal client: \`session\` must be a portal session token (pst_...) minted by the vendor's backend; received ${JSON.stringify(token)}.`,
    );
  }
  return token;
}

/** Escapes an id for use as one path segment, so no id can reach another route. */
function segment(id: string): string {
  return encodeURIComponent(id);
}
