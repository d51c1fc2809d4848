/**
 * Every problem code the API can return, with its HTTP status and title. Codes are a
 * stable public contract: clients branch on them, so an existing code is never renamed
 * or reused for another meaning.
 */
export const PROBLEM_CODES = {
  // Request shape
  malformed_json: { status: 400, title: 'Malformed JSON' },
  validation_failed: { status: 400, title: 'Validation failed' },
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  payload_too_large: { status: 413, title: 'Payload too large' },

  // Credentials
  authentication_required: { status: 401, title: 'Authentication required' },
  api_key_invalid: { status: 401, title: 'Invalid API key' },
  session_invalid: { status: 401, title: 'Invalid portal session' },
  session_expired: { status: 401, title: 'Portal session expired' },
  origin_not_allowed: { status: 403, title: 'Origin not allowed' },
  livemode_mismatch: { status: 403, title: 'Test and live mode mixed' },

  // Resources
  route_not_found: { status: 404, title: 'Route not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  customer_not_found: { status: 404, title: 'Customer not found' },
  invoice_not_found: { status: 404, title: 'Invoice not found' },
  payment_not_found: { status: 404, title: 'Payment not found' },
  payment_method_not_found: { status: 404, title: 'Payment method not found' },
  vendor_not_found: { status: 404, title: 'Vendor not found' },
  credit_note_not_found: { status: 404, title: 'Credit note not found' },
  payment_notice_not_found: { status: 404, title: 'Payment notice not found' },
  thread_not_found: { status: 404, title: 'Thread not found' },
  credit_request_not_found: { status: 404, title: 'Credit request not found' },
  customer_exists: { status: 409, title: 'Customer already exists' },
  invoice_number_exists: { status: 409, title: 'Invoice number already exists' },
  credit_note_number_exists: { status: 409, title: 'Credit note number already exists' },

  // Ledger
  invoice_not_open: { status: 409, title: 'Invoice not open' },
  invoice_has_payments: { status: 409, title: 'Invoice has payments' },
  amount_zero: { status: 400, title: 'Amount is zero' },
  amount_negative: { status: 400, title: 'Amount is negative' },
  amount_too_large: { status: 400, title: 'Amount too large' },
  amount_exceeds_payable: { status: 409, title: 'Amount exceeds what can be paid' },
  amount_not_supported: { status: 400, title: 'Amount not supported by the payment provider' },
  currency_mismatch: { status: 400, title: 'Currencies differ' },
  duplicate_invoice: { status: 400, title: 'Invoice listed twice' },
  invoice_total_mismatch: { status: 400, title: 'Invoice total does not match its lines' },
  amount_below_minimum: { status: 400, title: 'Amount below the minimum charge' },
  short_pay_reason_required: { status: 400, title: 'Reason for a partial payment required' },
  nothing_to_pay: { status: 409, title: 'Nothing to pay' },
  nothing_to_charge: { status: 409, title: 'Credit covers the whole payment' },
  credit_exceeds_balance: { status: 409, title: 'Amount exceeds the credit available' },
  credit_note_void: { status: 409, title: 'Credit note is void' },
  credit_note_applied: { status: 409, title: 'Credit note already applied' },
  payment_notice_exists: { status: 409, title: 'Payment notice already pending' },
  payment_notice_not_pending: { status: 409, title: 'Payment notice already decided' },

  // Idempotency
  idempotency_key_missing: { status: 400, title: 'Idempotency-Key header missing' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with another request' },
  idempotency_key_in_use: { status: 409, title: 'Request with this Idempotency-Key in progress' },

  // Payments
  card_not_test_card: { status: 400, title: 'Not a test card' },
  card_declined: { status: 402, title: 'Card declined' },
  insufficient_funds: { status: 402, title: 'Insufficient funds' },
  expired_card: { status: 402, title: 'Card expired' },
  incorrect_cvc: { status: 402, title: 'Incorrect CVC' },
  processing_error: { status: 402, title: 'Payment processing error' },
  sandbox_not_available: { status: 403, title: 'Sandbox not available in live mode' },
  bank_account_not_test_account: { status: 400, title: 'Not a test bank account' },
  mandate_required: { status: 400, title: 'Debit authorization required' },
  payment_method_disabled: { status: 409, title: 'Payment method can no longer be charged' },
  payment_method_in_use: { status: 409, title: 'Payment method used by autopay' },
  payment_not_requiring_action: { status: 409, title: 'Payment needs no action' },
  provider_not_configured: { status: 409, title: 'Payment provider not set up' },
  provider_error: { status: 502, title: 'Payment provider unavailable' },
  payment_not_refundable: { status: 409, title: 'Payment cannot be refunded' },
  refund_exceeds_payment: { status: 409, title: 'Refund exceeds what was paid' },
  receipt_not_available: { status: 409, title: 'No receipt for this payment' },
  webhook_signature_invalid: { status: 400, title: 'Webhook signature invalid' },
  autopay_method_required: { status: 400, title: 'Autopay needs a payment method' },
  rate_limited: { status: 429, title: 'Too many requests' },

  // Portal features and requests
  feature_disabled: { status: 403, title: 'Feature turned off for this portal' },
  dispute_exists: { status: 409, title: 'Invoice already disputed' },
  thread_resolved: { status: 409, title: 'Thread already resolved' },
  credit_request_pending: { status: 409, title: 'Credit request already pending' },
  credit_request_not_pending: { status: 409, title: 'Credit request already decided' },
  credit_limit_currency_required: { status: 400, title: 'Currency of the credit limit required' },

  // Email: the vendor's SMTP settings and test messages
  email_settings_incomplete: { status: 409, title: 'Email settings incomplete' },
  email_delivery_failed: { status: 502, title: 'Mail server rejected the message' },
  // Webhook endpoints, deliveries and the event log
  webhook_endpoint_not_found: { status: 404, title: 'Webhook endpoint not found' },
  webhook_delivery_not_found: { status: 404, title: 'Webhook delivery not found' },
  event_not_found: { status: 404, title: 'Event not found' },
  webhook_url_invalid: { status: 400, title: 'Webhook endpoint URL invalid' },
  webhook_endpoint_disabled: { status: 409, title: 'Webhook endpoint disabled' },
  // Plans and subscriptions
  plan_not_found: { status: 404, title: 'Plan not found' },
  subscription_not_found: { status: 404, title: 'Subscription not found' },
  plan_inactive: { status: 409, title: 'Plan no longer offered' },
  plan_currency_mismatch: { status: 400, title: 'Plan in another currency' },
  plan_interval_mismatch: { status: 400, title: 'Plan billed on another interval' },
  proration_date_invalid: { status: 400, title: 'Proration date out of range' },
  subscription_status_conflict: { status: 409, title: 'Subscription cannot do that now' },
  cancellation_reason_invalid: { status: 400, title: 'Unknown cancellation reason' },
  pause_not_allowed: { status: 403, title: 'Pausing turned off by the vendor' },
  // Keys, portal sessions and the audit log
  api_key_not_found: { status: 404, title: 'API key not found' },
  api_key_not_active: { status: 409, title: 'API key expired or revoked' },
  api_key_already_rolled: { status: 409, title: 'API key already rolled' },
  api_key_last_active: { status: 409, title: 'Last working API key of the mode' },
  portal_session_not_found: { status: 404, title: 'Portal session not found' },
  // Pay links and the hosted pages
  pay_link_not_found: { status: 404, title: 'Pay link not found' },
  pay_link_invalid: { status: 404, title: 'Pay link unknown' },
  pay_link_expired: { status: 410, title: 'Pay link expired' },
  pay_link_revoked: { status: 410, title: 'Pay link revoked' },
  pay_link_used_up: { status: 410, title: 'Pay link used up' },
  invoice_not_payable: { status: 409, title: 'Invoice cannot be paid' },
  session_limited_to_invoice: { status: 403, title: 'Session limited to one invoice' },

  // Server
  internal_error: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable, machine-readable problem code such as `invoice_not_found`. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Whether `code` is one of the problem codes in `PROBLEM_CODES`. */
export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}

/** The `type` URI of a problem code; it names the code so that logs and docs can link it. */
export function problemTypeUri(code: ProblemCode): string {
  return `https://duly.dev/problems/${code}`;
}
