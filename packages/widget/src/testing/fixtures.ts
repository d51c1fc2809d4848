import { PORTAL_FEATURES } from '@duly/core';
import type {
  BillingDetails,
  CreditNote,
  CreditRequest,
  Invoice,
  InvoiceThread,
  Payment,
  PaymentMethod,
  PaymentNotice,
  PaymentSetup,
  PortalSession,
} from '@duly/sdk';

/** Builds an open invoice of 50.39 USD; `overrides` change any field. */
export function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  const total = overrides.total ?? 5039;
  const amountDue = overrides.amount_due ?? total;
  return {
    object: 'invoice',
    id: 'inv_1',
    number: 'INV-0001',
    customer: 'cus_1',
    status: 'open',
    currency: 'USD',
    total,
    amount_due: amountDue,
    amount_pending: 0,
    amount_payable: overrides.amount_payable ?? amountDue,
    issue_date: '2025-11-01',
    due_date: '2025-12-01',
    overdue: false,
    disputed: false,
    payment_notice: null,
    paid_at: null,
    metadata: {},
    livemode: false,
    created_at: '2025-11-01T09:00:00.000Z',
    ...overrides,
  };
}

/** Builds a session of customer "Acme Retail" at vendor "Northwind Supply". */
export function makeSession(overrides: Partial<PortalSession> = {}): PortalSession {
  return {
    object: 'portal_session',
    vendor: {
      id: 'ven_1',
      name: 'Northwind Supply',
      branding: { logo_url: null, primary_color: null },
      time_zone: 'UTC',
    },
    customer: { id: 'cus_1', name: 'Acme Retail', external_id: 'C-100', email: null },
    locale: 'en',
    livemode: false,
    provider: 'sandbox',
    expires_at: '2030-01-01T00:00:00.000Z',
    today: '2025-12-04',
    balances: [
      {
        currency: 'USD',
        amount_due: 5039,
        amount_pending: 0,
        open_count: 1,
        overdue_count: 0,
        overdue_amount: 0,
        credit: 0,
      },
    ],
    features: [...PORTAL_FEATURES],
    overdue_count: 0,
    ...overrides,
  };
}

/** The one-off debit authorization of the fake vendor. */
export const ONE_OFF_MANDATE =
  'By paying, you authorize Northwind Supply to debit the bank account shown for the amount shown, once.';
/** The autopay authorization of the fake vendor. */
export const AUTOPAY_MANDATE =
  'By turning on autopay, you authorize Northwind Supply to charge the payment method shown for each invoice on its due date.';

/** Builds the payment setup of a vendor on the sandbox; `card` and `bank` replace its providers. */
export function makeSetup(overrides: Partial<PaymentSetup> = {}): PaymentSetup {
  return {
    object: 'payment_setup',
    card: { provider: 'sandbox', options: {} },
    bank: { provider: 'sandbox', options: {} },
    mandate_text: { one_off: ONE_OFF_MANDATE, autopay: AUTOPAY_MANDATE },
    short_pay_reasons: ['Pricing disagreement', 'Goods damaged or missing', 'Other'],
    minimum_charge: { USD: 50, EUR: 50, JPY: 50 },
    ...overrides,
  };
}

/** Builds the payment setup of a vendor on Stripe for cards and Plaid for bank accounts. */
export function makeStripeSetup(): PaymentSetup {
  return makeSetup({
    card: { provider: 'stripe', options: { publishable_key: 'pk_test_fake' } },
    bank: { provider: 'plaid', options: {} },
  });
}

/** Builds a saved Visa card ending in 4242; `overrides` change any field. */
export function makePaymentMethod(overrides: Partial<PaymentMethod> = {}): PaymentMethod {
  return {
    object: 'payment_method',
    id: 'pm_visa',
    type: 'card',
    brand: 'visa',
    last4: '4242',
    exp_month: 12,
    exp_year: 2030,
    bank_name: null,
    is_default: false,
    disabled_reason: null,
    livemode: false,
    created_at: '2025-11-02T10:00:00.000Z',
    ...overrides,
  };
}

/** Builds a saved bank account of STRIPE TEST BANK ending in 6789. */
export function makeBankAccount(overrides: Partial<PaymentMethod> = {}): PaymentMethod {
  return makePaymentMethod({
    id: 'pm_bank',
    type: 'us_bank_account',
    brand: null,
    last4: '6789',
    exp_month: null,
    exp_year: null,
    bank_name: 'STRIPE TEST BANK',
    ...overrides,
  });
}

/** Builds a succeeded card payment of 50.39 USD on INV-0001; `overrides` change any field. */
export function makePayment(overrides: Partial<Payment> = {}): Payment {
  return {
    object: 'payment',
    id: 'pay_1',
    customer: 'cus_1',
    status: 'succeeded',
    amount: 5039,
    currency: 'USD',
    failure_code: null,
    failure_message: null,
    payment_method: 'pm_visa',
    method_details: { type: 'card', brand: 'visa', last4: '4242' },
    applications: [{ invoice: 'inv_1', invoice_number: 'INV-0001', amount: 5039 }],
    source: 'portal',
    amount_refunded: 0,
    amount_unapplied: 0,
    credit_applied: 0,
    short_pay: null,
    offline: null,
    next_action: null,
    chargeback_status: null,
    livemode: false,
    created_at: '2025-12-04T10:00:00.000Z',
    succeeded_at: '2025-12-04T10:00:00.000Z',
    failed_at: null,
    ...overrides,
  };
}

// widget-account: threads, credit requests and billing details.

/**
 * Builds an open question about INV-0001 with one message from the customer; `overrides`
 * change any field.
 */
export function makeThread(overrides: Partial<InvoiceThread> = {}): InvoiceThread {
  return {
    object: 'invoice_thread',
    id: 'thr_1',
    invoice: 'inv_1',
    invoice_number: 'INV-0001',
    customer: 'cus_1',
    kind: 'question',
    status: 'open',
    reason: null,
    amount_disputed: null,
    currency: 'USD',
    resolution: null,
    messages: [
      {
        id: 'msg_1',
        author: 'customer',
        body: 'Does this include the November delivery?',
        created_at: '2025-11-20T09:30:00.000Z',
      },
    ],
    livemode: false,
    created_at: '2025-11-20T09:30:00.000Z',
    updated_at: '2025-11-20T09:30:00.000Z',
    resolved_at: null,
    ...overrides,
  };
}

/** Builds a pending request for a USD 15,000.00 limit; `overrides` change any field. */
export function makeCreditRequest(overrides: Partial<CreditRequest> = {}): CreditRequest {
  return {
    object: 'credit_request',
    id: 'crq_1',
    customer: 'cus_1',
    currency: 'USD',
    amount: 1_500_000,
    reason: 'We are opening a second store in March.',
    status: 'pending',
    amount_approved: null,
    decision_note: null,
    livemode: false,
    created_at: '2025-11-10T14:00:00.000Z',
    decided_at: null,
    ...overrides,
  };
}

/** Builds the billing details of Acme Retail in Portland; `overrides` change any field. */
export function makeBillingDetails(overrides: Partial<BillingDetails> = {}): BillingDetails {
  return {
    object: 'billing_details',
    contact_name: 'Dana Whitfield',
    email: 'ap@acme-retail.example',
    phone: '+1 503 555 0142',
    address: {
      line1: '400 Market Street',
      line2: 'Suite 12',
      city: 'Portland',
      region: 'OR',
      postal_code: '97204',
      country: 'US',
    },
    ...overrides,
  };
}

// --- widget-pay: credit notes and payment notices ---

/** Builds a credit note CN-000001 of 100.00 USD issued 2025-11-20, 10.00 of it applied to INV-0001. */
export function makeCreditNote(overrides: Partial<CreditNote> = {}): CreditNote {
  return {
    object: 'credit_note',
    id: 'cn_1',
    number: 'CN-000001',
    customer: 'cus_1',
    status: 'issued',
    currency: 'USD',
    amount: 10000,
    amount_remaining: 9000,
    reason: 'Damaged delivery',
    issued_on: '2025-11-20',
    applications: [
      {
        invoice: 'inv_1',
        invoice_number: 'INV-0001',
        amount: 1000,
        created_at: '2025-11-20T12:00:00.000Z',
      },
    ],
    livemode: false,
    created_at: '2025-11-20T12:00:00.000Z',
    ...overrides,
  };
}

/** Builds a pending notice of a 50.39 USD cheque no. 1042 for INV-0001, sent 2025-12-02. */
export function makePaymentNotice(overrides: Partial<PaymentNotice> = {}): PaymentNotice {
  return {
    object: 'payment_notice',
    id: 'pn_1',
    customer: 'cus_1',
    status: 'pending',
    currency: 'USD',
    amount: 5039,
    method: 'check',
    reference: '1042',
    sent_on: '2025-12-02',
    invoices: [{ invoice: 'inv_1', invoice_number: 'INV-0001', amount: 5039 }],
    payment: null,
    rejection_reason: null,
    livemode: false,
    created_at: '2025-12-02T15:00:00.000Z',
    decided_at: null,
    ...overrides,
  };
}
