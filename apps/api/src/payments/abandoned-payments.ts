import type { Payer } from './payer.js';
import type { PaymentDeps } from './payment-service.js';
import { settlePayment } from './settle-payment.js';

/**
 * Cancels the customer's payments left in `requires_action` (a 3-D Secure challenge
 * closed, not failed) on any of `invoiceIds`, so a new attempt can pay those invoices. The
 * provider is asked to cancel first. When it reports that the charge went through after
 * all, that outcome is settled instead.
 */
export async function cancelAbandonedPayments(
  deps: PaymentDeps,
  payer: Payer,
  invoiceIds: string[],
): Promise<void> {
  const abandoned = await deps.db
    .selectFrom('payment')
    .innerJoin('payment_application', 'payment_application.payment_id', 'payment.id')
    .select(['payment.id', 'payment.provider', 'payment.provider_ref', 'payment.livemode'])
    .distinct()
    .where('payment.customer_id', '=', payer.customerId)
    .where('payment.vendor_id', '=', payer.vendorId)
    .where('payment.status', '=', 'requires_action')
    .where('payment_application.invoice_id', 'in', invoiceIds)
    .execute();

  for (const payment of abandoned) {
    const provider = deps.providers.get(payment.provider);
    const ref = {
      paymentId: payment.id,
      providerRef: payment.provider_ref ?? '',
      livemode: payment.livemode,
    };
    try {
      await provider?.cancel(ref);
    } catch (error) {
      deps.logger.warn(
        'cancel of an abandoned payment failed; retrieving its state from the provider',
        {
          payment: payment.id,
          error,
        },
      );
      if (provider?.retrieve !== undefined) {
        await settlePayment(deps.db, deps.clock, payment.id, await provider.retrieve(ref));
        continue;
      }
      throw error;
    }
    await settlePayment(deps.db, deps.clock, payment.id, {
      status: 'canceled',
      providerRef: payment.provider_ref,
    });
  }
}
