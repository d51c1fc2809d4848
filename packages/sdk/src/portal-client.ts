import type {
  Autopay,
  BillingDetails,
  CancelSubscriptionRequest,
  CreateCreditApplicationRequest,
  CreateCreditRequestRequest,
  CreatePaymentNoticeRequest,
  CreatePaymentRequest,
  CreatePlaidPaymentMethodRequest,
  CreateSandboxPaymentMethodRequest,
  CreateStripePaymentMethodRequest,
  CreateThreadRequest,
  CreditApplication,
  CreditLimit,
  CreditNote,
  CreditRequest,
  Invoice,
  InvoiceThread,
  List,
  Payment,
  PaymentMethod,
  PaymentNotice,
  PaymentPreview,
  PaymentPreviewRequest,
  PaymentSetup,
  PlaidLinkToken,
  PortalInvoiceFilter,
  PortalSession,
  PortalSubscriptionOptions,
  Receipt,
  SandboxBankAccount,
  SandboxCard,
  SetupIntent,
  Statement,
  Subscription,
  SubscriptionChangePreview,
  SubscriptionChangeRequest,
  UpdateAutopayRequest,
  UpdateBillingDetailsRequest,
} from '@duly/core';
import { createTransport, type FetchFunction, normalizeBaseUrl } from './http.js';
import { withSessionRenewal } from './session-renewal.js';

/** Card and bank account details for the sandbox provider, as typed by the customer. */
export type { CreateSandboxPaymentMethodRequest, SandboxBankAccount, SandboxCard };

/** The customer's choice on the sandbox's stand-in for a bank's 3-D Secure page. */
export type SandboxChallengeResult = 'succeeded' | 'failed';

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

export interface StatementParams {
  /** `YYYY-MM-DD`; the vendor's today when left out. */
  as_of?: string;
}

export interface ListThreadsParams extends ListParams {
  /** Only the threads of this invoice. */
  invoice?: string;
}

/** The portal API for one customer, authenticated by a portal session token. */
export interface PortalClient {
  /** Vendor, customer, locale, balances: everything for the widget's first paint. */
  getSession(): Promise<PortalSession>;
  listInvoices(params?: ListInvoicesParams): Promise<List<Invoice>>;
  /** One invoice with its `lines` and `payments`. */
  getInvoice(id: string): Promise<Invoice>;
  /**
   * Provider settings for taking a card or linking a bank account, and the authorization
   * texts. Fetch them when the customer starts to pay.
   */
  getPaymentSetup(): Promise<PaymentSetup>;
  /** The customer's saved cards and bank accounts, the default one marked. */
  listPaymentMethods(): Promise<List<PaymentMethod>>;
  /** Removes a saved method. Fails with `payment_method_in_use` (409) while autopay uses it. */
  removePaymentMethod(id: string): Promise<void>;
  /** Makes a saved method the customer's default and returns it. */
  setDefaultPaymentMethod(id: string): Promise<PaymentMethod>;
  /**
   * Turns a sandbox test card or test bank account into a payment method, saved for later
   * payments when `save` is true. Only test numbers are accepted.
   */
  createSandboxPaymentMethod(request: CreateSandboxPaymentMethodRequest): Promise<PaymentMethod>;
  /** Records a PaymentMethod that Stripe.js created, or the one a confirmed SetupIntent saved. */
  createStripePaymentMethod(request: CreateStripePaymentMethodRequest): Promise<PaymentMethod>;
  /** Creates a Stripe SetupIntent that saves a card without paying, confirmed with Stripe.js. */
  createSetupIntent(): Promise<SetupIntent>;
  /** Creates the token that Plaid Link opens with. */
  createPlaidLinkToken(): Promise<PlaidLinkToken>;
  /** Turns what Plaid Link's `onSuccess` returned into a bank account payment method. */
  createPlaidPaymentMethod(request: CreatePlaidPaymentMethodRequest): Promise<PaymentMethod>;
  /**
   * Pays one or several open invoices of one currency. A decline throws `DulyCardError`
   * naming the failed payment. A bank account needs `mandate: { accepted: true }` and
   * returns a `pending` payment; a card that needs 3-D Secure returns `requires_action`
   * with its `next_action`.
   */
  createPayment(request: CreatePaymentRequest, options: CreatePaymentOptions): Promise<Payment>;
  listPayments(params?: ListParams): Promise<List<Payment>>;
  getPayment(id: string): Promise<Payment>;
  /** Asks the provider for the payment's state, settles the payment with it and returns it. */
  refreshPayment(id: string): Promise<Payment>;
  /** Completes or fails the sandbox's 3-D Secure stand-in of a `requires_action` payment. */
  completeSandboxChallenge(id: string, result: SandboxChallengeResult): Promise<Payment>;
  getAutopay(): Promise<Autopay>;
  /** Turns autopay on with a method and the accepted mandate, or off. */
  updateAutopay(request: UpdateAutopayRequest): Promise<Autopay>;
  /** The receipt of a succeeded (or since refunded) payment. */
  getReceipt(paymentId: string): Promise<Receipt>;
  /** The receipt as a PDF file. */
  downloadReceiptPdf(paymentId: string): Promise<Blob>;
  /** Replaces the session token used by every later request. */
  setSession(token: string): void;
  /** Previews a payment's split between credit and charge, changing nothing. */
  previewPayment(request: PaymentPreviewRequest): Promise<PaymentPreview>;
  /** Pays invoices from the credit balance alone. */
  applyCredit(
    request: CreateCreditApplicationRequest,
    options: CreatePaymentOptions,
  ): Promise<CreditApplication>;
  /** The customer's "I sent a payment" notices, newest first. */
  listPaymentNotices(params?: ListParams): Promise<List<PaymentNotice>>;
  /** Tells the vendor that money was sent outside the portal. */
  createPaymentNotice(request: CreatePaymentNoticeRequest): Promise<PaymentNotice>;
  /** Credit notes the vendor issued to the customer, newest first. */
  listCreditNotes(params?: ListParams): Promise<List<CreditNote>>;
  /** Open-item statement of account with aging, per currency. */
  getStatement(params?: StatementParams): Promise<Statement>;
  downloadStatementPdf(params?: StatementParams): Promise<Blob>;
  downloadStatementCsv(params?: StatementParams): Promise<Blob>;
  downloadInvoicePdf(invoiceId: string): Promise<Blob>;
  /** Questions and disputes, newest activity first. */
  listThreads(params?: ListThreadsParams): Promise<List<InvoiceThread>>;
  getThread(id: string): Promise<InvoiceThread>;
  /** Asks a question about an invoice or disputes it. */
  createThread(invoiceId: string, request: CreateThreadRequest): Promise<InvoiceThread>;
  replyToThread(id: string, message: string): Promise<InvoiceThread>;
  /** The credit limit, what is used of it, and the customer's requests. */
  getCredit(): Promise<CreditLimit>;
  /** Asks the vendor for a higher credit limit. */
  createCreditRequest(request: CreateCreditRequestRequest): Promise<CreditRequest>;
  getBillingDetails(): Promise<BillingDetails>;
  /** Replaces the billing details; fields left out are cleared. */
  updateBillingDetails(request: UpdateBillingDetailsRequest): Promise<BillingDetails>;
  /** The customer's subscriptions, current ones first. */
  listSubscriptions(params?: ListParams): Promise<List<Subscription>>;
  getSubscription(id: string): Promise<Subscription>;
  /** The plans the customer may switch to, the cancellation reasons, and whether it may pause. */
  getSubscriptionOptions(): Promise<PortalSubscriptionOptions>;
  /**
   * Prices a change of plan or quantity, changing nothing. Pass its `proration_date` to
   * `changeSubscription` so that the change bills exactly what the preview showed.
   */
  previewSubscriptionChange(
    id: string,
    request: SubscriptionChangeRequest,
  ): Promise<SubscriptionChangePreview>;
  /**
   * Changes plan or quantity: an upgrade now (invoicing the prorated difference), a downgrade
   * at period end unless the vendor's settings apply it now.
   */
  changeSubscription(
    id: string,
    request: SubscriptionChangeRequest,
    options: CreatePaymentOptions,
  ): Promise<Subscription>;
  /** Cancels now or at period end, with one of the vendor's reasons. */
  cancelSubscription(id: string, request: CancelSubscriptionRequest): Promise<Subscription>;
  /** Undoes a cancellation at period end that has not taken effect. */
  resumeSubscription(id: string): Promise<Subscription>;
  /** Pauses renewals, where the vendor allows it. */
  pauseSubscription(id: string): Promise<Subscription>;
  /** Resumes a paused subscription with a new period from now. */
  unpauseSubscription(id: string): Promise<Subscription>;
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
  // Every POST carries a JSON body, `{}` when it has no parameters, so that a route that
  // reads its body always finds JSON.
  const post = <T>(path: string, body: object): Promise<T> =>
    transport.send({ method: 'POST', path, body, token: session });
  const get = <T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> =>
    transport.send({ method: 'GET', path, query, token: session });
  const download = (path: string, accept: string, query?: Record<string, string | undefined>) =>
    transport.sendForBlob({ method: 'GET', path, query, token: session, accept });
  // A POST that moves money requires the caller's key, so a retry of the same attempt cannot
  // move it twice. `caller` names the method in the error.
  const postWithKey = <T>(
    caller: string,
    path: string,
    body: object,
    writeOptions: { idempotencyKey: string } | undefined,
  ): Promise<T> => {
    if (!writeOptions?.idempotencyKey) {
      return Promise.reject(
        new TypeError(
          `${caller}: options.idempotencyKey is required; make one per attempt with createIdempotencyKey().`,
        ),
      );
    }
    return transport.send({
      method: 'POST',
      path,
      body,
      token: session,
      idempotencyKey: writeOptions.idempotencyKey,
    });
  };

  const client: PortalClient = {
    getSession: () => get('v1/portal/session'),

    listInvoices: (params = {}) =>
      get('v1/portal/invoices', {
        status: params.status,
        limit: params.limit,
        cursor: params.cursor,
      }),

    getInvoice: (id) => get(`v1/portal/invoices/${segment(id)}`),

    getPaymentSetup: () => get('v1/portal/payment_setup'),

    listPaymentMethods: () => get('v1/portal/payment_methods'),

    removePaymentMethod: async (id) => {
      await transport.send({
        method: 'DELETE',
        path: `v1/portal/payment_methods/${segment(id)}`,
        token: session,
      });
    },

    setDefaultPaymentMethod: (id) => post(`v1/portal/payment_methods/${segment(id)}/default`, {}),

    createSandboxPaymentMethod: (request) => post('v1/portal/payment_methods/sandbox', request),

    createStripePaymentMethod: (request) => post('v1/portal/payment_methods/stripe', request),

    createSetupIntent: () => post('v1/portal/setup_intents', {}),

    createPlaidLinkToken: () => post('v1/portal/plaid/link_token', {}),

    createPlaidPaymentMethod: (request) => post('v1/portal/payment_methods/plaid', request),

    createPayment: (request, paymentOptions) =>
      postWithKey('createPayment', 'v1/portal/payments', request, paymentOptions),

    listPayments: (params = {}) =>
      get('v1/portal/payments', { limit: params.limit, cursor: params.cursor }),

    getPayment: (id) => get(`v1/portal/payments/${segment(id)}`),

    refreshPayment: (id) => post(`v1/portal/payments/${segment(id)}/refresh`, {}),

    completeSandboxChallenge: (id, result) =>
      post(`v1/portal/payments/${segment(id)}/sandbox_challenge`, { result }),

    getAutopay: () => get('v1/portal/autopay'),

    updateAutopay: (request) =>
      transport.send({ method: 'PUT', path: 'v1/portal/autopay', body: request, token: session }),

    getReceipt: (paymentId) => get(`v1/portal/payments/${segment(paymentId)}/receipt`),

    downloadReceiptPdf: (paymentId) =>
      download(`v1/portal/payments/${segment(paymentId)}/receipt.pdf`, 'application/pdf'),

    previewPayment: (request) => post('v1/portal/payments/preview', request),

    applyCredit: (request, creditOptions) =>
      postWithKey('applyCredit', 'v1/portal/credit_applications', request, creditOptions),

    listPaymentNotices: (params = {}) =>
      get('v1/portal/payment_notices', { limit: params.limit, cursor: params.cursor }),

    createPaymentNotice: (request) => post('v1/portal/payment_notices', request),

    listCreditNotes: (params = {}) =>
      get('v1/portal/credit_notes', { limit: params.limit, cursor: params.cursor }),

    getStatement: (params = {}) => get('v1/portal/statement', { as_of: params.as_of }),

    downloadStatementPdf: (params = {}) =>
      download('v1/portal/statement.pdf', 'application/pdf', { as_of: params.as_of }),

    downloadStatementCsv: (params = {}) =>
      download('v1/portal/statement.csv', 'text/csv', { as_of: params.as_of }),

    downloadInvoicePdf: (invoiceId) =>
      download(`v1/portal/invoices/${segment(invoiceId)}/invoice.pdf`, 'application/pdf'),

    listThreads: (params = {}) =>
      get('v1/portal/threads', {
        invoice: params.invoice,
        limit: params.limit,
        cursor: params.cursor,
      }),

    getThread: (id) => get(`v1/portal/threads/${segment(id)}`),

    createThread: (invoiceId, request) =>
      post(`v1/portal/invoices/${segment(invoiceId)}/threads`, request),

    replyToThread: (id, message) => post(`v1/portal/threads/${segment(id)}/messages`, { message }),

    getCredit: () => get('v1/portal/credit'),

    createCreditRequest: (request) => post('v1/portal/credit_requests', request),

    getBillingDetails: () => get('v1/portal/billing_details'),

    updateBillingDetails: (request) =>
      transport.send({
        method: 'PUT',
        path: 'v1/portal/billing_details',
        body: request,
        token: session,
      }),

    listSubscriptions: (params = {}) =>
      get('v1/portal/subscriptions', { limit: params.limit, cursor: params.cursor }),

    getSubscription: (id) => get(`v1/portal/subscriptions/${segment(id)}`),

    getSubscriptionOptions: () => get('v1/portal/subscription_options'),

    previewSubscriptionChange: (id, request) =>
      post(`v1/portal/subscriptions/${segment(id)}/preview`, request),

    changeSubscription: (id, request, changeOptions) =>
      postWithKey(
        'changeSubscription',
        `v1/portal/subscriptions/${segment(id)}/change`,
        request,
        changeOptions,
      ),

    cancelSubscription: (id, request) =>
      post(`v1/portal/subscriptions/${segment(id)}/cancel`, request),

    resumeSubscription: (id) => post(`v1/portal/subscriptions/${segment(id)}/resume`, {}),

    pauseSubscription: (id) => post(`v1/portal/subscriptions/${segment(id)}/pause`, {}),

    unpauseSubscription: (id) => post(`v1/portal/subscriptions/${segment(id)}/unpause`, {}),

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
