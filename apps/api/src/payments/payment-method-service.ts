import type { PaymentMethod } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import type { PortalAuth } from '../http/app-env.js';
import { newId } from '../ids.js';
import type { ProviderPaymentMethod } from '../providers/payment-provider.js';
import { toPaymentMethod } from './payment-object.js';
import type { PaymentMethodRow } from './payment-repository.js';

/**
 * Stores a payment method a provider made for the session's customer. Every provider's
 * route ends here. A method the customer did not ask to keep (`save: false`) can pay but is
 * left out of the saved methods. The first saved method becomes the customer's default.
 */
export async function savePaymentMethod(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  provider: string,
  details: ProviderPaymentMethod,
  save: boolean,
): Promise<PaymentMethod> {
  const now = clock.now();
  const row: PaymentMethodRow = {
    id: newId('pm'),
    vendor_id: portal.vendorId,
    livemode: portal.livemode,
    customer_id: portal.customerId,
    provider,
    type: details.type,
    brand: details.brand,
    last4: details.last4,
    exp_month: details.expMonth,
    exp_year: details.expYear,
    bank_name: details.bankName ?? null,
    account_holder_type: details.accountHolderType ?? null,
    saved: save,
    disabled_reason: null,
    provider_data: details.providerData ?? {},
    provider_ref: details.providerRef,
    created_at: now,
    detached_at: null,
  };

  return db.transaction().execute(async (trx) => {
    await trx.insertInto('payment_method').values(row).execute();
    let defaultId: string | null = null;
    if (save) {
      const customer = await trx
        .updateTable('customer')
        .set({ default_payment_method_id: row.id })
        .where('id', '=', portal.customerId)
        .where('default_payment_method_id', 'is', null)
        .returning('default_payment_method_id')
        .executeTakeFirst();
      defaultId = customer?.default_payment_method_id ?? null;
    }
    const method = toPaymentMethod(row, defaultId);
    await recordEvent(trx, {
      vendorId: portal.vendorId,
      livemode: portal.livemode,
      type: 'payment_method.created',
      objectId: row.id,
      data: { ...method, customer: portal.customerId },
      createdAt: now,
    });
    return method;
  });
}
