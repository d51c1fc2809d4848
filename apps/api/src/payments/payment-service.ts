import { isProblemCode, type Payment, PROBLEM_CODES, type ProblemCode } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Logger } from '../http/logger.js';
import type { ChargeOutcome, PaymentProvider } from '../providers/index.js';
import { findMandate } from './mandate.js';
import { checkMinimumCharge } from './minimum-charge.js';
import type { Payer } from './payer.js';
import { toPayment } from './payment-object.js';
import {
  findCustomerPaymentMethod,
  listApplications,
  type PaymentMethodRow,
  type PaymentRow,
} from './payment-repository.js';
import { type PaymentOrigin, type PaymentRequest, reservePayment } from './reserve-payment.js';
import { settlePayment } from './settle-payment.js';

/** Payment providers by the name stored with payment methods and payments. */
export type ProviderRegistry = ReadonlyMap<string, PaymentProvider>;

export interface PaymentDeps {
  db: Db;
  clock: Clock;
  providers: ProviderRegistry;
  logger: Logger;
}

/** Reads the customer's payment method for a payment, or throws `payment_method_not_found`. */
export async function findMethodForPayment(
  db: Db,
  payer: Payer,
  paymentMethodId: string,
): Promise<PaymentMethodRow> {
  const method = await findCustomerPaymentMethod(db, payer, payer.customerId, paymentMethodId);
  if (method === undefined) {
    throw new ApiError(
      'payment_method_not_found',
      `No payment method with id ${paymentMethodId} exists for this customer; create one first.`,
      { param: 'payment_method' },
    );
  }
  if (method.disabled_reason !== null) {
    throw new ApiError(
      'payment_method_disabled',
      `The ${describeMethod(method)} can no longer be charged (${method.disabled_reason}); use another payment method.`,
      { param: 'payment_method' },
    );
  }
  return method;
}

function describeMethod(method: PaymentMethodRow): string {
  return method.type === 'card'
    ? `card ending in ${method.last4}`
    : `bank account ending in ${method.last4}`;
}

/**
 * Step 1: reserves the amounts and records the payment as pending. A bank debit needs the
 * customer's authorization (`origin.newMandate` or a mandate on record), refused before
 * anything is written when missing. A payment below the provider's minimum charge
 * is refused with `amount_below_minimum`, also before anything is written.
 */
export async function startPayment(
  deps: PaymentDeps,
  payer: Payer,
  request: PaymentRequest & { payment_method: string },
  origin: PaymentOrigin = { source: 'portal', mandateId: null },
): Promise<{ payment: PaymentRow; method: PaymentMethodRow }> {
  const method = await findMethodForPayment(deps.db, payer, request.payment_method);
  if (!deps.providers.has(method.provider)) {
    throw new Error(
      `Payment method ${method.id} names provider "${method.provider}", which this API does not run.`,
    );
  }
  if (
    method.type === 'us_bank_account' &&
    origin.mandateId === null &&
    origin.newMandate === undefined
  ) {
    throw new ApiError(
      'mandate_required',
      'A bank debit needs the customer to accept the debit authorization: send "mandate": { "accepted": true } after showing the text from GET /v1/portal/payment_setup.',
      { param: 'mandate' },
    );
  }
  // A card is charged under the card network's rules; only bank debits carry a mandate.
  const kept: PaymentOrigin =
    method.type === 'us_bank_account' ? origin : { source: origin.source, mandateId: null };
  const provider = deps.providers.get(method.provider);
  const payment = await reservePayment(
    deps.db,
    deps.clock.now(),
    payer,
    method,
    request,
    kept,
    (amount, currency, param) => {
      // Autopay is held to it too: its job skips such an invoice instead of retrying.
      checkMinimumCharge(provider, method, { amount, currency }, param);
      provider?.checkAmount?.(amount, currency);
    },
  );
  return { payment, method };
}

/**
 * Steps 2 and 3: charges the method through its provider, outside any transaction and
 * with the payment id as the idempotency key, then settles the outcome. A provider fault
 * leaves the payment pending (the provider's webhook settles it later) and is logged.
 */
export async function chargeAndSettle(
  deps: PaymentDeps,
  payment: PaymentRow,
  method: PaymentMethodRow,
): Promise<Payment> {
  const provider = deps.providers.get(method.provider) as PaymentProvider;
  const customer = await deps.db
    .selectFrom('customer')
    .select('provider_refs')
    .where('id', '=', payment.customer_id)
    .executeTakeFirstOrThrow();
  const applications = await listApplications(deps.db, [payment.id]);
  let outcome: ChargeOutcome | undefined;
  try {
    outcome = await provider.charge({
      paymentId: payment.id,
      amount: Number(payment.amount),
      currency: payment.currency,
      livemode: payment.livemode,
      method: {
        type: method.type,
        providerRef: method.provider_ref,
        providerData: method.provider_data,
      },
      customer: { id: payment.customer_id, providerRefs: customer.provider_refs },
      invoiceIds: applications.map((application) => application.invoice_id),
      mandate:
        payment.mandate_id === null
          ? null
          : ((await findMandate(deps.db, payment.mandate_id)) ?? null),
      offSession: payment.source === 'autopay',
      idempotencyKey: payment.id,
    });
  } catch (error) {
    deps.logger.error('payment provider call failed; the payment stays pending', {
      payment: payment.id,
      provider: provider.name,
      error,
    });
  }

  const settled =
    outcome === undefined ? payment : await settlePayment(deps.db, deps.clock, payment.id, outcome);
  return toPayment(settled, await listApplications(deps.db, [settled.id]));
}

/**
 * Builds the `402` error of a failed payment, naming the payment. Its problem code is the
 * decline code when that is one of the card decline codes, else `card_declined`.
 */
export function declineError(payment: Payment): ApiError {
  const failureCode = payment.failure_code ?? 'card_declined';
  const code: ProblemCode =
    isProblemCode(failureCode) && PROBLEM_CODES[failureCode].status === 402
      ? failureCode
      : 'card_declined';
  return new ApiError(
    code,
    payment.failure_message ?? 'The payment failed. Use another payment method.',
    {
      payment: payment.id,
      declineCode: failureCode,
    },
  );
}
