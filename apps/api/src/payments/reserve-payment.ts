import { type InvoiceAmount, MAX_AMOUNT } from '@duly/core';
import { sql } from 'kysely';
import { consumeCredit, lockCreditSources } from '../credit/index.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import { newId } from '../ids.js';
import { findVendor } from '../vendors/index.js';
import { type MandateInput, recordMandate } from './mandate.js';
import type { Payer } from './payer.js';
import { type PaymentPlan, planPayment } from './payment-plan.js';
import type { PaymentMethodRow, PaymentRow } from './payment-repository.js';
import { lockPaymentTarget, type PaymentTargetFields, paymentTargetOf } from './payment-target.js';
import { checkShortPay, type ShortPayInput } from './short-pay.js';

/**
 * The source of a payment and the debit authorization it carries: one already on record
 * (autopay's), or one the customer has just accepted, recorded with the payment.
 */
export interface PaymentOrigin {
  source: 'portal' | 'autopay';
  mandateId: string | null;
  newMandate?: Omit<MandateInput, 'paymentMethodId'>;
}

/** A payment request: its target, whether credit pays first, and any short pay. */
export interface PaymentRequest extends PaymentTargetFields {
  apply_credit?: boolean | undefined;
  short_pay?: ShortPayInput | undefined;
}

/**
 * Checks the amount to charge before anything is written, such as the provider's minimum
 * charge. `param` names the request field that set the amount.
 */
export type ChargeCheck = (amount: number, currency: string, param: string) => void;

/**
 * Reserves a payment, step 1 of moving money. In one transaction with the invoices locked,
 * it plans the request (see `planPayment`), uses the credit balance first when asked (the
 * credit stays applied whatever becomes of the charge), records the payment as `pending`
 * with its applications, and raises each invoice's `amount_pending`. What the plan charges
 * above the open balance is stored as the payment's `amount_unapplied`. The reserved
 * amounts keep concurrent payments from applying more than an invoice's total. Every check,
 * `checkCharge` included, runs before the first write.
 */
export async function reservePayment(
  db: Db,
  now: Date,
  payer: Payer,
  method: PaymentMethodRow,
  request: PaymentRequest,
  origin: PaymentOrigin = { source: 'portal', mandateId: null },
  checkCharge: ChargeCheck = () => {},
): Promise<PaymentRow> {
  const target = paymentTargetOf(request);
  const applyCredit = request.apply_credit === true;

  return db.transaction().execute(async (trx) => {
    const resolved = await lockPaymentTarget(trx, payer, target);
    const sources = applyCredit
      ? await lockCreditSources(trx, payer, payer.customerId, resolved.currency)
      : [];
    const available = sources.reduce((sum, source) => sum + source.amount, 0);
    const plan = planPayment(resolved, { available, apply: applyCredit });
    // Autopay pays whole invoices; a payable amount that grew since its plan needs no reason.
    const vendor = await findVendor(trx, payer.vendorId);
    const shortPay = checkShortPay(plan, request.short_pay, vendor?.short_pay_reasons ?? [], {
      require: origin.source === 'portal',
    });
    checkChargeable(plan);
    checkCharge(plan.charge, plan.currency, plan.kind);

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
      amount: String(plan.charge),
      currency: plan.currency,
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
      amount_unapplied: String(plan.excess),
      credit_applied: String(plan.creditApplied),
      short_pay_reason: shortPay?.reason ?? null,
      short_pay_note: shortPay?.note ?? null,
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

    if (plan.creditApplied > 0) {
      await consumeCredit(
        trx,
        { payer, currency: plan.currency, now, paymentId: payment.id },
        sources,
        plan.applications
          .filter((line) => line.credit > 0)
          .map((line) => ({ invoice: line.invoice, amount: line.credit })),
      );
    }
    const charged = plan.applications
      .filter((line) => line.charge > 0)
      .map((line) => ({ invoice: line.invoice, amount: line.charge }));
    await reserveOnInvoices(trx, now, payment, charged);

    await recordEvent(trx, {
      vendorId: payer.vendorId,
      livemode: payer.livemode,
      createdAt: now,
      type: 'payment.created',
      objectId: payment.id,
      data: {
        id: payment.id,
        customer: payment.customer_id,
        status: payment.status,
        amount: plan.charge,
        currency: plan.currency,
        applications: charged,
        amount_unapplied: plan.excess,
        credit_applied: plan.creditApplied,
        short_pay: shortPay,
      },
    });
    return payment;
  });
}

/** Throws unless the plan leaves a charge the ledger can record. */
function checkChargeable(plan: PaymentPlan): void {
  if (plan.charge === 0) {
    throw new ApiError(
      'nothing_to_charge',
      'The credit balance covers all of this payment, so nothing is left to charge; pay from credit alone with POST /v1/portal/credit_applications.',
      { param: 'apply_credit' },
    );
  }
  if (plan.charge > MAX_AMOUNT) {
    throw new ApiError(
      'amount_too_large',
      `The payment's total ${plan.charge} passes the maximum of ${MAX_AMOUNT} minor units; split it into several payments.`,
      { param: plan.kind },
    );
  }
}

/** Adds the charged applications of a pending payment and reserves them on the invoices. */
async function reserveOnInvoices(
  trx: Trx,
  now: Date,
  payment: PaymentRow,
  charged: InvoiceAmount[],
): Promise<void> {
  if (charged.length === 0) return;
  await trx
    .insertInto('payment_application')
    .values(
      charged.map((line) => ({
        payment_id: payment.id,
        invoice_id: line.invoice,
        amount: line.amount,
        created_at: now,
      })),
    )
    .execute();

  const scope = { vendorId: payment.vendor_id, livemode: payment.livemode, createdAt: now };
  for (const line of charged) {
    await trx
      .updateTable('invoice')
      .set({ amount_pending: sql`amount_pending + ${line.amount}`, updated_at: now })
      .where('id', '=', line.invoice)
      .execute();
    await recordEvent(trx, {
      ...scope,
      type: 'invoice.payment_pending',
      objectId: line.invoice,
      data: { invoice: line.invoice, payment: payment.id, amount: line.amount },
    });
  }
}
