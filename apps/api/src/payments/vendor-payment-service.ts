import type { CreateRefundRequest, List, Payment, Refund } from '@duly/core';
import type { Db } from '../db/index.js';
import { toAmount } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import type { PaymentProvider, RefundOutcome } from '../providers/index.js';
import { paymentNotFound } from './payment-errors.js';
import { toPayment } from './payment-object.js';
import { findTenantPayment, listApplications, type PaymentRow } from './payment-repository.js';
import type { PaymentDeps } from './payment-service.js';
import { createRefundRecord, type RefundRow, settleRefund } from './refund-ledger.js';
import { toRefund } from './refund-object.js';
import { listPaymentRefunds } from './vendor-payment-repository.js';

/** Reads a payment of the tenant, or throws `payment_not_found`. */
export async function findTenantPaymentOrThrow(
  db: Db,
  tenant: Tenant,
  paymentId: string,
): Promise<PaymentRow> {
  const row = await findTenantPayment(db, tenant, paymentId);
  if (row === undefined) throw paymentNotFound(paymentId);
  return row;
}

/** Reads a payment of the tenant as the API shows it, or throws `payment_not_found`. */
export async function retrieveTenantPayment(
  db: Db,
  tenant: Tenant,
  paymentId: string,
): Promise<Payment> {
  const row = await findTenantPaymentOrThrow(db, tenant, paymentId);
  return toPayment(row, await listApplications(db, [row.id]));
}

/** Lists every refund of a payment of the tenant, oldest first. */
export async function listRefunds(
  db: Db,
  tenant: Tenant,
  paymentId: string,
): Promise<List<Refund>> {
  const payment = await findTenantPaymentOrThrow(db, tenant, paymentId);
  const refunds = await listPaymentRefunds(db, payment.id);
  return {
    object: 'list',
    data: refunds.map((refund) => toRefund(refund, payment.currency)),
    next_cursor: null,
  };
}

/** A refund recorded as pending, with what sending it to the provider needs. */
export interface StartedRefund {
  refund: RefundRow;
  payment: PaymentRow;
  provider: PaymentProvider;
}

/**
 * Step 1 of a refund: checks that Duly can refund the payment through its provider, then
 * records the refund as pending with the payment locked, which reserves its amount. Throws
 * `payment_not_found`, `payment_not_refundable`, `refund_exceeds_payment` or
 * `provider_not_configured`, and changes nothing when it does.
 */
export async function startRefund(
  deps: PaymentDeps,
  tenant: Tenant,
  paymentId: string,
  request: CreateRefundRequest,
): Promise<StartedRefund> {
  const found = await findTenantPaymentOrThrow(deps.db, tenant, paymentId);
  const provider = deps.providers.get(found.provider);
  if (provider === undefined) {
    if (found.provider === 'import') {
      throw new ApiError(
        'payment_not_refundable',
        `Payment ${paymentId} came from a ledger import, so Duly did not take the money; refund it where it was paid.`,
      );
    }
    if (found.provider === 'offline') {
      throw new ApiError(
        'payment_not_refundable',
        `Payment ${paymentId} is money the vendor received outside the portal, so Duly did not take it; refund it the way it was paid.`,
      );
    }
    throw new ApiError(
      'provider_not_configured',
      `Payment ${paymentId} was made through ${found.provider}, which this API is not set up to run; configure that provider to refund it.`,
    );
  }

  const { refund, payment } = await createRefundRecord(
    deps.db,
    deps.clock,
    tenant,
    paymentId,
    request,
  );
  return { refund, payment, provider };
}

/**
 * Steps 2 and 3 of a refund: sends the refund to the provider, outside any transaction and
 * with the refund id as the idempotency key, then settles the outcome. A provider fault is
 * logged and leaves the refund pending, for the provider's webhook to settle later.
 */
export async function sendRefund(deps: PaymentDeps, started: StartedRefund): Promise<Refund> {
  const { refund, payment, provider } = started;
  if (payment.provider_ref === null) {
    throw new Error(`Payment ${payment.id} succeeded without a provider reference to refund.`);
  }

  let outcome: RefundOutcome | undefined;
  try {
    outcome = await provider.refund({
      refundId: refund.id,
      paymentId: payment.id,
      paymentRef: payment.provider_ref,
      amount: toAmount(refund.amount),
      currency: payment.currency,
      livemode: payment.livemode,
      idempotencyKey: refund.id,
    });
  } catch (error) {
    // NOTE: a refund that never reached the provider stays pending, and keeps its amount
    // reserved, until a provider event about it arrives.
    deps.logger.error('payment provider refund failed; the refund stays pending', {
      refund: refund.id,
      payment: payment.id,
      provider: provider.name,
      error,
    });
  }

  const settled =
    outcome === undefined ? refund : await settleRefund(deps.db, deps.clock, refund.id, outcome);
  return toRefund(settled, payment.currency);
}
