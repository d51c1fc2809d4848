import type { CreateSandboxPaymentMethodRequest, PaymentMethod } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import type { PortalAuth } from '../http/app-env.js';
import { newId } from '../ids.js';
import type { PaymentProvider } from '../providers/index.js';
import { toPaymentMethod } from './payment-object.js';
import type { PaymentMethodRow } from './payment-repository.js';

/**
 * Turns card details into a sandbox payment method of the session's customer. The provider
 * checks the number and keeps only brand, last four, expiry and the test card's outcome.
 */
export async function createSandboxPaymentMethod(
  db: Db,
  clock: Clock,
  provider: PaymentProvider<CreateSandboxPaymentMethodRequest['card']>,
  portal: PortalAuth,
  request: CreateSandboxPaymentMethodRequest,
): Promise<PaymentMethod> {
  const now = clock.now();
  const details = await provider.createPaymentMethod(request.card, {
    livemode: portal.livemode,
    now,
  });

  const row: PaymentMethodRow = {
    id: newId('pm'),
    vendor_id: portal.vendorId,
    livemode: portal.livemode,
    customer_id: portal.customerId,
    provider: provider.name,
    type: details.type,
    brand: details.brand,
    last4: details.last4,
    exp_month: details.expMonth,
    exp_year: details.expYear,
    provider_ref: details.providerRef,
    created_at: now,
    detached_at: null,
  };
  const method = toPaymentMethod(row);

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('payment_method').values(row).execute();
    await recordEvent(trx, {
      vendorId: portal.vendorId,
      livemode: portal.livemode,
      type: 'payment_method.created',
      objectId: row.id,
      data: { ...method, customer: portal.customerId },
      createdAt: now,
    });
  });
  return method;
}
