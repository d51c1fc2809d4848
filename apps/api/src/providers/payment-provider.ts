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
  /** The provider's own reference to the method, such as a Stripe PaymentMethod id. */
  providerRef: string;
}

/** The payment as a provider needs it for a charge. */
export interface ChargeRequest {
  paymentId: string;
  amount: number;
  currency: string;
  livemode: boolean;
  /** The stored method's `providerRef`. */
  methodRef: string;
  /** Sent to the provider so that a retried charge is not made twice: the payment id. */
  idempotencyKey: string;
}

/**
 * The result of a charge. A decline is an expected outcome returned as a value; a provider
 * fault (network, bad credentials) is thrown instead.
 */
export type ChargeOutcome =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'pending'; providerRef: string }
  | { status: 'failed'; providerRef: string | null; failureCode: string; failureMessage: string };

/**
 * A payment provider: turns a token made in the browser into a payment method, and charges
 * a payment method. `Token` is what the provider's browser library produces: card details
 * for the sandbox, a PaymentMethod or ConfirmationToken id for Stripe.
 */
export interface PaymentProvider<Token = unknown> {
  /** The name stored with payment methods and payments, such as `sandbox`. */
  readonly name: string;
  createPaymentMethod(
    token: Token,
    context: { livemode: boolean; now: Date },
  ): ProviderPaymentMethod | Promise<ProviderPaymentMethod>;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
}
