import type { PaymentMethod } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Logger } from '../http/logger.js';
import type { Payer } from './payer.js';
import { toPaymentMethod } from './payment-object.js';
import { findCustomerPaymentMethod, type PaymentMethodRow } from './payment-repository.js';
import type { ProviderRegistry } from './payment-service.js';

/** Finds the id of the payer's default payment method, or null when it has none. */
export async function findDefaultMethodId(db: Db, payer: Payer): Promise<string | null> {
  const customer = await db
    .selectFrom('customer')
    .select('default_payment_method_id')
    .where('id', '=', payer.customerId)
    .executeTakeFirst();
  return customer?.default_payment_method_id ?? null;
}

/** Lists the customer's saved methods, newest first: those it chose to keep and has not removed. */
export async function listSavedMethods(db: Db, payer: Payer): Promise<PaymentMethod[]> {
  const [rows, defaultId] = await Promise.all([
    db
      .selectFrom('payment_method')
      .selectAll()
      .where('customer_id', '=', payer.customerId)
      .where('vendor_id', '=', payer.vendorId)
      .where('livemode', '=', payer.livemode)
      .where('saved', '=', true)
      .where('detached_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    findDefaultMethodId(db, payer),
  ]);
  return rows.map((row) => toPaymentMethod(row, defaultId));
}

async function findSavedMethod(db: Db, payer: Payer, id: string): Promise<PaymentMethodRow> {
  const method = await findCustomerPaymentMethod(db, payer, payer.customerId, id);
  if (method === undefined || !method.saved) {
    throw new ApiError(
      'payment_method_not_found',
      `No saved payment method with id ${id} exists.`,
      {
        param: 'id',
      },
    );
  }
  return method;
}

/**
 * Removes a saved method. One that autopay charges is refused: the customer picks another
 * for autopay or turns autopay off first. When it was the default, the newest other saved
 * method becomes the default. The provider detaches it too, where it keeps methods.
 */
export async function removeSavedMethod(
  deps: { db: Db; clock: Clock; providers: ProviderRegistry; logger: Logger },
  payer: Payer,
  id: string,
): Promise<PaymentMethod> {
  const method = await findSavedMethod(deps.db, payer, id);
  const now = deps.clock.now();
  const removed = await deps.db.transaction().execute(async (trx) => {
    const customer = await trx
      .selectFrom('customer')
      .select('default_payment_method_id')
      .where('id', '=', payer.customerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const autopay = await trx
      .selectFrom('autopay')
      .select('status')
      .where('customer_id', '=', payer.customerId)
      .where('payment_method_id', '=', method.id)
      .where('status', '<>', 'off')
      .executeTakeFirst();
    if (autopay !== undefined) {
      throw new ApiError(
        'payment_method_in_use',
        'Autopay charges this payment method. Choose another method for autopay or turn autopay off, then remove it.',
        { param: 'id' },
      );
    }
    const row = await trx
      .updateTable('payment_method')
      .set({ detached_at: now })
      .where('id', '=', method.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (customer.default_payment_method_id === method.id) {
      const next = await trx
        .selectFrom('payment_method')
        .select('id')
        .where('customer_id', '=', payer.customerId)
        .where('saved', '=', true)
        .where('detached_at', 'is', null)
        .where('disabled_reason', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      await trx
        .updateTable('customer')
        .set({ default_payment_method_id: next?.id ?? null })
        .where('id', '=', payer.customerId)
        .execute();
    }
    await recordEvent(trx, {
      vendorId: payer.vendorId,
      livemode: payer.livemode,
      type: 'payment_method.detached',
      objectId: method.id,
      data: { id: method.id, customer: payer.customerId },
      createdAt: now,
    });
    return row;
  });

  const provider = deps.providers.get(method.provider);
  try {
    await provider?.detachPaymentMethod?.({
      providerRef: method.provider_ref,
      livemode: method.livemode,
    });
  } catch (error) {
    // Removed here all the same: it is no longer listed and can no longer be charged.
    deps.logger.warn('provider could not detach a removed payment method', {
      payment_method: method.id,
      error,
    });
  }
  return toPaymentMethod(removed, null);
}

/** Makes a saved, chargeable method the one the widget preselects. */
export async function setDefaultMethod(
  db: Db,
  clock: Clock,
  payer: Payer,
  id: string,
): Promise<PaymentMethod> {
  const method = await findSavedMethod(db, payer, id);
  if (method.disabled_reason !== null) {
    throw new ApiError(
      'payment_method_disabled',
      `This payment method can no longer be charged (${method.disabled_reason}); choose another as the default.`,
      { param: 'id' },
    );
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('customer')
      .set({ default_payment_method_id: method.id })
      .where('id', '=', payer.customerId)
      .execute();
    await recordEvent(trx, {
      vendorId: payer.vendorId,
      livemode: payer.livemode,
      type: 'customer.default_payment_method_changed',
      objectId: payer.customerId,
      data: { customer: payer.customerId, payment_method: method.id },
      createdAt: clock.now(),
    });
  });
  return toPaymentMethod(method, method.id);
}
