import type { Autopay } from '@duly/core';
import type { AutopayWithMandate } from './autopay-repository.js';

/** Autopay of a customer who never turned it on. */
export const AUTOPAY_OFF: Autopay = {
  object: 'autopay',
  status: 'off',
  payment_method: null,
  enabled_on: null,
  paused_reason: null,
  last_failed_payment: null,
  mandate_accepted_at: null,
};

/** Maps an autopay row to the API object; `pausingPayment` is the failure that paused it. */
export function toAutopay(
  row: AutopayWithMandate | undefined,
  pausingPayment: string | undefined,
): Autopay {
  if (row === undefined) return AUTOPAY_OFF;
  return {
    object: 'autopay',
    status: row.status,
    payment_method: row.payment_method_id,
    enabled_on: row.enabled_on,
    paused_reason: row.paused_reason,
    last_failed_payment: pausingPayment ?? null,
    mandate_accepted_at: row.mandate_accepted_at?.toISOString() ?? null,
  };
}
