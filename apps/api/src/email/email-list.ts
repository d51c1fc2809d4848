import type { Db, EmailKind, EmailStatus } from '../db/index.js';
import type { Tenant } from '../http/app-env.js';
import {
  createdAtCursorOf,
  decodeCreatedAtCursor,
  selectNewestFirstPage,
} from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { toEmailMessage } from './email-message-repository.js';

export interface EmailPageRequest {
  invoiceId: string | undefined;
  customerId: string | undefined;
  kind: EmailKind | undefined;
  status: EmailStatus | undefined;
  limit: number;
  cursor: string | undefined;
}

/** Lists the tenant's email messages, newest first, with the request's filters. */
export async function listEmailPage(db: Db, tenant: Tenant, request: EmailPageRequest) {
  let select = db
    .selectFrom('email_message')
    .selectAll()
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode);
  if (request.invoiceId !== undefined) select = select.where('invoice_id', '=', request.invoiceId);
  if (request.customerId !== undefined) {
    select = select.where('customer_id', '=', request.customerId);
  }
  if (request.kind !== undefined) select = select.where('kind', '=', request.kind);
  if (request.status !== undefined) select = select.where('status', '=', request.status);
  const after =
    request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'eml');
  const rows = await selectNewestFirstPage(select, after, request.limit).execute();
  return toPage(rows, request.limit, toEmailMessage, createdAtCursorOf);
}
