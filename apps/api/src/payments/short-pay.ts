import type { ShortPay } from '@duly/core';
import { ApiError } from '../http/api-error.js';
import type { PaymentPlan } from './payment-plan.js';

/** The customer's reason for paying an invoice partly, as the request sends it. */
export interface ShortPayInput {
  reason: string;
  note?: string | undefined;
}

/**
 * Checks a request's short pay against its plan and the vendor's reasons, and returns what
 * the payment stores: the reason and note when a listed invoice is paid partly, else null.
 * Throws `validation_failed` for `short_pay` on an amount or pay-all (which pay the last
 * invoice partly by design) and for a reason not on the vendor's list. With `require`, it
 * throws `short_pay_reason_required` when an invoice is paid partly without a reason.
 */
export function checkShortPay(
  plan: PaymentPlan,
  shortPay: ShortPayInput | undefined,
  reasons: readonly string[],
  options: { require: boolean },
): ShortPay | null {
  if (shortPay !== undefined && plan.kind !== 'invoices') {
    throw new ApiError(
      'validation_failed',
      'A short-pay reason goes with `invoices` only: paying an amount or paying all needs none; remove `short_pay`.',
      { param: 'short_pay' },
    );
  }
  if (shortPay !== undefined && !reasons.includes(shortPay.reason)) {
    throw new ApiError(
      'validation_failed',
      `The short-pay reason "${shortPay.reason}" is not one of this vendor's reasons; use one of: ${listReasons(reasons)}.`,
      { param: 'short_pay.reason' },
    );
  }

  const first = plan.shortPaid[0];
  if (first === undefined) return null;
  if (shortPay === undefined) {
    if (!options.require) return null;
    throw new ApiError(
      'short_pay_reason_required',
      `Invoice ${first.invoice_number} is paid partly, so say why in short_pay.reason with one of: ${listReasons(reasons)}.`,
      { param: 'short_pay.reason' },
    );
  }
  return { reason: shortPay.reason, note: shortPay.note ?? null };
}

function listReasons(reasons: readonly string[]): string {
  return reasons.map((reason) => `"${reason}"`).join(', ');
}
