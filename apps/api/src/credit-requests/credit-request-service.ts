import {
  type CreateCreditRequestRequest,
  type CreditRequest,
  formatDecimalAmount,
  formatMoney,
} from '@duly/core';
import type { Clock } from '../clock.js';
import { lockCustomer } from '../customers/customer-repository.js';
import { applyCustomerChange } from '../customers/customer-update.js';
import { type Db, type Trx, toAmount } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { PortalAuth, Tenant } from '../http/app-env.js';
import { isUniqueViolation } from '../http/database-errors.js';
import { newId } from '../ids.js';
import { toCreditRequest } from './credit-request-object.js';
import {
  type CreditRequestRow,
  findCreditRequest,
  findPendingCreditRequest,
  insertCreditRequest,
  lockCreditRequest,
  markCreditRequestDecided,
} from './credit-request-repository.js';

/** The vendor's decision on a pending credit request. */
export type CreditDecision =
  | { status: 'approved'; amount?: number | undefined; note?: string | undefined }
  | { status: 'declined'; note?: string | undefined };

function creditRequestPending(pending: CreditRequestRow | undefined): ApiError {
  const subject = pending === undefined ? 'A request' : `Request ${pending.id}`;
  return new ApiError(
    'credit_request_pending',
    `${subject} for a higher credit limit is still waiting for the vendor's decision; wait for it before asking again.`,
  );
}

/**
 * Asks the vendor for a higher credit limit for the portal session's customer. The
 * currency defaults to the current limit's, and must match it when the customer has a
 * limit. The amount must be above the current limit. One request may wait at a time.
 */
export async function createCreditRequest(
  db: Db,
  clock: Clock,
  portal: PortalAuth,
  request: CreateCreditRequestRequest,
): Promise<CreditRequest> {
  const now = clock.now();

  try {
    return await db.transaction().execute(async (trx) => {
      // The customer's lock orders this request with decisions and other requests.
      const customer = await lockCustomer(trx, portal, portal.customerId);
      if (customer === undefined) {
        throw new ApiError(
          'customer_not_found',
          `No customer with id ${portal.customerId} exists.`,
        );
      }
      const limitCurrency = customer.credit_limit_currency;
      const currency = request.currency ?? limitCurrency;
      if (currency === null) {
        throw new ApiError(
          'credit_limit_currency_required',
          'There is no credit limit yet, so currency must say which currency the limit is for, such as USD.',
          { param: 'currency' },
        );
      }
      if (limitCurrency !== null && currency !== limitCurrency) {
        throw new ApiError(
          'currency_mismatch',
          `The credit limit is in ${limitCurrency}; ask for a higher limit in ${limitCurrency}, or leave currency out.`,
          { param: 'currency' },
        );
      }
      if (customer.credit_limit !== null && request.amount <= toAmount(customer.credit_limit)) {
        const current = formatMoney(toAmount(customer.credit_limit), currency, portal.locale);
        throw new ApiError(
          'validation_failed',
          `amount must be more than the current credit limit of ${current}.`,
          { param: 'amount' },
        );
      }
      const pending = await findPendingCreditRequest(trx, customer.id);
      if (pending !== undefined) throw creditRequestPending(pending);

      const row: CreditRequestRow = {
        id: newId('crq'),
        vendor_id: portal.vendorId,
        livemode: portal.livemode,
        customer_id: customer.id,
        currency,
        amount: String(request.amount),
        reason: request.reason,
        status: 'pending',
        amount_approved: null,
        decision_note: null,
        created_at: now,
        decided_at: null,
      };
      await insertCreditRequest(trx, row);
      const created = toCreditRequest(row);
      await recordCreditRequestEvent(trx, row, 'credit_request.created', created, now);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'credit_request_pending')) throw creditRequestPending(undefined);
    throw error;
  }
}

/** Builds the `credit_request_not_found` error for `requestId`. */
function creditRequestNotFound(requestId: string): ApiError {
  return new ApiError('credit_request_not_found', `No credit request with id ${requestId} exists.`);
}

/** Retrieves a credit request of the tenant or throws `credit_request_not_found`. */
export async function retrieveCreditRequest(
  db: Db,
  tenant: Tenant,
  requestId: string,
): Promise<CreditRequest> {
  const row = await findCreditRequest(db, tenant, requestId);
  if (row === undefined) throw creditRequestNotFound(requestId);
  return toCreditRequest(row);
}

/**
 * Records the vendor's decision on a pending credit request. Approval sets the customer's
 * credit limit to the amount approved (the amount asked for when left out) in the
 * request's currency, in the same transaction. Throws `credit_request_not_pending` when the
 * request was already decided.
 */
export async function decideCreditRequest(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  requestId: string,
  decision: CreditDecision,
): Promise<CreditRequest> {
  const found = await findCreditRequest(db, tenant, requestId);
  if (found === undefined) throw creditRequestNotFound(requestId);
  const now = clock.now();

  return db.transaction().execute(async (trx) => {
    // The customer first, then the request: the order that creating a request takes.
    const customer = await lockCustomer(trx, tenant, found.customer_id);
    const request = await lockCreditRequest(trx, found.id);
    if (customer === undefined) throw creditRequestNotFound(requestId);
    if (request.status !== 'pending') {
      throw new ApiError(
        'credit_request_not_pending',
        `Credit request ${request.id} was already ${request.status} on ${request.decided_at?.toISOString()}; a decision cannot be changed. Set the limit with PATCH /v1/customers/${request.customer_id} instead.`,
      );
    }

    const amountApproved =
      decision.status === 'approved' ? (decision.amount ?? toAmount(request.amount)) : null;
    const currentLimit =
      customer.credit_limit === null || customer.credit_limit_currency !== request.currency
        ? null
        : toAmount(customer.credit_limit);
    // Approving grants more credit; a lower limit is a change the vendor makes with PATCH.
    if (amountApproved !== null && currentLimit !== null && amountApproved <= currentLimit) {
      const money = (amount: number) =>
        `${formatDecimalAmount(amount, request.currency)} ${request.currency}`;
      throw new ApiError(
        'validation_failed',
        `The amount approved, ${money(amountApproved)}, is not above the current limit of ${money(currentLimit)}; approve more than ${money(currentLimit)}, or decline the request.`,
        { param: 'amount' },
      );
    }
    const decided = await markCreditRequestDecided(trx, request.id, {
      status: decision.status,
      amountApproved,
      note: decision.note ?? null,
      decidedAt: now,
    });
    if (amountApproved !== null) {
      await applyCustomerChange(
        trx,
        customer,
        {
          creditLimit: { amount: amountApproved, currency: request.currency },
          creditRequestId: request.id,
        },
        now,
      );
    }

    const result = toCreditRequest(decided);
    const type =
      decision.status === 'approved' ? 'credit_request.approved' : 'credit_request.declined';
    await recordCreditRequestEvent(trx, decided, type, result, now);
    return result;
  });
}

async function recordCreditRequestEvent(
  trx: Trx,
  row: CreditRequestRow,
  type: 'credit_request.created' | 'credit_request.approved' | 'credit_request.declined',
  data: CreditRequest,
  now: Date,
): Promise<void> {
  await recordEvent(trx, {
    ...eventScope(row, now),
    type,
    objectId: row.id,
    data: data as unknown as Record<string, unknown>,
  });
}
