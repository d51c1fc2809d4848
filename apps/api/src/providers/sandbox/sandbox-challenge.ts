import type { Payment } from '@duly/core';
import { z } from 'zod';
import { ApiError } from '../../http/api-error.js';
import type { Payer } from '../../payments/payer.js';
import { toPayment } from '../../payments/payment-object.js';
import { findPayerPayment } from '../../payments/payment-refresh.js';
import { listApplications } from '../../payments/payment-repository.js';
import { settlePayment } from '../../payments/settle-payment.js';
import type { ProviderContext } from '../provider-module.js';

/** The sandbox's stand-in for the bank's 3-D Secure page: the cardholder passes or fails. */
export const SandboxChallengeRequestSchema = z.strictObject({
  result: z.enum(['succeeded', 'failed']),
});

/**
 * Settles a sandbox payment waiting on its challenge. This route plays the part of the card
 * issuer, which with Stripe reports to Stripe directly. It is the sandbox's own route, so
 * the ledger still takes its outcome from the provider, not from the merchant's page.
 */
export async function answerSandboxChallenge(
  context: ProviderContext,
  payer: Payer,
  paymentId: string,
  result: 'succeeded' | 'failed',
): Promise<Payment> {
  const payment = await findPayerPayment(context.db, payer, paymentId);
  if (payment.provider !== 'sandbox' || payment.status !== 'requires_action') {
    throw new ApiError(
      'payment_not_requiring_action',
      `Payment ${payment.id} is ${payment.status} and waits for no sandbox challenge.`,
      { param: 'id' },
    );
  }
  const providerRef = payment.provider_ref ?? `sandbox_${payment.id}`;
  const settled = await settlePayment(
    context.db,
    context.clock,
    payment.id,
    result === 'succeeded'
      ? { status: 'succeeded', providerRef }
      : {
          status: 'failed',
          providerRef,
          failureCode: 'authentication_failed',
          failureMessage:
            "The card's bank could not confirm it was you (3-D Secure). Try again or use another card.",
        },
  );
  return toPayment(settled, await listApplications(context.db, [settled.id]));
}
