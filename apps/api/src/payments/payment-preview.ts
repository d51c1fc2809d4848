import { MAX_AMOUNT, type PaymentPreview, type PaymentPreviewRequest } from '@duly/core';
import { listCreditSources } from '../credit/index.js';
import { ApiError } from '../http/api-error.js';
import { findVendor } from '../vendors/index.js';
import { checkMinimumCharge } from './minimum-charge.js';
import type { Payer } from './payer.js';
import { planPayment } from './payment-plan.js';
import { findMethodForPayment, type PaymentDeps } from './payment-service.js';
import { paymentTargetOf, readPaymentTarget } from './payment-target.js';
import { checkShortPay } from './short-pay.js';

/**
 * Plans a portal payment as `POST /v1/portal/payments` would, from the ledger as it is
 * now, and changes nothing. It raises the same errors, except that a missing short-pay
 * reason only sets `short_pay_required`. The minimum charge is checked only for a
 * `payment_method`, since it depends on the method's provider, and only when something is
 * left to charge.
 */
export async function previewPayment(
  deps: PaymentDeps,
  payer: Payer,
  request: PaymentPreviewRequest,
): Promise<PaymentPreview> {
  const target = paymentTargetOf(request);
  const method =
    request.payment_method === undefined
      ? undefined
      : await findMethodForPayment(deps.db, payer, request.payment_method);

  const resolved = await readPaymentTarget(deps.db, payer, target);
  const sources = await listCreditSources(deps.db, payer, payer.customerId, resolved.currency);
  const available = sources.reduce((sum, source) => sum + source.amount, 0);
  const plan = planPayment(resolved, { available, apply: request.apply_credit === true });
  const vendor = await findVendor(deps.db, payer.vendorId);
  checkShortPay(plan, request.short_pay, vendor?.short_pay_reasons ?? [], { require: false });

  if (plan.charge > MAX_AMOUNT) {
    throw new ApiError(
      'amount_too_large',
      `The payment's total ${plan.charge} passes the maximum of ${MAX_AMOUNT} minor units; split it into several payments.`,
      { param: plan.kind },
    );
  }
  if (method !== undefined && plan.charge > 0) {
    const provider = deps.providers.get(method.provider);
    checkMinimumCharge(
      provider,
      method,
      { amount: plan.charge, currency: plan.currency },
      plan.kind,
    );
    provider?.checkAmount?.(plan.charge, plan.currency);
  }

  return {
    object: 'payment_preview',
    currency: plan.currency,
    applications: plan.applications.map((line) => ({
      invoice: line.invoice,
      invoice_number: line.invoice_number,
      due_date: line.due_date,
      amount_payable: line.amount_payable,
      amount: line.amount,
      credit: line.credit,
    })),
    credit_available: available,
    credit_applied: plan.creditApplied,
    amount_to_charge: plan.charge,
    amount_to_credit: plan.excess,
    short_pay_required: plan.shortPaid.length > 0,
  };
}
