import type { ChargebackStatus } from '@duly/core';
import type { ChargeOutcome } from '../providers/payment-provider.js';

/** Finds the payment a provider event is about: by Duly's id (metadata) or the provider's. */
export interface PaymentLookup {
  paymentId?: string;
  providerRef?: string;
}

/** One refund as the provider reports it; events carry every refund of the charge so far. */
export interface ProviderRefund {
  providerRef: string;
  /** Duly's refund id when the refund was made through Duly (the provider's metadata). */
  refundId?: string;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  reason: string | null;
}

/**
 * The change a provider event makes to the ledger, translated into Duly's terms.
 * A `charge` outcome of `failed` on a payment that already succeeded is a bank return: it
 * reverses what the payment paid. Bank failures carry the ACH return code (`R01`, ...).
 */
export type LedgerChange =
  | { kind: 'charge'; payment: PaymentLookup; outcome: ChargeOutcome }
  | { kind: 'refunds'; payment: PaymentLookup; refunds: ProviderRefund[] }
  | {
      kind: 'chargeback';
      payment: PaymentLookup;
      chargeback: { providerRef: string; amount: number; reason: string; status: ChargebackStatus };
    }
  | {
      kind: 'payment_method_disabled';
      methodRef: string;
      reason: string;
      /** The method's provider when it is not the event's, such as `stripe` for Plaid's. */
      methodProvider?: string;
    };

/** A verified provider webhook event, handled once whatever number of times it arrives. */
export interface ProviderEvent {
  provider: string;
  eventId: string;
  type: string;
  changes: LedgerChange[];
}
