import { type BillingDetails, type Invoice, type PlainDate, plainDateIn } from '@duly/core';
import type { Clock } from '../clock.js';
import { toBillingDetails } from '../customers/billing-details.js';
import { findCustomer } from '../customers/customer-repository.js';
import type { Db } from '../db/index.js';
import { toAmount } from '../db/index.js';
import { describePayment } from '../documents/document-format.js';
import type { DocumentSender } from '../documents/document-heading.js';
import { receiptNumber } from '../receipts/receipt-object.js';
import { findVendor } from '../vendors/index.js';
import { invoiceNotFound, retrieveInvoice, type ZonedTenant } from './invoice-service.js';

/** A payment's part of an invoice, net of what refunds or reversals took back. */
export interface InvoiceDocumentPayment {
  payment: string;
  receiptNumber: string;
  /** The day the payment succeeded, in the vendor's time zone. */
  paidOn: PlainDate;
  method: string;
  amount: number;
}

/** A credit note's application to the invoice. */
export interface InvoiceDocumentCredit {
  creditNote: string;
  number: string;
  /** The day the credit was applied, in the vendor's time zone. */
  appliedOn: PlainDate;
  amount: number;
}

/** An invoice with everything its PDF prints beyond the API object. */
export interface InvoiceDocument {
  /** The single-invoice read of the API: lines, subtotal, taxes and payments. */
  invoice: Invoice;
  sender: DocumentSender;
  logoUrl: string | null;
  timeZone: string;
  customer: {
    name: string;
    email: string | null;
    locale: string | null;
    billingDetails: BillingDetails;
  };
  /** Succeeded payments that still count on the invoice, oldest first. */
  payments: InvoiceDocumentPayment[];
  /** Credit note applications, oldest first. */
  credits: InvoiceDocumentCredit[];
}

/**
 * Loads an invoice of the tenant for its PDF, or of one customer when `customerId` is given:
 * then a draft is not found either, because customers never see drafts. Throws
 * `invoice_not_found` for an unknown id and for another customer's invoice alike.
 */
export async function loadInvoiceDocument(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  invoiceId: string,
  customerId?: string,
): Promise<InvoiceDocument> {
  const invoice = await retrieveInvoice(db, clock, tenant, invoiceId, customerId);
  if (customerId !== undefined && invoice.status === 'draft') throw invoiceNotFound(invoiceId);

  const [vendor, customer, payments] = await Promise.all([
    findVendor(db, tenant.vendorId),
    findCustomer(db, tenant, invoice.customer),
    listNetPayments(db, invoice.id),
  ]);
  if (vendor === undefined || customer === undefined) {
    throw new Error(`Invoice ${invoice.id} names a vendor or customer that does not exist.`);
  }

  return {
    invoice,
    sender: { name: vendor.name, addressLines: vendor.address_lines, email: vendor.email },
    logoUrl: vendor.logo_url,
    timeZone: vendor.time_zone,
    customer: {
      name: customer.name,
      email: customer.email,
      locale: customer.locale,
      billingDetails: toBillingDetails(customer.billing_details),
    },
    payments: payments.map((row) => ({
      payment: row.payment_id,
      receiptNumber: receiptNumber(row.payment_id),
      paidOn: plainDateIn(row.succeeded_at as Date, vendor.time_zone),
      method: describePayment(row),
      amount: toAmount(row.amount) - toAmount(row.amount_reversed),
    })),
    credits: (invoice.credits ?? []).map((credit) => ({
      creditNote: credit.credit_note,
      number: credit.number,
      appliedOn: plainDateIn(new Date(credit.created_at), vendor.time_zone),
      amount: credit.amount,
    })),
  };
}

/**
 * Lists the applications to an invoice of payments that succeeded and still count on it:
 * `amount_due` is the total less exactly these (and credits), so the PDF adds up.
 */
async function listNetPayments(db: Db, invoiceId: string) {
  const rows = await db
    .selectFrom('payment_application')
    .innerJoin('payment', 'payment.id', 'payment_application.payment_id')
    .leftJoin('payment_method', 'payment_method.id', 'payment.payment_method_id')
    .select([
      'payment_application.payment_id',
      'payment_application.amount',
      'payment_application.amount_reversed',
      'payment.succeeded_at',
      'payment.source',
      'payment.method_type',
      'payment.method_brand',
      'payment.method_last4',
      'payment.offline_method',
      'payment.offline_reference',
      'payment_method.bank_name',
    ])
    .where('payment_application.invoice_id', '=', invoiceId)
    .where('payment.succeeded_at', 'is not', null)
    .orderBy('payment.succeeded_at')
    .orderBy('payment_application.id')
    .execute();
  return rows.filter((row) => toAmount(row.amount) > toAmount(row.amount_reversed));
}
