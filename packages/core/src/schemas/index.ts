export {
  AmountSchema,
  CurrencySchema,
  idSchema,
  type List,
  listSchema,
  MetadataSchema,
  PlainDateSchema,
  PositiveAmountSchema,
  problemIssue,
  TimestampSchema,
} from './common.js';
export {
  type CreateCustomerRequest,
  CreateCustomerRequestSchema,
  type Customer,
  CustomerSchema,
} from './customer.js';
export {
  type CreateInvoiceRequest,
  CreateInvoiceRequestSchema,
  INVOICE_STATUSES,
  type Invoice,
  type InvoiceLine,
  InvoiceLineSchema,
  type InvoicePayment,
  InvoiceSchema,
  type InvoiceStatus,
  InvoiceStatusSchema,
  PORTAL_INVOICE_FILTERS,
  type PortalInvoiceFilter,
} from './invoice.js';
export {
  type CreatePaymentRequest,
  CreatePaymentRequestSchema,
  PAYMENT_STATUSES,
  type Payment,
  type PaymentApplication,
  type PaymentMethodDetails,
  PaymentSchema,
  type PaymentStatus,
} from './payment.js';
export {
  type CreateSandboxPaymentMethodRequest,
  CreateSandboxPaymentMethodRequestSchema,
  type PaymentMethod,
  PaymentMethodSchema,
} from './payment-method.js';
export {
  type Balance,
  type Branding,
  type CreatedPortalSession,
  CreatedPortalSessionSchema,
  type CreatePortalSessionRequest,
  CreatePortalSessionRequestSchema,
  type PortalSession,
  PortalSessionSchema,
} from './portal-session.js';
