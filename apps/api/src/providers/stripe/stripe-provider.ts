import Stripe from 'stripe';
import type { StripeSettings } from '../../config.js';
import type { Db } from '../../db/index.js';
import { ApiError } from '../../http/api-error.js';
import type { Logger } from '../../http/logger.js';
import type { Payer } from '../../payments/payer.js';
import type {
  ChargeOutcome,
  ChargeRequest,
  MandateRecord,
  PaymentProvider,
  ProviderPaymentMethod,
  ProviderPaymentRef,
  RefundOutcome,
  RefundRequest,
} from '../payment-provider.js';
import { toStripeAmount } from './stripe-amount.js';
import { createStripeClient, isLiveKey } from './stripe-client.js';
import { ensureStripeCustomer } from './stripe-customers.js';
import { bankAccountDetails } from './stripe-method-details.js';
import { STRIPE_MINIMUM_CHARGES } from './stripe-minimums.js';
import { chargeFailure, chargeOutcomeOf } from './stripe-outcomes.js';

/** Stripe caps each metadata value at 500 characters. */
const MAX_METADATA_VALUE = 500;

/**
 * Payments through Stripe: one PaymentIntent per Duly payment, created and confirmed by the
 * API with the payment id as Stripe's idempotency key, on the Stripe customer of the Duly
 * customer. Declines come back as failed outcomes; Stripe being unreachable or refusing
 * the keys is thrown. Webhooks settle what is still in flight (see `toLedgerChanges`).
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly minimumCharges = STRIPE_MINIMUM_CHARGES;
  readonly stripe: Stripe;
  readonly livemode: boolean;
  readonly #db: Db;
  readonly #logger: Logger;

  constructor(settings: StripeSettings, deps: { db: Db; logger: Logger }) {
    this.stripe = createStripeClient(settings);
    this.livemode = isLiveKey(settings);
    this.#db = deps.db;
    this.#logger = deps.logger;
  }

  /**
   * Throws `livemode_mismatch` when a request's mode differs from the key's: a test key
   * cannot take live payments, and a live key must not take test ones.
   */
  checkMode(livemode: boolean): void {
    if (livemode === this.livemode) return;
    throw new ApiError(
      'livemode_mismatch',
      this.livemode
        ? 'This server charges through Stripe with a live-mode key, so it takes live-mode sessions only; use a live secret key (sk_live_...).'
        : 'This server charges through Stripe with a test-mode key, so it takes test-mode sessions only; use a test secret key (sk_test_...).',
    );
  }

  /** Returns the customer's Stripe customer id, creating the Stripe customer on first need. */
  stripeCustomer(customerId: string): Promise<string> {
    return ensureStripeCustomer(this.#db, this.stripe, customerId);
  }

  checkAmount(amount: number, currency: string): void {
    toStripeAmount(amount, currency);
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    this.checkMode(request.livemode);
    let amount: number;
    try {
      amount = toStripeAmount(request.amount, request.currency);
    } catch (error) {
      // `checkAmount` rejects these before a payment is reserved; this guards callers that
      // skip it, failing the payment rather than leaving it pending.
      if (!(error instanceof ApiError)) throw error;
      return {
        status: 'failed',
        providerRef: null,
        failureCode: 'amount_not_supported',
        failureMessage: error.message,
      };
    }

    const isBankDebit = request.method.type === 'us_bank_account';
    const params: Stripe.PaymentIntentCreateParams = {
      amount,
      currency: request.currency.toLowerCase(),
      customer:
        request.customer.providerRefs.stripe ?? (await this.stripeCustomer(request.customer.id)),
      payment_method: request.method.providerRef,
      allowed_payment_method_types: [request.method.type],
      confirm: true,
      metadata: {
        duly_payment: request.paymentId,
        duly_invoices: invoiceList(request.invoiceIds),
      },
    };
    if (request.offSession) {
      params.off_session = true;
    } else if (!isBankDebit) {
      // The widget completes 3-D Secure with Stripe.js's handleNextAction.
      params.use_stripe_sdk = true;
    }
    if (isBankDebit) {
      if (request.mandate === null) {
        throw new Error(`Payment ${request.paymentId} debits a bank account without a mandate.`);
      }
      params.mandate_data = mandateData(request.mandate);
    }

    try {
      const intent = await this.stripe.paymentIntents.create(params, {
        idempotencyKey: request.idempotencyKey,
      });
      return chargeOutcomeOf(intent);
    } catch (error) {
      const failed = failedCharge(error, isBankDebit);
      if (failed === undefined) throw error;
      this.#logger.info('Stripe rejected a charge', {
        payment: request.paymentId,
        failure_code: failed.failureCode,
        payment_intent: failed.providerRef,
      });
      return failed;
    }
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    this.checkMode(request.livemode);
    try {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: request.paymentRef,
          amount: toStripeAmount(request.amount, request.currency),
          metadata: { duly_refund: request.refundId, duly_payment: request.paymentId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (refund.status === 'succeeded') return { status: 'succeeded', providerRef: refund.id };
      if (refund.status === 'failed' || refund.status === 'canceled') {
        return {
          status: 'failed',
          providerRef: refund.id,
          failureMessage: `Stripe could not refund the payment (${refund.failure_reason ?? refund.status}).`,
        };
      }
      return { status: 'pending', providerRef: refund.id };
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      return { status: 'failed', providerRef: null, failureMessage: error.message };
    }
  }

  async retrieve(payment: ProviderPaymentRef): Promise<ChargeOutcome> {
    this.checkMode(payment.livemode);
    return chargeOutcomeOf(await this.stripe.paymentIntents.retrieve(payment.providerRef));
  }

  /**
   * Cancels the PaymentIntent of a payment abandoned in `requires_action`. An intent that
   * is already canceled is fine. One that went on to succeed or fail raises an error, so
   * that the payment is not marked canceled when Stripe may have taken the money.
   */
  async cancel(payment: ProviderPaymentRef): Promise<void> {
    this.checkMode(payment.livemode);
    try {
      await this.stripe.paymentIntents.cancel(payment.providerRef, {
        cancellation_reason: 'abandoned',
      });
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      const intent = await this.stripe.paymentIntents.retrieve(payment.providerRef);
      if (intent.status === 'canceled') return;
      throw new Error(
        `Cannot cancel PaymentIntent ${intent.id} of payment ${payment.paymentId}: it is ${intent.status}.`,
      );
    }
  }

  /**
   * Detaches a removed card or bank account from its Stripe customer. A bank account made
   * from a Plaid token (`ba_`) is a customer source, removed through the customer. One that
   * Stripe no longer has is already gone, which is fine.
   */
  async detachPaymentMethod(method: { providerRef: string; livemode: boolean }): Promise<void> {
    this.checkMode(method.livemode);
    try {
      if (method.providerRef.startsWith('ba_')) {
        const view = await this.stripe.paymentMethods.retrieve(method.providerRef);
        const customer = typeof view.customer === 'string' ? view.customer : view.customer?.id;
        if (customer !== undefined) {
          await this.stripe.customers.deleteSource(customer, method.providerRef);
        }
        return;
      }
      await this.stripe.paymentMethods.detach(method.providerRef);
    } catch (error) {
      const gone =
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        (error.code === 'resource_missing' || error.code === 'payment_method_unexpected_state');
      if (!gone) throw error;
    }
  }

  /**
   * Adds a bank account to the payer's Stripe customer from a Stripe bank account token
   * (`btok_...`, made by Plaid's `/processor/stripe/bank_account_token/create`) and returns
   * it for `savePaymentMethod`. Plaid verified the account, so it can be debited at once.
   * A token Stripe rejects (used before, unknown) raises `invalid_parameter`.
   *
   * NOTE: this uses `customers.createSource`, the documented path for these tokens. The
   * newer PaymentMethod made from a Plaid processor token (`external_token`) is a preview
   * parameter that stripe 23.1's types do not include.
   */
  async attachBankAccountToken(payer: Payer, token: string): Promise<ProviderPaymentMethod> {
    this.checkMode(payer.livemode);
    const customer = await this.stripeCustomer(payer.customerId);
    let source: Stripe.CustomerSource;
    try {
      source = await this.stripe.customers.createSource(customer, { source: token });
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
      throw new ApiError(
        'invalid_parameter',
        `Stripe did not accept the bank account from Plaid: ${error.message} Link the account again.`,
      );
    }
    if (source.object !== 'bank_account') {
      throw new Error(`Stripe turned token ${token} into a ${source.object}, not a bank account.`);
    }
    return bankAccountDetails(source, customer);
  }
}

/**
 * Returns the invoice ids for the `duly_invoices` metadata: all of them, comma-separated,
 * or as many as fit in Stripe's 500 characters followed by how many were left out.
 */
export function invoiceList(invoiceIds: readonly string[]): string {
  const all = invoiceIds.join(',');
  if (all.length <= MAX_METADATA_VALUE) return all;

  const kept: string[] = [];
  for (const id of invoiceIds) {
    const suffix = `,+${invoiceIds.length - kept.length - 1} more`;
    if ([...kept, id].join(',').length + suffix.length > MAX_METADATA_VALUE) break;
    kept.push(id);
  }
  return `${kept.join(',')},+${invoiceIds.length - kept.length} more`;
}

/** Builds Stripe's `mandate_data` from the customer's accepted debit authorization. */
function mandateData(mandate: MandateRecord): Stripe.PaymentIntentCreateParams.MandateData {
  return {
    customer_acceptance: {
      type: 'online',
      accepted_at: Math.floor(mandate.acceptedAt.getTime() / 1000),
      online: { ip_address: mandate.ipAddress, user_agent: mandate.userAgent },
    },
  };
}

/**
 * Maps a Stripe error on creating a PaymentIntent to a failed outcome when it is one: a
 * card decline (402), or a request Stripe rejected as invalid (400, such as an amount
 * under its minimum), after which nothing was charged. Returns undefined for faults.
 */
function failedCharge(
  error: unknown,
  isBankDebit: boolean,
): Extract<ChargeOutcome, { status: 'failed' }> | undefined {
  const rejected =
    error instanceof Stripe.errors.StripeCardError ||
    (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400);
  if (!rejected) return undefined;
  return {
    status: 'failed',
    providerRef: error.payment_intent?.id ?? null,
    ...chargeFailure(error, isBankDebit),
  };
}
