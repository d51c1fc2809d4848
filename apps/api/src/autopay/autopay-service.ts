import type { Autopay } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth } from '../http/app-env.js';
import { todayFor } from '../invoices/invoice-service.js';
import { recordMandate } from '../payments/mandate.js';
import type { Payer } from '../payments/payer.js';
import {
  lockCustomerPaymentMethod,
  type PaymentMethodRow,
} from '../payments/payment-repository.js';
import { toAutopay } from './autopay-object.js';
import { findAutopay, findPausingPayment, saveAutopay } from './autopay-repository.js';

/** Reads the customer's autopay; `off` when the customer never turned it on. */
export async function readAutopay(db: Db, payer: Payer): Promise<Autopay> {
  const row = await findAutopay(db, payer);
  const pausingPayment = row === undefined ? undefined : await findPausingPayment(db, row);
  return toAutopay(row, pausingPayment);
}

/** The customer's acceptance of the autopay mandate, as the request carried it. */
export interface AutopayAcceptance {
  paymentMethodId: string;
  /** The customer's address as the API saw it, and the browser's user agent. */
  ipAddress: string;
  userAgent: string;
}

/**
 * Turns autopay on, or moves it to another method, with the mandate the customer accepted.
 * The method must be one of the customer's saved methods that can still be charged.
 * Invoices due from today (the vendor's time zone) on are charged; a paused autopay
 * becomes active again.
 */
export async function enableAutopay(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  acceptance: AutopayAcceptance,
): Promise<Autopay> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const method = await lockCustomerPaymentMethod(trx, portal, acceptance.paymentMethodId);
    checkAutopayMethod(method, acceptance.paymentMethodId);

    const vendor = await trx
      .selectFrom('vendor')
      .select('name')
      .where('id', '=', portal.vendorId)
      .executeTakeFirstOrThrow();
    const mandate = await recordMandate(trx, portal, {
      kind: 'autopay',
      paymentMethodId: acceptance.paymentMethodId,
      vendorName: vendor.name,
      locale: portal.locale,
      acceptedAt: now,
      ipAddress: acceptance.ipAddress,
      userAgent: acceptance.userAgent,
    });
    const row = {
      customer_id: portal.customerId,
      vendor_id: portal.vendorId,
      livemode: portal.livemode,
      status: 'active' as const,
      payment_method_id: acceptance.paymentMethodId,
      mandate_id: mandate.id,
      enabled_on: todayFor(clock, portal),
      paused_reason: null,
      paused_at: null,
      updated_at: now,
    };
    await saveAutopay(trx, row);

    const autopay = toAutopay({ ...row, mandate_accepted_at: mandate.acceptedAt }, undefined);
    await recordAutopayEvent(trx, portal, 'autopay.enabled', autopay, now);
    return autopay;
  });
}

/** Turns autopay off; a customer whose autopay is already off changes nothing. */
export async function disableAutopay(db: Db, clock: Clock, portal: PortalAuth): Promise<Autopay> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const turnedOff = await trx
      .updateTable('autopay')
      .set({
        status: 'off',
        payment_method_id: null,
        mandate_id: null,
        enabled_on: null,
        paused_reason: null,
        paused_at: null,
        updated_at: now,
      })
      .where('customer_id', '=', portal.customerId)
      .where('vendor_id', '=', portal.vendorId)
      .where('livemode', '=', portal.livemode)
      .where('status', '<>', 'off')
      .returningAll()
      .executeTakeFirst();
    const autopay = toAutopay(
      turnedOff === undefined ? undefined : { ...turnedOff, mandate_accepted_at: null },
      undefined,
    );
    if (turnedOff !== undefined) {
      await recordAutopayEvent(trx, portal, 'autopay.disabled', autopay, now);
    }
    return autopay;
  });
}

function checkAutopayMethod(
  method: PaymentMethodRow | undefined,
  paymentMethodId: string,
): asserts method is PaymentMethodRow {
  if (method === undefined || method.detached_at !== null) {
    throw new ApiError(
      'payment_method_not_found',
      `No payment method with id ${paymentMethodId} exists for this customer; choose one of the customer's saved payment methods.`,
      { param: 'payment_method' },
    );
  }
  if (!method.saved) {
    throw new ApiError(
      'autopay_method_required',
      `Payment method ${paymentMethodId} was made for one payment and not saved; autopay needs a saved payment method. Save one first.`,
      { param: 'payment_method' },
    );
  }
  if (method.disabled_reason !== null) {
    throw new ApiError(
      'payment_method_disabled',
      `Payment method ${paymentMethodId} can no longer be charged (${method.disabled_reason}); choose another payment method for autopay.`,
      { param: 'payment_method' },
    );
  }
}

async function recordAutopayEvent(
  trx: Trx,
  payer: Payer,
  type: 'autopay.enabled' | 'autopay.disabled',
  autopay: Autopay,
  now: Date,
): Promise<void> {
  await recordEvent(trx, {
    vendorId: payer.vendorId,
    livemode: payer.livemode,
    type,
    objectId: payer.customerId,
    data: { ...autopay, customer: payer.customerId },
    createdAt: now,
  });
}
