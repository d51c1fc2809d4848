import {
  type CreateCreditApplicationRequest,
  type CreditApplication,
  formatDecimalAmount,
} from '@duly/core';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { Payer } from '../payments/payer.js';
import { planPayment } from '../payments/payment-plan.js';
import { lockPaymentTarget, paymentTargetOf } from '../payments/payment-target.js';
import { consumeCredit } from './consume-credit.js';
import { lockCreditSources } from './credit-sources.js';

/**
 * Pays invoices from the customer's credit balance alone, in one transaction with the
 * invoices and then the credit sources locked. The target is split as a payment's would
 * be. Throws `amount_exceeds_payable` for an amount above the open balance (credit cannot
 * become more credit), and `credit_exceeds_balance` when the credit does not cover all
 * that the request puts on the invoices.
 */
export async function applyCreditAlone(
  db: Db,
  now: Date,
  payer: Payer,
  request: CreateCreditApplicationRequest,
): Promise<CreditApplication> {
  const target = paymentTargetOf(request);

  return db.transaction().execute(async (trx) => {
    const resolved = await lockPaymentTarget(trx, payer, target);
    const sources = await lockCreditSources(trx, payer, payer.customerId, resolved.currency);
    const available = sources.reduce((sum, source) => sum + source.amount, 0);
    const plan = planPayment(resolved, { available, apply: true });
    const total = plan.applications.reduce((sum, line) => sum + line.amount, 0);
    const money = (amount: number) =>
      `${formatDecimalAmount(amount, plan.currency)} ${plan.currency}`;

    if (plan.excess > 0) {
      throw new ApiError(
        'amount_exceeds_payable',
        `The amount ${money(total + plan.excess)} is more than the ${money(total)} that can be paid on open invoices not in dispute; apply at most ${money(total)}.`,
        { param: 'amount' },
      );
    }
    if (plan.charge > 0) {
      throw new ApiError(
        'credit_exceeds_balance',
        `Paying ${money(total)} from credit needs more than the ${money(available)} of credit available; pay at most ${money(available)}, or pay the rest by card or bank.`,
        { param: plan.kind },
      );
    }

    await consumeCredit(
      trx,
      { payer, currency: plan.currency, now, paymentId: null },
      sources,
      plan.applications.map((line) => ({ invoice: line.invoice, amount: line.credit })),
    );
    return {
      object: 'credit_application',
      customer: payer.customerId,
      currency: plan.currency,
      amount: total,
      applications: plan.applications.map((line) => ({
        invoice: line.invoice,
        invoice_number: line.invoice_number,
        amount: line.amount,
      })),
      credit_remaining: available - total,
      created_at: now.toISOString(),
    };
  });
}
