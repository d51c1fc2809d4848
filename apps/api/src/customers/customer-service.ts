import type { CreateCustomerRequest, Customer } from '@duly/core';
import type { Clock } from '../clock.js';
import { type Db, toAmount } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { isUniqueViolation } from '../http/database-errors.js';
import { newId } from '../ids.js';
import { toBillingDetails } from './billing-details.js';
import { type CustomerRow, findCustomer, insertCustomer } from './customer-repository.js';

/** Maps a customer row to its API object. */
export function toCustomer(row: CustomerRow): Customer {
  return {
    object: 'customer',
    id: row.id,
    external_id: row.external_id,
    name: row.name,
    email: row.email,
    locale: row.locale,
    metadata: row.metadata,
    credit_limit:
      row.credit_limit === null || row.credit_limit_currency === null
        ? null
        : { amount: toAmount(row.credit_limit), currency: row.credit_limit_currency },
    billing_details: toBillingDetails(row.billing_details),
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
  };
}

/** Creates a customer. Throws `customer_exists` when its `external_id` is taken. */
export async function createCustomer(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: CreateCustomerRequest,
): Promise<Customer> {
  const row: CustomerRow = {
    id: newId('cus'),
    vendor_id: tenant.vendorId,
    livemode: tenant.livemode,
    external_id: request.external_id ?? null,
    name: request.name,
    email: request.email ?? null,
    locale: request.locale ?? null,
    credit_limit: null,
    credit_limit_currency: null,
    billing_details: {},
    metadata: request.metadata ?? {},
    default_payment_method_id: null,
    provider_refs: {},
    created_at: clock.now(),
  };
  const customer = toCustomer(row);

  try {
    await db.transaction().execute(async (trx) => {
      await insertCustomer(trx, row);
      await recordEvent(trx, {
        ...tenant,
        type: 'customer.created',
        objectId: row.id,
        data: customer,
        createdAt: row.created_at,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(
        'customer_exists',
        `A customer with external_id "${request.external_id}" already exists; retrieve it instead of creating it again.`,
        { param: 'external_id' },
      );
    }
    throw error;
  }
  return customer;
}

/** Finds a customer of the tenant or throws `customer_not_found` naming `param`. */
export async function findCustomerOrThrow(
  db: Db,
  tenant: Tenant,
  customerId: string,
  param?: string,
): Promise<CustomerRow> {
  const row = await findCustomer(db, tenant, customerId);
  if (row === undefined) {
    throw new ApiError('customer_not_found', `No customer with id ${customerId} exists.`, {
      ...(param === undefined ? {} : { param }),
    });
  }
  return row;
}
