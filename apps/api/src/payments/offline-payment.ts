import { addDays, type OfflineMethod, type Payment, type RecordPaymentRequest } from '@duly/core';
import type { Clock } from '../clock.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import { newId } from '../ids.js';
import { todayFor, type ZonedTenant } from '../invoices/invoice-service.js';
import { NoonInTimeZone } from '../ledger-import/local-time.js';
import { applyToInvoice } from './apply-to-invoice.js';
import {
  checkTargetAmount,
  checkTargetCurrency,
  describeAmount,
  lockOpenTargetInvoices,
  rejectDuplicateTargets,
  sumTargets,
} from './invoice-targets.js';
import { toPayment } from './payment-object.js';
import { listApplications, type PaymentRow } from './payment-repository.js';

/** Money that came outside the portal, with the invoices it pays. */
export interface OfflinePaymentInput {
  customerId: string;
  currency: string;
  amount: number;
  method: OfflineMethod;
  reference: string | null;
  receivedOn: string;
  /**
   * Amounts on invoices that the caller has locked and checked: open, in `currency`, each
   * at most what the invoice can take, together at most `amount`.
   */
  applications: ReadonlyArray<{ invoice: string; amount: number }>;
}

/**
 * Records a payment the vendor received outside the portal, succeeded at once: source
 * `vendor`, provider and method `offline`. Its applications lower the invoices'
 * `amount_due` in the caller's transaction, and what they leave is `amount_unapplied`, the
 * customer's credit balance. Records `payment.recorded` and the invoices' events.
 */
export async function insertOfflinePayment(
  trx: Trx,
  now: Date,
  tenant: ZonedTenant,
  input: OfflinePaymentInput,
): Promise<PaymentRow> {
  // The money counts from the day it was received, as a cash receipt date does: statements
  // and credit dates read `succeeded_at` and the applications' time.
  const receivedAt = new Date(
    Math.min(new NoonInTimeZone(tenant.timeZone).at(input.receivedOn).getTime(), now.getTime()),
  );
  const applied = input.applications.reduce((sum, line) => sum + line.amount, 0);
  const payment: PaymentRow = {
    id: newId('pay'),
    vendor_id: tenant.vendorId,
    livemode: tenant.livemode,
    customer_id: input.customerId,
    status: 'succeeded',
    amount: String(input.amount),
    currency: input.currency,
    failure_code: null,
    failure_message: null,
    payment_method_id: null,
    method_type: 'offline',
    method_brand: null,
    method_last4: null,
    provider: 'offline',
    provider_ref: null,
    source: 'vendor',
    amount_refunded: '0',
    amount_unapplied: String(input.amount - applied),
    credit_applied: '0',
    short_pay_reason: null,
    short_pay_note: null,
    offline_method: input.method,
    offline_reference: input.reference,
    received_on: input.receivedOn,
    next_action: null,
    mandate_id: null,
    chargeback_status: null,
    created_at: now,
    updated_at: now,
    succeeded_at: receivedAt,
    failed_at: null,
  };
  await trx.insertInto('payment').values(payment).execute();

  const applications = input.applications.filter((line) => line.amount > 0);
  if (applications.length > 0) {
    await trx
      .insertInto('payment_application')
      .values(
        applications.map((line) => ({
          payment_id: payment.id,
          invoice_id: line.invoice,
          amount: line.amount,
          created_at: receivedAt,
        })),
      )
      .execute();
  }
  for (const line of applications) {
    await applyToInvoice(trx, payment, now, {
      invoiceId: line.invoice,
      amount: line.amount,
      pendingSettled: 0,
      paidBy: { payment: payment.id },
    });
  }

  await recordEvent(trx, {
    vendorId: tenant.vendorId,
    livemode: tenant.livemode,
    createdAt: now,
    type: 'payment.recorded',
    objectId: payment.id,
    data: {
      id: payment.id,
      customer: payment.customer_id,
      status: payment.status,
      amount: input.amount,
      currency: input.currency,
      offline: { method: input.method, reference: input.reference, received_on: input.receivedOn },
      applications,
      amount_unapplied: input.amount - applied,
    },
  });
  return payment;
}

/** How far back a date of money or credit may go: a year, in days. */
const OLDEST_DAYS = 366;

/**
 * Throws `validation_failed` on `param` for a date after the vendor's today or more than a
 * year before it, which is a typing mistake far more often than a real date.
 */
export function checkRecentDate(date: string, today: string, param: string): void {
  if (date > today) {
    throw new ApiError(
      'validation_failed',
      `${param} ${date} is after today (${today} in the vendor's time zone); use a day on or before today.`,
      { param },
    );
  }
  const oldest = addDays(today, -OLDEST_DAYS);
  if (date < oldest) {
    throw new ApiError(
      'validation_failed',
      `${param} ${date} is more than a year before today (${today}); use a day from ${oldest} on.`,
      { param },
    );
  }
}

/**
 * `POST /v1/payments`: records money the vendor received outside the portal and applies it
 * to the invoices named, in one transaction with them locked. Throws `customer_not_found`,
 * `invoice_not_found`, `invoice_not_open`, `currency_mismatch`, `amount_exceeds_payable`
 * (on an invoice, or on `invoices` when they take more than the payment) or
 * `duplicate_invoice`, and changes nothing when it does.
 */
export async function recordOfflinePayment(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  request: RecordPaymentRequest,
): Promise<Payment> {
  checkRecentDate(request.received_on, todayFor(clock, tenant), 'received_on');
  const targets = request.invoices ?? [];
  rejectDuplicateTargets(targets);
  const applied = sumTargets(targets);
  if (applied > request.amount) {
    throw new ApiError(
      'amount_exceeds_payable',
      `The invoices take ${describeAmount(applied, request.currency)}, more than the payment's ${describeAmount(request.amount, request.currency)}; lower their amounts or record the whole amount received.`,
      { param: 'invoices' },
    );
  }
  await findCustomerOrThrow(db, tenant, request.customer, 'customer');

  const payment = await db.transaction().execute(async (trx) => {
    const invoices = await lockOpenTargetInvoices(trx, tenant, request.customer, targets);
    invoices.forEach((invoice, index) => {
      checkTargetCurrency(invoice, index, request.currency, 'the payment');
      checkTargetAmount(invoice, index, targets[index]?.amount ?? 0);
    });
    return insertOfflinePayment(trx, clock.now(), tenant, {
      customerId: request.customer,
      currency: request.currency,
      amount: request.amount,
      method: request.method,
      reference: request.reference ?? null,
      receivedOn: request.received_on,
      applications: targets.map((target) => ({ invoice: target.invoice, amount: target.amount })),
    });
  });
  return toPayment(payment, await listApplications(db, [payment.id]));
}
