import type { PlainDate, Statement } from '@duly/core';
import type { Clock } from '../clock.js';
import { toBillingDetails } from '../customers/billing-details.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import type { Db } from '../db/index.js';
import type { DocumentRecipient, DocumentSender } from '../documents/document-heading.js';
import { ApiError } from '../http/api-error.js';
import { todayFor, type ZonedTenant } from '../invoices/invoice-service.js';
import { findVendor } from '../vendors/index.js';
import { buildStatementSections } from './statement-builder.js';
import { readStatementLedger } from './statement-repository.js';

/** Who reads the statement, which decides where its receipt links point. */
export type StatementAudience = 'portal' | 'vendor';

/** A statement with what its PDF and CSV print beyond the API object. */
export interface StatementDocument {
  statement: Statement;
  sender: DocumentSender;
  logoUrl: string | null;
  recipient: DocumentRecipient & { externalId: string | null; locale: string | null };
  livemode: boolean;
}

const RECEIPT_URLS: Record<StatementAudience, (paymentId: string) => string> = {
  portal: (paymentId) => `/v1/portal/payments/${paymentId}/receipt`,
  vendor: (paymentId) => `/v1/payments/${paymentId}/receipt`,
};

/**
 * Builds the open-item statement of a customer of the tenant as of `asOf`, the vendor's
 * today when left out. Throws `customer_not_found` for an unknown or foreign customer and
 * `invalid_parameter` (param `as_of`) for a date after the vendor's today, which has no
 * ledger yet.
 */
export async function loadStatement(
  db: Db,
  clock: Clock,
  tenant: ZonedTenant,
  customerId: string,
  asOf: PlainDate | undefined,
  audience: StatementAudience,
): Promise<StatementDocument> {
  const today = todayFor(clock, tenant);
  const date = asOf ?? today;
  if (date > today) {
    throw new ApiError(
      'invalid_parameter',
      `as_of ${date} is after today, ${today}, in the vendor's time zone (${tenant.timeZone}); ` +
        'a statement can be dated today or earlier.',
      { param: 'as_of' },
    );
  }

  const customer = await findCustomerOrThrow(db, tenant, customerId);
  const [vendor, ledger] = await Promise.all([
    findVendor(db, tenant.vendorId),
    readStatementLedger(db, tenant, customer.id, date),
  ]);
  if (vendor === undefined) throw new Error(`Vendor ${tenant.vendorId} does not exist.`);

  const sections = buildStatementSections(ledger, {
    asOf: date,
    timeZone: tenant.timeZone,
    receiptUrl: RECEIPT_URLS[audience],
  });
  return {
    statement: {
      object: 'statement',
      customer: { id: customer.id, name: customer.name, external_id: customer.external_id },
      vendor: { name: vendor.name },
      as_of: date,
      sections,
      generated_at: clock.now().toISOString(),
    },
    sender: { name: vendor.name, addressLines: vendor.address_lines, email: vendor.email },
    logoUrl: vendor.logo_url,
    recipient: {
      name: customer.name,
      email: customer.email,
      billingDetails: toBillingDetails(customer.billing_details),
      externalId: customer.external_id,
      locale: customer.locale,
    },
    livemode: tenant.livemode,
  };
}
