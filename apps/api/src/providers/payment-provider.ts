import type { PaymentNextAction } from '@duly/core';

/**
 * The part of a payment method that a provider returns for storage: enough to show it and
 * to charge it again, never a full card or account number.
 */
export interface ProviderPaymentMethod {
  type: 'card' | 'us_bank_account';
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  bankName?: string | null;
  accountHolderType?: 'individual' | 'company' | null;
  /** The provider's own reference to the method, such as a Stripe PaymentMethod id. */
  providerRef: string;
  /** Anything else the provider needs later, such as Plaid's item id. */
  providerData?: Record<string, string>;
}

/** A debit authorization as the customer accepted it, sent with every bank debit. */
export interface MandateRecord {
  id: string;
  kind: 'one_off' | 'autopay';
  text: string;
  acceptedAt: Date;
  ipAddress: string;
  userAgent: string;
}

/** The payment as a provider needs it for a charge. */
export interface ChargeRequest {
  paymentId: string;
  amount: number;
  currency: string;
  livemode: boolean;
  method: {
    type: 'card' | 'us_bank_account';
    /** The stored method's `provider_ref`. */
    providerRef: string;
    providerData: Record<string, string>;
  };
  customer: {
    id: string;
    /** The customer's ids at providers, such as `{ stripe: 'cus_...' }`. */
    providerRefs: Record<string, string>;
  };
  /** The invoices the payment pays, for the provider's metadata. */
  invoiceIds: string[];
  /** Required for bank debits, null for cards. */
  mandate: MandateRecord | null;
  /** True when the customer is not present to complete a challenge (autopay). */
  offSession: boolean;
  /** Sent to the provider so that a retried charge is not made twice: the payment id. */
  idempotencyKey: string;
}

/**
 * The result of a charge, or of asking the provider about one. A decline is an expected
 * outcome returned as a value; a provider fault (network, bad credentials) is thrown.
 */
export type ChargeOutcome =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'pending'; providerRef: string }
  | { status: 'requires_action'; providerRef: string; nextAction: PaymentNextAction }
  | { status: 'canceled'; providerRef: string | null }
  | { status: 'failed'; providerRef: string | null; failureCode: string; failureMessage: string };

export interface RefundRequest {
  refundId: string;
  paymentId: string;
  /** The payment's `provider_ref`, such as a Stripe PaymentIntent id. */
  paymentRef: string;
  amount: number;
  currency: string;
  livemode: boolean;
  /** The refund id, so that a retried refund is not made twice. */
  idempotencyKey: string;
}

export type RefundOutcome =
  | { status: 'succeeded' | 'pending'; providerRef: string }
  | { status: 'failed'; providerRef: string | null; failureMessage: string };

/** A payment as `retrieve` and `cancel` need it. */
export interface ProviderPaymentRef {
  paymentId: string;
  providerRef: string;
  livemode: boolean;
}

/**
 * A payment provider: charges stored payment methods, refunds, and reports a charge's
 * state. Turning what the browser made into a payment method is provider-specific and lives
 * in the provider's own portal routes (`ProviderModule.portalRoutes`).
 */
export interface PaymentProvider {
  /** The name stored with payment methods and payments, such as `sandbox`. */
  readonly name: string;
  /**
   * Throws an ApiError for an amount the provider cannot charge in `currency`, such as a
   * KWD amount Stripe cannot take. Called before anything is reserved.
   */
  checkAmount?(amount: number, currency: string): void;
  /**
   * The smallest amount the provider charges, by currency code, in minor units. A currency
   * that is not listed, or a provider without the table, has a minimum of 1 minor unit.
   */
  readonly minimumCharges?: Readonly<Record<string, number>>;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
  /**
   * The charge's state at the provider, asked after the customer finished a next action.
   * Absent for a provider that settles its payments itself (the sandbox).
   */
  retrieve?(payment: ProviderPaymentRef): Promise<ChargeOutcome>;
  /** Cancels a charge the customer abandoned in `requires_action`. */
  cancel(payment: ProviderPaymentRef): Promise<void>;
  /** Unlinks a removed payment method at the provider, where the provider keeps it. */
  detachPaymentMethod?(method: { providerRef: string; livemode: boolean }): Promise<void>;
}
