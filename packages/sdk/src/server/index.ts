export type {
  CreateCustomerRequest,
  CreatedPortalSession,
  CreateInvoiceRequest,
  CreatePortalSessionRequest,
  CreateRefundRequest,
  Customer,
  Invoice,
  InvoiceStatus,
  List,
  Payment,
  PaymentStatus,
  Receipt,
  Refund,
} from '@duly/core';
export {
  DulyApiError,
  DulyAuthenticationError,
  DulyCardError,
  DulyConflictError,
  DulyConnectionError,
  DulyError,
  DulyInvalidRequestError,
  DulyNotFoundError,
  DulyPermissionError,
  DulyRateLimitError,
} from '../errors.js';
export { createIdempotencyKey } from '../idempotency.js';
export {
  createDulyServer,
  type DulyServer,
  type DulyServerOptions,
  type ListCustomersParams,
  type ListVendorInvoicesParams,
  type ListVendorPaymentsParams,
  type ReceiptPdfParams,
  type RefundOptions,
  type WriteOptions,
} from './duly-server.js';
