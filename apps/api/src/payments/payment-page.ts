import type { PaymentStatus } from '@duly/core';
import type { Db } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { toPayment } from './payment-object.js';
import { listApplications, listPayments } from './payment-repository.js';

/** A request for one page of payments, as the list routes' query strings carry it. */
export interface PaymentPageRequest {
  customerId: string | undefined;
  status: PaymentStatus | undefined;
  limit: number;
  /** The `next_cursor` of the previous page, or undefined for the first page. */
  cursor: string | undefined;
}

/**
 * Lists one page of the tenant's payments, newest first, as API objects with the next
 * page's cursor. Throws `invalid_cursor` for a cursor that no payment list returned.
 */
export async function listPaymentPage(db: Db, tenant: Tenant, request: PaymentPageRequest) {
  const rows = await listPayments(db, tenant, {
    customerId: request.customerId,
    status: request.status,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'pay'),
  });
  const applications = await listApplications(
    db,
    rows.map((row) => row.id),
  );
  return toPage(rows, request.limit, (row) => toPayment(row, applications), createdAtCursorOf);
}
