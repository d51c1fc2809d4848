import { type CreateInvoiceRequest, type Invoice, MAX_AMOUNT, plainDateIn } from '@duly/core';
import type { Clock } from '../clock.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { isUniqueViolation } from '../http/database-errors.js';
import { newId } from '../ids.js';
import {
  toInvoice,
  toInvoiceCredit,
  toInvoiceLine,
  toInvoicePayment,
  toInvoiceTaxes,
} from './invoice-object.js';
import {
  findInvoice,
  findIssuingSubscription,
  hasLivePayments,
  type InvoiceRow,
  insertInvoice,
  invoiceNumberExists,
  listInvoiceCredits,
  listInvoiceLines,
  listInvoicePayments,
  listInvoiceTaxes,
  lockInvoice,
} from './invoice-repository.js';

/** A tenant with the time zone that decides its "today". */
export interface ZonedTenant extends Tenant {
  timeZone: string;
}

/** The tenant's calendar date now, by the clock, in the vendor's time zone. */
export function todayFor(clock: Clock, tenant: ZonedTenant): string {
  return plainDateIn(clock.now(), tenant.timeZone);
}

function invoiceNumberTaken(number: string): ApiError {
  return new ApiError(
    'invoice_number_exists',
    `An invoice numbered "${number}" already exists; invoice numbers are unique per vendor.`,
    { param: 'number' },
  );
}

/** Throws `invoice_not_found` for `invoiceId`, the answer for unknown and foreign ids alike. */
export function invoiceNotFound(invoiceId: string, param?: string): ApiError {
  return new ApiError('invoice_not_found', `No invoice with id ${invoiceId} exists.`, {
    ...(param === undefined ? {} : { param }),
  });
}

/**
 * Prices the lines and taxes exactly (BigInt: a quantity times a unit amount can pass 2^53)
 * and checks that each line and the running total stay within `MAX_AMOUNT`. The subtotal
 * is the sum of the lines, and the total is the subtotal plus the taxes.
 */
function priceInvoice(request: CreateInvoiceRequest) {
  let total = 0n;
  const addToTotal = (amount: bigint, param: string, place: string) => {
    total += amount;
    if (amount > BigInt(MAX_AMOUNT) || total > BigInt(MAX_AMOUNT)) {
      throw new ApiError(
        'amount_too_large',
        `The invoice total would pass the maximum of ${MAX_AMOUNT} minor units at ${place}.`,
        { param },
      );
    }
  };

  const lines = request.lines.map((line, index) => {
    const amount = BigInt(line.quantity) * BigInt(line.unit_amount);
    addToTotal(amount, `lines[${index}].unit_amount`, `line ${index}`);
    return {
      position: index,
      description: line.description,
      quantity: line.quantity,
      unit_amount: line.unit_amount,
      amount: Number(amount),
    };
  });
  const subtotal = Number(total);

  const taxes = (request.taxes ?? []).map((tax, index) => {
    addToTotal(BigInt(tax.amount), `taxes[${index}].amount`, `tax ${index}`);
    return { position: index, description: tax.description, amount: tax.amount };
  });
  return { lines, subtotal, taxes, total: Number(total) };
}

/**
 * Creates an invoice with its lines and taxes. The total is the sum of the lines plus the
 * taxes. An open invoice whose total is zero has nothing to pay, so it is created paid.
 */
export async function createInvoice(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  request: CreateInvoiceRequest,
): Promise<Invoice> {
  if (request.due_date < request.issue_date) {
    throw new ApiError(
      'validation_failed',
      `due_date ${request.due_date} is before issue_date ${request.issue_date}; an invoice cannot fall due before it is issued.`,
      { param: 'due_date' },
    );
  }
  const { lines, subtotal, taxes, total } = priceInvoice(request);
  await findCustomerOrThrow(db, tenant, request.customer, 'customer');
  if (await invoiceNumberExists(db, tenant, request.number)) {
    throw invoiceNumberTaken(request.number);
  }

  const now = clock.now();
  const paidOnCreation = request.status === 'open' && total === 0;
  const row: InvoiceRow = {
    id: newId('inv'),
    vendor_id: tenant.vendorId,
    livemode: tenant.livemode,
    customer_id: request.customer,
    number: request.number,
    status: paidOnCreation ? 'paid' : request.status,
    currency: request.currency,
    total: String(total),
    amount_due: String(total),
    amount_pending: '0',
    issue_date: request.issue_date,
    due_date: request.due_date,
    disputed: false,
    payment_notice_id: null,
    metadata: request.metadata ?? {},
    paid_at: paidOnCreation ? now : null,
    voided_at: null,
    created_at: now,
    updated_at: now,
  };
  const invoice = toInvoice(row, todayFor(clock, tenant));
  invoice.lines = lines.map(({ description, quantity, unit_amount, amount }) => ({
    description,
    quantity,
    unit_amount,
    amount,
  }));
  invoice.subtotal = subtotal;
  invoice.taxes = taxes.map(({ description, amount }) => ({ description, amount }));

  try {
    await db.transaction().execute(async (trx) => {
      await insertInvoice(trx, row, lines, taxes);
      await recordEvent(trx, {
        ...tenant,
        type: 'invoice.created',
        objectId: row.id,
        data: invoice,
        createdAt: now,
      });
    });
  } catch (error) {
    // Two requests with the same number can both pass the check above; the unique
    // constraint decides, and the loser gets the same answer as a later request.
    if (isUniqueViolation(error)) throw invoiceNumberTaken(request.number);
    throw error;
  }
  invoice.payments = [];
  invoice.credits = [];
  invoice.subscription = null;
  return invoice;
}

/**
 * Reads an invoice with its lines, subtotal, taxes, applied payments and credit notes, and
 * its pending payment notice. With `customerId`, an invoice of another customer is not
 * found, exactly like an unknown id.
 */
export async function retrieveInvoice(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  invoiceId: string,
  customerId?: string,
): Promise<Invoice> {
  const row = await findInvoice(db, tenant, invoiceId, customerId);
  if (row === undefined) throw invoiceNotFound(invoiceId);

  const [lines, taxes, payments, credits, subscription] = await Promise.all([
    listInvoiceLines(db, row.id),
    listInvoiceTaxes(db, row.id),
    listInvoicePayments(db, row.id),
    listInvoiceCredits(db, row.id),
    findIssuingSubscription(db, row.id),
  ]);
  return {
    ...toInvoice(row, todayFor(clock, tenant)),
    lines: lines.map(toInvoiceLine),
    payments: payments.map(toInvoicePayment),
    credits: credits.map(toInvoiceCredit),
    ...toInvoiceTaxes(lines, taxes),
    subscription: subscription ?? null,
  };
}

/**
 * Voids a draft or open invoice. Throws `invoice_not_open` for any other status and
 * `invoice_has_payments` when a pending or succeeded payment is applied to it.
 */
export async function voidInvoice(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  invoiceId: string,
): Promise<Invoice> {
  const now = clock.now();
  const row = await db.transaction().execute(async (trx) => {
    const locked = await lockInvoice(trx, tenant, invoiceId);
    if (locked === undefined) throw invoiceNotFound(invoiceId);
    if (locked.status !== 'draft' && locked.status !== 'open') {
      throw new ApiError(
        'invoice_not_open',
        `Invoice ${invoiceId} is ${locked.status}; only draft and open invoices can be voided.`,
      );
    }
    if (await hasLivePayments(trx, invoiceId)) {
      throw new ApiError(
        'invoice_has_payments',
        `Invoice ${invoiceId} has payments applied; refund them before voiding the invoice.`,
      );
    }

    const voided = await trx
      .updateTable('invoice')
      .set({ status: 'void', voided_at: now, updated_at: now })
      .where('id', '=', invoiceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      ...tenant,
      type: 'invoice.voided',
      objectId: invoiceId,
      data: toInvoice(voided, todayFor(clock, tenant)),
      createdAt: now,
    });
    return voided;
  });
  return toInvoice(row, todayFor(clock, tenant));
}
