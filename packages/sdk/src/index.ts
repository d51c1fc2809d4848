export type {
  Balance,
  CreatePaymentRequest,
  Invoice,
  InvoiceLine,
  InvoicePayment,
  InvoiceStatus,
  List,
  Payment,
  PaymentApplication,
  PaymentMethod,
  PaymentStatus,
  PortalInvoiceFilter,
  PortalSession,
  Problem,
} from '@duly/core';
export {
  DulyApiError,
  DulyAuthenticationError,
  DulyCardError,
  DulyConflictError,
  DulyConnectionError,
  DulyError,
  type DulyErrorInit,
  DulyInvalidRequestError,
  DulyNotFoundError,
  DulyPermissionError,
  DulyRateLimitError,
  isSessionExpired,
} from './errors.js';
export type { FetchFunction } from './http.js';
export { createIdempotencyKey } from './idempotency.js';
export {
  type CreatePaymentOptions,
  createPortalClient,
  type ListInvoicesParams,
  type ListParams,
  type PortalClient,
  type PortalClientOptions,
  type SandboxCard,
} from './portal-client.js';
export { withSessionRenewal } from './session-renewal.js';
