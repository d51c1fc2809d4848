import { isSessionExpired } from './errors.js';
import type { PortalClient } from './portal-client.js';

/**
 * Wraps `client` so that a request answered `session_expired` gets a new token from
 * `fetchSession`, then is sent once more. Requests that expire while a renewal is running
 * wait for that renewal instead of starting another; a request that started before the
 * last renewal finished retries with the new token without renewing again. When renewal
 * fails, the original `session_expired` error is thrown with the failure as its `cause`.
 */
export function withSessionRenewal(
  client: PortalClient,
  fetchSession: () => Promise<string>,
): PortalClient {
  // Counts tokens installed; a request compares it before and after to learn whether
  // someone else already replaced the token it was sent with.
  let generation = 0;
  let renewal: Promise<void> | undefined;

  const renew = (): Promise<void> => {
    renewal ??= (async () => {
      try {
        const token = await fetchSession();
        client.setSession(token);
        generation += 1;
      } finally {
        renewal = undefined;
      }
    })();
    return renewal;
  };

  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    const sentWith = generation;
    try {
      return await run();
    } catch (error) {
      if (!isSessionExpired(error)) throw error;
      if (generation === sentWith) {
        try {
          await renew();
        } catch (cause) {
          Object.defineProperty(error, 'cause', { value: cause, configurable: true });
          throw error;
        }
      }
      return run();
    }
  };

  return {
    previewPayment: (request) => call(() => client.previewPayment(request)),
    applyCredit: (request, options) => call(() => client.applyCredit(request, options)),
    listPaymentNotices: (params) => call(() => client.listPaymentNotices(params)),
    createPaymentNotice: (request) => call(() => client.createPaymentNotice(request)),
    listCreditNotes: (params) => call(() => client.listCreditNotes(params)),
    getStatement: (params) => call(() => client.getStatement(params)),
    downloadStatementPdf: (params) => call(() => client.downloadStatementPdf(params)),
    downloadStatementCsv: (params) => call(() => client.downloadStatementCsv(params)),
    downloadInvoicePdf: (invoiceId) => call(() => client.downloadInvoicePdf(invoiceId)),
    listThreads: (params) => call(() => client.listThreads(params)),
    getThread: (id) => call(() => client.getThread(id)),
    createThread: (invoiceId, request) => call(() => client.createThread(invoiceId, request)),
    replyToThread: (id, message) => call(() => client.replyToThread(id, message)),
    getCredit: () => call(() => client.getCredit()),
    createCreditRequest: (request) => call(() => client.createCreditRequest(request)),
    getBillingDetails: () => call(() => client.getBillingDetails()),
    updateBillingDetails: (request) => call(() => client.updateBillingDetails(request)),
    listSubscriptions: (params) => call(() => client.listSubscriptions(params)),
    getSubscription: (id) => call(() => client.getSubscription(id)),
    getSubscriptionOptions: () => call(() => client.getSubscriptionOptions()),
    previewSubscriptionChange: (id, request) =>
      call(() => client.previewSubscriptionChange(id, request)),
    changeSubscription: (id, request, options) =>
      call(() => client.changeSubscription(id, request, options)),
    cancelSubscription: (id, request) => call(() => client.cancelSubscription(id, request)),
    resumeSubscription: (id) => call(() => client.resumeSubscription(id)),
    pauseSubscription: (id) => call(() => client.pauseSubscription(id)),
    unpauseSubscription: (id) => call(() => client.unpauseSubscription(id)),
    getSession: () => call(() => client.getSession()),
    listInvoices: (params) => call(() => client.listInvoices(params)),
    getInvoice: (id) => call(() => client.getInvoice(id)),
    getPaymentSetup: () => call(() => client.getPaymentSetup()),
    listPaymentMethods: () => call(() => client.listPaymentMethods()),
    removePaymentMethod: (id) => call(() => client.removePaymentMethod(id)),
    setDefaultPaymentMethod: (id) => call(() => client.setDefaultPaymentMethod(id)),
    createSandboxPaymentMethod: (request) => call(() => client.createSandboxPaymentMethod(request)),
    createStripePaymentMethod: (request) => call(() => client.createStripePaymentMethod(request)),
    createSetupIntent: () => call(() => client.createSetupIntent()),
    createPlaidLinkToken: () => call(() => client.createPlaidLinkToken()),
    createPlaidPaymentMethod: (request) => call(() => client.createPlaidPaymentMethod(request)),
    createPayment: (request, options) => call(() => client.createPayment(request, options)),
    listPayments: (params) => call(() => client.listPayments(params)),
    getPayment: (id) => call(() => client.getPayment(id)),
    refreshPayment: (id) => call(() => client.refreshPayment(id)),
    completeSandboxChallenge: (id, result) =>
      call(() => client.completeSandboxChallenge(id, result)),
    getAutopay: () => call(() => client.getAutopay()),
    updateAutopay: (request) => call(() => client.updateAutopay(request)),
    getReceipt: (paymentId) => call(() => client.getReceipt(paymentId)),
    downloadReceiptPdf: (paymentId) => call(() => client.downloadReceiptPdf(paymentId)),
    setSession: (token) => {
      client.setSession(token);
      generation += 1;
    },
    renewsSession: true,
  };
}
