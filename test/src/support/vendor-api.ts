import type { Stack } from './stack.js';

/** A response of the vendor API: its status and parsed JSON body. */
export interface VendorResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Refunds a payment through the vendor API (`POST /v1/payments/:id/refunds`) with the
 * vendor's secret key. `amount` is in minor units, and the whole unrefunded rest when left out.
 */
export function refundPayment(
  stack: Stack,
  paymentId: string,
  request: { amount?: number },
  idempotencyKey: string,
): Promise<VendorResponse> {
  return vendorCall(stack, 'POST', `/v1/payments/${paymentId}/refunds`, request, {
    'Idempotency-Key': idempotencyKey,
  });
}

/** Sends one vendor API request with the vendor's secret key and returns status and JSON body. */
export async function vendorCall<T = Record<string, unknown>>(
  stack: Stack,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${stack.secretKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
