import type { Payment } from '@duly/core';
import type { Db } from '../db/index.js';
import type { Payer } from './payer.js';
import { paymentNotFound } from './payment-errors.js';
import { toPayment } from './payment-object.js';
import { findCustomerPayment, listApplications, type PaymentRow } from './payment-repository.js';
import type { PaymentDeps } from './payment-service.js';
import { settlePayment } from './settle-payment.js';

/** Reads a payment of the customer, or throws `payment_not_found` (also for others'). */
export async function findPayerPayment(
  db: Db,
  payer: Payer,
  paymentId: string,
): Promise<PaymentRow> {
  const row = await findCustomerPayment(db, payer, payer.customerId, paymentId);
  if (row === undefined) throw paymentNotFound(paymentId);
  return row;
}

/**
 * Asks the provider for the state of a payment still in flight and settles it: what the
 * widget calls after the customer finished a 3-D Secure challenge. The state comes from
 * the provider, server to server, never from the browser. A provider that cannot be
 * reached leaves the payment as it was; its webhook settles it later.
 */
export async function refreshPayment(
  deps: PaymentDeps,
  payer: Payer,
  paymentId: string,
): Promise<Payment> {
  let row = await findPayerPayment(deps.db, payer, paymentId);
  const provider = deps.providers.get(row.provider);
  const inFlight = row.status === 'requires_action' || row.status === 'pending';
  if (inFlight && provider?.retrieve !== undefined && row.provider_ref !== null) {
    try {
      const outcome = await provider.retrieve({
        paymentId: row.id,
        providerRef: row.provider_ref,
        livemode: row.livemode,
      });
      row = await settlePayment(deps.db, deps.clock, row.id, outcome);
    } catch (error) {
      deps.logger.warn('retrieving a payment from its provider failed; the payment is unchanged', {
        payment: row.id,
        error,
      });
    }
  }
  return toPayment(row, await listApplications(deps.db, [row.id]));
}
