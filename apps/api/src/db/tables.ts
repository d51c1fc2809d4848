import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the database, as postgres.js returns them: `bigint` columns arrive as
 * strings (use `toAmount` at the repository boundary), `date` columns as `YYYY-MM-DD`
 * strings (the connection turns off their parsing) and `timestamptz` as `Date`.
 */
type Bigint = ColumnType<string, number | bigint | string, number | bigint | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type PlainDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, T | undefined, T>;

export interface VendorTable {
  id: string;
  name: string;
  time_zone: Generated<string>;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  logo_url: string | null;
  primary_color: string | null;
  email: string | null;
  address_lines: ColumnType<string[], string[] | undefined, string[]>;
  payment_provider: Generated<string>;
  short_pay_reasons: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

export interface ApiKeyTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  secret_hash: string;
  secret_last4: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  /** When a rolled key stops working; null for a key never rolled. */
  expires_at: NullableTimestamp;
  rolled_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CustomerTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  external_id: string | null;
  name: string;
  email: string | null;
  locale: string | null;
  metadata: Json<Record<string, string>>;
  default_payment_method_id: ColumnType<string | null, string | null | undefined, string | null>;
  provider_refs: Json<Record<string, string>>;
  credit_limit: ColumnType<
    string | null,
    number | string | null | undefined,
    number | string | null
  >;
  credit_limit_currency: ColumnType<string | null, string | null | undefined, string | null>;
  billing_details: Json<BillingDetailsColumn>;
  created_at: Timestamp;
}

/** `customer.billing_details`: keys the customer has not set are absent. */
export interface BillingDetailsColumn {
  contact_name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: {
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postal_code: string | null;
    country: string;
  } | null;
}

export interface InvoiceTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  number: string;
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
  currency: string;
  total: Bigint;
  amount_due: Bigint;
  amount_pending: ColumnType<string, number | string | undefined, number | string>;
  issue_date: PlainDate;
  due_date: PlainDate;
  disputed: Generated<boolean>;
  payment_notice_id: ColumnType<string | null, string | null | undefined, string | null>;
  metadata: Json<Record<string, string>>;
  paid_at: NullableTimestamp;
  voided_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvoiceLineTable {
  id: Generated<string>;
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_amount: Bigint;
  amount: Bigint;
}

export interface InvoiceTaxTable {
  id: Generated<string>;
  invoice_id: string;
  position: number;
  description: string;
  amount: Bigint;
}

export interface PaymentMethodTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  provider: string;
  type: 'card' | 'us_bank_account';
  brand: string | null;
  last4: string;
  exp_month: number | null;
  exp_year: number | null;
  bank_name: ColumnType<string | null, string | null | undefined, string | null>;
  account_holder_type: ColumnType<
    'individual' | 'company' | null,
    'individual' | 'company' | null | undefined,
    'individual' | 'company' | null
  >;
  saved: Generated<boolean>;
  disabled_reason: ColumnType<string | null, string | null | undefined, string | null>;
  provider_data: Json<Record<string, string>>;
  provider_ref: string;
  created_at: Timestamp;
  detached_at: NullableTimestamp;
}

export interface MandateTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  payment_method_id: string;
  kind: 'one_off' | 'autopay';
  text: string;
  accepted_at: Timestamp;
  ip_address: string;
  user_agent: string;
}

export interface PaymentTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  status: 'requires_action' | 'pending' | 'succeeded' | 'failed' | 'canceled' | 'refunded';
  amount: Bigint;
  currency: string;
  failure_code: string | null;
  failure_message: string | null;
  payment_method_id: string | null;
  method_type: 'card' | 'us_bank_account' | 'offline' | null;
  method_brand: string | null;
  method_last4: string | null;
  provider: string;
  provider_ref: string | null;
  source: 'portal' | 'autopay' | 'import' | 'vendor';
  amount_refunded: ColumnType<string, number | string | undefined, number | string>;
  amount_unapplied: ColumnType<string, number | string | undefined, number | string>;
  credit_applied: ColumnType<string, number | string | undefined, number | string>;
  short_pay_reason: ColumnType<string | null, string | null | undefined, string | null>;
  short_pay_note: ColumnType<string | null, string | null | undefined, string | null>;
  offline_method: ColumnType<
    OfflineMethod | null,
    OfflineMethod | null | undefined,
    OfflineMethod | null
  >;
  offline_reference: ColumnType<string | null, string | null | undefined, string | null>;
  received_on: ColumnType<string | null, string | null | undefined, string | null>;
  next_action: ColumnType<
    PaymentNextAction | null,
    PaymentNextAction | null | undefined,
    PaymentNextAction | null
  >;
  mandate_id: ColumnType<string | null, string | null | undefined, string | null>;
  chargeback_status: ColumnType<
    ChargebackStatus | null,
    ChargebackStatus | null | undefined,
    ChargebackStatus | null
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
  succeeded_at: NullableTimestamp;
  failed_at: NullableTimestamp;
}

/** The step the customer must complete to finish a payment, as stored in `payment.next_action`. */
export interface PaymentNextAction {
  type: 'stripe_sdk' | 'sandbox_challenge';
  client_secret: string;
}

export type ChargebackStatus = 'needs_response' | 'under_review' | 'won' | 'lost';

/** The ways money sent outside the portal travels. */
export type OfflineMethod = 'check' | 'wire' | 'ach_credit' | 'cash' | 'other';

export interface PaymentApplicationTable {
  id: Generated<string>;
  payment_id: string;
  invoice_id: string;
  amount: Bigint;
  amount_reversed: ColumnType<string, number | string | undefined, number | string>;
  created_at: Timestamp;
}

export interface CreditNoteTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  number: string;
  currency: string;
  amount: Bigint;
  amount_remaining: Bigint;
  reason: string;
  status: 'issued' | 'void';
  issued_on: PlainDate;
  created_at: Timestamp;
  voided_at: NullableTimestamp;
}

export interface CreditNoteApplicationTable {
  id: Generated<string>;
  credit_note_id: string;
  invoice_id: string;
  amount: Bigint;
  created_at: Timestamp;
}

export interface PaymentNoticeTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  status: 'pending' | 'confirmed' | 'rejected';
  currency: string;
  amount: Bigint;
  method: OfflineMethod;
  reference: string | null;
  sent_on: PlainDate;
  payment_id: ColumnType<string | null, string | null | undefined, string | null>;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface PaymentNoticeInvoiceTable {
  payment_notice_id: string;
  invoice_id: string;
  amount: Bigint;
}

export interface InvoiceThreadTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  invoice_id: string;
  kind: 'question' | 'dispute';
  status: 'open' | 'answered' | 'resolved';
  reason: string | null;
  amount_disputed: ColumnType<
    string | null,
    number | string | null | undefined,
    number | string | null
  >;
  resolution: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: NullableTimestamp;
}

export interface ThreadMessageTable {
  id: string;
  seq: Generated<string>;
  thread_id: string;
  author: 'customer' | 'vendor';
  body: string;
  created_at: Timestamp;
}

export interface CreditRequestTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  currency: string;
  amount: Bigint;
  reason: string;
  status: 'pending' | 'approved' | 'declined';
  amount_approved: ColumnType<
    string | null,
    number | string | null | undefined,
    number | string | null
  >;
  decision_note: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
}

export interface RefundTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  payment_id: string;
  amount: Bigint;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  reason: string | null;
  provider: string;
  provider_ref: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  applied_at: NullableTimestamp;
}

export interface ChargebackTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  payment_id: string;
  amount: Bigint;
  reason: string;
  status: ChargebackStatus;
  provider: string;
  provider_ref: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProviderEventTable {
  provider: string;
  event_id: string;
  type: string;
  received_at: Timestamp;
}

export interface AutopayTable {
  customer_id: string;
  vendor_id: string;
  livemode: boolean;
  status: 'active' | 'paused' | 'off';
  payment_method_id: string | null;
  mandate_id: string | null;
  enabled_on: ColumnType<string | null, string | null | undefined, string | null>;
  paused_reason: string | null;
  paused_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  key: string;
  vendor_id: string | null;
  payload: Json<Record<string, unknown>>;
  status: 'queued' | 'running' | 'done' | 'failed';
  run_at: Timestamp;
  attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  result: ColumnType<
    Record<string, unknown> | null,
    Record<string, unknown> | null | undefined,
    Record<string, unknown> | null
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PortalSessionTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  token_hash: string;
  locale: string;
  allowed_origin: string | null;
  features: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  invoice_id: ColumnType<string | null, string | null | undefined, string | null>;
  pay_link_id: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PayLinkTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  invoice_id: string;
  token_hash: string;
  max_uses: number | null;
  use_count: Generated<number>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface EmailSettingsTable {
  vendor_id: string;
  livemode: boolean;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_secure: Generated<boolean>;
  smtp_username: string | null;
  smtp_password: string | null;
  from_address: string | null;
  from_name: string | null;
  reply_to: string | null;
  send_receipts: Generated<boolean>;
  send_invoices: Generated<boolean>;
  send_reminders: Generated<boolean>;
  reminder_days: ColumnType<number[], number[] | undefined, number[]>;
  updated_at: Timestamp;
}

export type EmailKind = 'receipt' | 'invoice' | 'reminder' | 'test';
export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface EmailMessageTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  kind: EmailKind;
  customer_id: string | null;
  invoice_id: string | null;
  payment_id: string | null;
  step: number | null;
  dedupe_key: string | null;
  to_address: string;
  subject: string | null;
  status: EmailStatus;
  attempts: Generated<number>;
  provider_message_id: string | null;
  error: string | null;
  pay_link_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number | null;
  response_body: Json<unknown> | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface EventTable {
  seq: Generated<string>;
  id: string;
  vendor_id: string;
  livemode: boolean;
  type: string;
  object_id: string;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  /** The vendor API request that recorded the event; null for jobs and the portal. */
  request_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LedgerImportTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  as_of: PlainDate;
  shift_days: number;
  invoice_count: number;
  created_at: Timestamp;
}

/** An address that receives the vendor's events, signed with its secret. */
export interface WebhookEndpointTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  url: string;
  description: string | null;
  enabled_events: ColumnType<string[], string[], string[]>;
  status: 'enabled' | 'disabled';
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One event to send to one endpoint, with the state of its attempts. */
export interface WebhookDeliveryTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  endpoint_id: string;
  event_id: string;
  replay_of: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  queued_attempt: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_response_status: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  name: string;
  description: string | null;
  interval: 'month' | 'year';
  currency: string;
  unit_amount: Bigint;
  active: Generated<boolean>;
  metadata: Json<Record<string, string>>;
  created_at: Timestamp;
}

export interface SubscriptionTable {
  id: string;
  vendor_id: string;
  livemode: boolean;
  customer_id: string;
  plan_id: string;
  quantity: number;
  status: 'trialing' | 'active' | 'past_due' | 'paused' | 'canceled';
  billing_anchor: Timestamp;
  periods_from_anchor: number;
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  trial_end: NullableTimestamp;
  cancel_at_period_end: boolean;
  canceled_at: NullableTimestamp;
  cancellation_reason: string | null;
  cancellation_comment: string | null;
  paused_at: NullableTimestamp;
  scheduled_plan_id: string | null;
  scheduled_quantity: number | null;
  scheduled_effective_at: NullableTimestamp;
  latest_invoice_id: string | null;
  past_due_since: NullableTimestamp;
  invoice_count: number;
  metadata: Json<Record<string, string>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One HTTP request of a delivery and how it ended. */
export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  started_at: Timestamp;
  response_status: number | null;
  error: string | null;
  duration_ms: number;
}

export interface SubscriptionInvoiceTable {
  invoice_id: string;
  subscription_id: string;
  reason:
    | 'subscription_create'
    | 'subscription_cycle'
    | 'subscription_update'
    | 'subscription_unpause';
  period_start: Timestamp;
  period_end: Timestamp;
}

export interface SubscriptionSettingsTable {
  vendor_id: string;
  livemode: boolean;
  pause_allowed: boolean;
  downgrade_timing: 'now' | 'period_end';
  retry_days: number[];
  after_last_retry: 'cancel' | 'stay_past_due';
  cancellation_reasons: string[];
  updated_at: Timestamp;
}

export interface AuditEntryTable {
  seq: Generated<string>;
  id: string;
  vendor_id: string;
  livemode: boolean;
  api_key_id: string;
  request_id: string;
  method: string;
  path: string;
  status: number;
  object_id: string | null;
  request_body: Json<unknown> | null;
  event_ids: string[];
  created_at: Timestamp;
}

export interface Database {
  vendor: VendorTable;
  api_key: ApiKeyTable;
  customer: CustomerTable;
  invoice: InvoiceTable;
  invoice_line: InvoiceLineTable;
  invoice_tax: InvoiceTaxTable;
  credit_note: CreditNoteTable;
  credit_note_application: CreditNoteApplicationTable;
  payment_notice: PaymentNoticeTable;
  payment_notice_invoice: PaymentNoticeInvoiceTable;
  invoice_thread: InvoiceThreadTable;
  thread_message: ThreadMessageTable;
  credit_request: CreditRequestTable;
  payment_method: PaymentMethodTable;
  mandate: MandateTable;
  payment: PaymentTable;
  payment_application: PaymentApplicationTable;
  refund: RefundTable;
  chargeback: ChargebackTable;
  provider_event: ProviderEventTable;
  autopay: AutopayTable;
  job: JobTable;
  portal_session: PortalSessionTable;
  pay_link: PayLinkTable;
  email_settings: EmailSettingsTable;
  email_message: EmailMessageTable;
  idempotency_key: IdempotencyKeyTable;
  event: EventTable;
  ledger_import: LedgerImportTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  plan: PlanTable;
  subscription: SubscriptionTable;
  subscription_invoice: SubscriptionInvoiceTable;
  subscription_settings: SubscriptionSettingsTable;
  audit_entry: AuditEntryTable;
}
