import { formatDecimalAmount, type InvoiceAmount, MAX_AMOUNT } from '@duly/core';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { toAmount } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import { newId } from '../ids.js';
import type { InvoiceRow } from '../invoices/invoice-repository.js';
import { lockCustomerInvoices } from '../invoices/invoice-repository.js';
import { invoiceNotFound } from '../invoices/invoice-service.js';
import { type MandateInput, recordMandate } from './mandate.js';
import type { Payer } from './payer.js';
import type { PaymentMethodRow, PaymentRow } from './payment-repository.js';

/**
 * The source of a payment and the debit authorization it carries: one already on record
 * (autopay's), or one the customer has just accepted, recorded with the payment.
 */
export interface PaymentOrigin {
  source: 'portal' | 'autopay';
  mandateId: string | null;
  newMandate?: Omit<MandateInput, 'paymentMethodId'>;
}

/**
 * Reserves a payment, step 1 of moving money. In one transaction with the invoices locked,
 * it checks each requested amount against what can still be paid, records the payment as
 * `pending` with its applications and raises each invoice's `amount_pending`. The reserved
 * amounts keep concurrent payments from applying more than an invoice's total.
 */
export async function reservePayment(
  db: Db,
  now: Date,
  payer: Payer,
  method: PaymentMethodRow,
  request: { invoices: InvoiceAmount[] },
  origin: PaymentOrigin = { source: 'portal', mandateId: null },
  checkAmount: (amount: number, currency: string) => void = () => {},
): Promise<PaymentRow> {
  rejectDuplicateInvoices(request);

  return db.transaction().execute(async (trx) => {
    const invoiceIds = request.invoices.map((line) => line.invoice);
    const locked = await lockCustomerInvoices(trx, payer, payer.customerId, invoiceIds);
    const currency = checkPayable(request, new Map(locked.map((row) => [row.id, row])));
    const amount = request.invoices.reduce((sum, line) => sum + line.amount, 0);
    if (amount > MAX_AMOUNT) {
      throw new ApiError(
        'amount_too_large',
        `The payment's total ${amount} passes the maximum of ${MAX_AMOUNT} minor units; split it into several payments.`,
        { param: 'invoices' },
      );
    }
    checkAmount(amount, currency);

    const mandateId =
      origin.newMandate === undefined
        ? origin.mandateId
        : (await recordMandate(trx, payer, { ...origin.newMandate, paymentMethodId: method.id }))
            .id;
    const payment: PaymentRow = {
      id: newId('pay'),
      vendor_id: payer.vendorId,
      livemode: payer.livemode,
      customer_id: payer.customerId,
      status: 'pending',
      amount: String(amount),
      currency,
      failure_code: null,
      failure_message: null,
      payment_method_id: method.id,
      method_type: method.type,
      method_brand: method.brand,
      method_last4: method.last4,
      provider: method.provider,
      provider_ref: null,
      source: origin.source,
      amount_refunded: '0',
      amount_unapplied: '0',
      credit_applied: '0',
      short_pay_reason: null,
      short_pay_note: null,
      offline_method: null,
      offline_reference: null,
      received_on: null,
      next_action: null,
      mandate_id: mandateId,
      chargeback_status: null,
      created_at: now,
      updated_at: now,
      succeeded_at: null,
      failed_at: null,
    };
    await trx.insertInto('payment').values(payment).execute();
    await trx
      .insertInto('payment_application')
      .values(
        request.invoices.map((line) => ({
          payment_id: payment.id,
          invoice_id: line.invoice,
          amount: line.amount,
          created_at: now,
        })),
      )
      .execute();

    const tenant = { vendorId: payer.vendorId, livemode: payer.livemode, createdAt: now };
    for (const line of request.invoices) {
      await trx
        .updateTable('invoice')
        .set({
          amount_pending: sql`amount_pending + ${line.amount}`,
          updated_at: now,
        })
        .where('id', '=', line.invoice)
        .execute();
      await recordEvent(trx, {
        ...tenant,
        type: 'invoice.payment_pending',
        objectId: line.invoice,
        data: { invoice: line.invoice, payment: payment.id, amount: line.amount },
      });
    }
    await recordEvent(trx, {
      ...tenant,
      type: 'payment.created',
      objectId: payment.id,
      data: {
        id: payment.id,
        customer: payment.customer_id,
        status: payment.status,
        amount,
        currency,
        applications: request.invoices,
      },
    });
    return payment;
  });
}

function rejectDuplicateInvoices(request: { invoices: InvoiceAmount[] }): void {
  const seen = new Set<string>();
  request.invoices.forEach((line, index) => {
    if (seen.has(line.invoice)) {
      throw new ApiError(
        'duplicate_invoice',
        `Invoice ${line.invoice} is listed more than once; list each invoice once with the whole amount to pay on it.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    seen.add(line.invoice);
  });
}

/**
 * Checks every requested line against the locked invoices, in request order, and returns
 * the payment's currency. An invoice of another customer is not found, like an unknown id.
 */
function checkPayable(
  request: { invoices: InvoiceAmount[] },
  invoices: Map<string, InvoiceRow>,
): string {
  let currency: string | undefined;
  request.invoices.forEach((line, index) => {
    const invoice = invoices.get(line.invoice);
    if (invoice === undefined) throw invoiceNotFound(line.invoice, `invoices[${index}].invoice`);
    if (invoice.status !== 'open') {
      throw new ApiError(
        'invoice_not_open',
        `Invoice ${invoice.number} is ${invoice.status}; only open invoices can be paid.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    currency ??= invoice.currency;
    if (invoice.currency !== currency) {
      throw new ApiError(
        'currency_mismatch',
        `Invoice ${invoice.number} is in ${invoice.currency} but the payment is in ${currency}; pay invoices of each currency separately.`,
        { param: `invoices[${index}].invoice` },
      );
    }
    const payable = toAmount(invoice.amount_due) - toAmount(invoice.amount_pending);
    if (line.amount > payable) {
      throw new ApiError(
        'amount_exceeds_payable',
        `The amount ${formatDecimalAmount(line.amount, invoice.currency)} ${invoice.currency} is more than the ${formatDecimalAmount(payable, invoice.currency)} ${invoice.currency} that can still be paid on invoice ${invoice.number}.`,
        { param: `invoices[${index}].amount` },
      );
    }
  });
  return currency as string;
}
