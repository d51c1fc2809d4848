import type { BillingDetails } from '@duly/core';
import type { BillingDetailsColumn } from '../db/tables.js';

/** The API object of `customer.billing_details`: every key present, null when unset. */
export function toBillingDetails(column: BillingDetailsColumn): BillingDetails {
  return {
    object: 'billing_details',
    contact_name: column.contact_name ?? null,
    email: column.email ?? null,
    phone: column.phone ?? null,
    address: column.address ?? null,
  };
}
