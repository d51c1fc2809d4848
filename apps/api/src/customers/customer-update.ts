import {
  type BillingDetails,
  type Customer,
  MAX_AMOUNT,
  type UpdateBillingDetailsRequest,
  type UpdateCustomerRequest,
} from '@duly/core';
import type { Updateable } from 'kysely';
import type { Clock } from '../clock.js';
import { type CustomerTable, type Db, type Trx, toAmount } from '../db/index.js';
import type { BillingDetailsColumn } from '../db/tables.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth, Tenant } from '../http/app-env.js';
import {
  billingDetailsChanges,
  type FieldChange,
  toBillingDetails,
  toBillingDetailsColumn,
} from './billing-details.js';
import { type CustomerRow, lockCustomer, updateCustomerRow } from './customer-repository.js';
import { toCustomer } from './customer-service.js';

/** A credit limit: the most the customer may owe in one currency. */
export interface CreditLimitValue {
  amount: number;
  currency: string;
}

/** Changes to make to a customer. Fields left undefined stay as they are. */
export interface CustomerChange {
  name?: string;
  email?: string | null;
  locale?: string | null;
  /** The new limit, or null to remove it. */
  creditLimit?: CreditLimitValue | null;
  /** Billing details fields to replace; keys absent from it keep their stored value. */
  billingDetails?: BillingDetailsColumn;
  /** The approved credit request that sets `creditLimit`, named in the event. */
  creditRequestId?: string;
}

const PROFILE_FIELDS = ['name', 'email', 'locale'] as const;

function creditLimitOf(row: CustomerRow): CreditLimitValue | null {
  return row.credit_limit === null || row.credit_limit_currency === null
    ? null
    : { amount: toAmount(row.credit_limit), currency: row.credit_limit_currency };
}

function sameCreditLimit(a: CreditLimitValue | null, b: CreditLimitValue | null): boolean {
  return a?.amount === b?.amount && a?.currency === b?.currency;
}

/**
 * Applies `change` to `customer`, which the caller has locked in `trx`, and records one
 * event per kind of change: `customer.updated` (name, email, locale),
 * `customer.credit_limit_changed` and `customer.billing_details_updated`, each with what
 * changed from what. A change to the values already stored writes nothing. Returns the
 * customer as it is now.
 */
export async function applyCustomerChange(
  trx: Trx,
  customer: CustomerRow,
  change: CustomerChange,
  now: Date,
): Promise<CustomerRow> {
  const columns: Updateable<CustomerTable> = {};

  const profileChanges: Record<string, FieldChange> = {};
  for (const field of PROFILE_FIELDS) {
    const to = change[field];
    if (to !== undefined && to !== customer[field]) {
      profileChanges[field] = { from: customer[field], to };
    }
  }
  if (profileChanges.name !== undefined) columns.name = change.name;
  if (profileChanges.email !== undefined) columns.email = change.email;
  if (profileChanges.locale !== undefined) columns.locale = change.locale;

  const limitBefore = creditLimitOf(customer);
  const limitAfter = change.creditLimit;
  const limitChanged = limitAfter !== undefined && !sameCreditLimit(limitBefore, limitAfter);
  if (limitChanged) {
    columns.credit_limit = limitAfter?.amount ?? null;
    columns.credit_limit_currency = limitAfter?.currency ?? null;
  }

  const billingBefore = toBillingDetails(customer.billing_details);
  const billingColumn = { ...customer.billing_details, ...change.billingDetails };
  const billingChanges = billingDetailsChanges(billingBefore, toBillingDetails(billingColumn));
  if (Object.keys(billingChanges).length > 0) columns.billing_details = billingColumn;

  if (Object.keys(columns).length === 0) return customer;
  const updated = await updateCustomerRow(trx, customer.id, columns);

  const scope = { ...eventScope(customer, now), objectId: customer.id };
  if (Object.keys(profileChanges).length > 0) {
    await recordEvent(trx, {
      ...scope,
      type: 'customer.updated',
      data: { changes: profileChanges },
    });
  }
  if (limitChanged) {
    await recordEvent(trx, {
      ...scope,
      type: 'customer.credit_limit_changed',
      data: {
        from: limitBefore,
        to: limitAfter,
        credit_request: change.creditRequestId ?? null,
      },
    });
  }
  if (Object.keys(billingChanges).length > 0) {
    await recordEvent(trx, {
      ...scope,
      type: 'customer.billing_details_updated',
      data: { changes: billingChanges },
    });
  }
  return updated;
}

function customerNotFound(customerId: string): ApiError {
  return new ApiError('customer_not_found', `No customer with id ${customerId} exists.`, {
    param: 'id',
  });
}

/**
 * Updates a customer from the vendor API: fields left out stay as they are, a
 * `credit_limit` of null removes the limit, and `billing_details` replaces the fields it
 * sends (null clears one) and keeps the others.
 */
export async function updateCustomer(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  customerId: string,
  request: UpdateCustomerRequest,
): Promise<Customer> {
  if (request.credit_limit != null && request.credit_limit.amount > MAX_AMOUNT) {
    throw new ApiError(
      'amount_too_large',
      `credit_limit.amount must be at most ${MAX_AMOUNT} minor units.`,
      { param: 'credit_limit.amount' },
    );
  }
  const change: CustomerChange = {
    name: request.name,
    email: request.email,
    locale: request.locale,
    creditLimit: request.credit_limit,
    billingDetails:
      request.billing_details === undefined
        ? undefined
        : toBillingDetailsColumn(request.billing_details, false),
  };

  const row = await db.transaction().execute(async (trx) => {
    const customer = await lockCustomer(trx, tenant, customerId);
    if (customer === undefined) throw customerNotFound(customerId);
    return applyCustomerChange(trx, customer, change, clock.now());
  });
  return toCustomer(row);
}

/** Reads the billing details of the portal session's customer. */
export async function readBillingDetails(db: Db, portal: PortalAuth): Promise<BillingDetails> {
  const row = await db
    .selectFrom('customer')
    .select('billing_details')
    .where('id', '=', portal.customerId)
    .where('vendor_id', '=', portal.vendorId)
    .where('livemode', '=', portal.livemode)
    .executeTakeFirst();
  if (row === undefined) throw customerNotFound(portal.customerId);
  return toBillingDetails(row.billing_details);
}

/**
 * Replaces the billing details of the portal session's customer with `request`, the whole
 * set: a field left out or empty is cleared.
 */
export async function replaceBillingDetails(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  request: UpdateBillingDetailsRequest,
): Promise<BillingDetails> {
  const billingDetails = toBillingDetailsColumn(request, true);
  const row = await db.transaction().execute(async (trx) => {
    const customer = await lockCustomer(trx, portal, portal.customerId);
    if (customer === undefined) throw customerNotFound(portal.customerId);
    return applyCustomerChange(trx, customer, { billingDetails }, clock.now());
  });
  return toBillingDetails(row.billing_details);
}
