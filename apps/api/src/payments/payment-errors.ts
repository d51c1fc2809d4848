import { ApiError } from '../http/api-error.js';

/** Builds the error for an unknown payment id, also used for another tenant's or customer's. */
export function paymentNotFound(paymentId: string): ApiError {
  return new ApiError('payment_not_found', `No payment with id ${paymentId} exists.`, {
    param: 'id',
  });
}
