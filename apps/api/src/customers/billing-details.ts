import type { BillingDetails, UpdateBillingDetailsRequest } from '@duly/core';
import type { BillingDetailsColumn } from '../db/tables.js';

/** The fields of billing details, in the order events list their changes. */
export const BILLING_DETAILS_FIELDS = ['contact_name', 'email', 'phone', 'address'] as const;
type BillingDetailsField = (typeof BILLING_DETAILS_FIELDS)[number];

/** A changed value: what it was and what it is now. */
export interface FieldChange<T = unknown> {
  from: T;
  to: T;
}

/** Returns the API object of `customer.billing_details`, every key present and null when unset. */
export function toBillingDetails(column: BillingDetailsColumn): BillingDetails {
  return {
    object: 'billing_details',
    contact_name: column.contact_name ?? null,
    email: column.email ?? null,
    phone: column.phone ?? null,
    // Rebuilt so that the keys come in the API's order rather than jsonb's.
    address:
      column.address === undefined || column.address === null
        ? null
        : {
            line1: column.address.line1,
            line2: column.address.line2,
            city: column.address.city,
            region: column.address.region,
            postal_code: column.address.postal_code,
            country: column.address.country,
          },
  };
}

/** Turns an empty or left-out text into null, as billing details store a cleared field. */
function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/**
 * Converts the fields `request` sends to their stored form: empty texts become null, and an
 * address gets every key. With `whole`, the fields left out are cleared (null) because the
 * request replaces the whole set. Without it they stay absent, so a merge keeps them.
 */
export function toBillingDetailsColumn(
  request: UpdateBillingDetailsRequest,
  whole: boolean,
): BillingDetailsColumn {
  const column: BillingDetailsColumn = {};
  const include = (field: BillingDetailsField) => whole || Object.hasOwn(request, field);

  if (include('contact_name')) column.contact_name = textOrNull(request.contact_name);
  if (include('email')) column.email = textOrNull(request.email);
  if (include('phone')) column.phone = textOrNull(request.phone);
  if (include('address')) {
    const address = request.address;
    column.address =
      address === undefined || address === null
        ? null
        : {
            line1: address.line1,
            line2: textOrNull(address.line2),
            city: address.city,
            region: textOrNull(address.region),
            postal_code: textOrNull(address.postal_code),
            country: address.country,
          };
  }
  return column;
}

/**
 * Lists the fields whose value differs between `before` and `after`, with both values.
 * Both must come from `toBillingDetails`.
 */
export function billingDetailsChanges(
  before: BillingDetails,
  after: BillingDetails,
): Partial<Record<BillingDetailsField, FieldChange>> {
  const changes: Partial<Record<BillingDetailsField, FieldChange>> = {};
  for (const field of BILLING_DETAILS_FIELDS) {
    // `toBillingDetails` builds both with their keys in one order, so equal JSON means
    // equal values.
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { from: before[field], to: after[field] };
    }
  }
  return changes;
}
