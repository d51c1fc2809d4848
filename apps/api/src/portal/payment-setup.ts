import type { PaymentSetup } from '@duly/core';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth } from '../http/app-env.js';
import { mandateText } from '../payments/mandate.js';
import type { BrowserSetup, ProviderModule } from '../providers/index.js';
import { findVendor } from '../vendors/index.js';

/**
 * Reads what the widget needs to take a card or a bank account for this vendor. The
 * vendor's provider takes cards. It links banks too when it can (the sandbox), else a
 * module that only links banks (Plaid) does. The widget requests it when the customer starts to pay.
 */
export async function readPaymentSetup(
  db: Db,
  modules: readonly ProviderModule[],
  portal: PortalAuth,
): Promise<PaymentSetup> {
  const vendor = await findVendor(db, portal.vendorId);
  if (vendor === undefined) throw new Error(`Session names unknown vendor ${portal.vendorId}.`);
  const processor = modules.find((module) => module.name === vendor.payment_provider);
  if (processor?.cardSetup === undefined) {
    throw new ApiError(
      'provider_not_configured',
      `Payments by ${vendor.payment_provider} are not set up on this server yet; ask ${vendor.name} to finish its payment settings.`,
    );
  }
  const linker =
    processor.bankSetup === undefined
      ? modules.find((module) => module.provider === undefined && module.bankSetup !== undefined)
      : processor;
  const bank: BrowserSetup | null = linker?.bankSetup?.(portal) ?? null;
  return {
    object: 'payment_setup',
    card: processor.cardSetup(portal),
    bank,
    mandate_text: {
      one_off: mandateText(vendor.name, 'one_off', portal.locale),
      autopay: mandateText(vendor.name, 'autopay', portal.locale),
    },
    short_pay_reasons: vendor.short_pay_reasons,
    minimum_charge: { ...processor.provider?.minimumCharges },
  };
}
