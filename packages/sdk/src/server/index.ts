export type {
  CreateCustomerRequest,
  CreatedPortalSession,
  CreateInvoiceRequest,
  CreatePortalSessionRequest,
  Customer,
  Invoice,
  InvoiceStatus,
  List,
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
export {
  createDulyServer,
  type DulyServer,
  type DulyServerOptions,
  type ListCustomersParams,
  type ListVendorInvoicesParams,
  type WriteOptions,
} from './duly-server.js';
