import {
  type CreatePaymentRequest,
  isProblemCode,
  type Payment,
  PROBLEM_CODES,
  type ProblemCode,
} from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth } from '../http/app-env.js';
import type { Logger } from '../http/logger.js';
import type { ChargeOutcome, PaymentProvider } from '../providers/index.js';
import { findMandate } from './mandate.js';
import { toPayment } from './payment-object.js';
import {
  findCustomerPaymentMethod,
  listApplications,
  type PaymentMethodRow,
  type PaymentRow,
} from './payment-repository.js';
import { reservePayment } from './reserve-payment.js';
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
  portal: PortalAuth,
  paymentMethodId: string,
): Promise<PaymentMethodRow> {
  const method = await findCustomerPaymentMethod(db, portal, portal.customerId, paymentMethodId);
  if (method === undefined) {
    throw new ApiError(
      'payment_method_not_found',
      `No payment method with id ${paymentMethodId} exists for this customer; create one first.`,
      { param: 'payment_method' },
    );
  }
  return method;
}

/** Step 1: reserves the amounts and records the payment as pending. */
export async function startPayment(
  deps: PaymentDeps,
  portal: PortalAuth,
  request: CreatePaymentRequest,
): Promise<{ payment: PaymentRow; method: PaymentMethodRow }> {
  const method = await findMethodForPayment(deps.db, portal, request.payment_method);
  if (!deps.providers.has(method.provider)) {
    throw new Error(
      `Payment method ${method.id} names provider "${method.provider}", which this API does not run.`,
    );
  }
  const payment = await reservePayment(deps.db, deps.clock.now(), portal, method, request);
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
