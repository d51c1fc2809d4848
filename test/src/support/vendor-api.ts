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
export async function refundPayment(
  stack: Stack,
  paymentId: string,
  request: { amount?: number },
  idempotencyKey: string,
): Promise<VendorResponse> {
  const response = await fetch(`${stack.apiUrl}/v1/payments/${paymentId}/refunds`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${stack.secretKey}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    },
    body: JSON.stringify(request),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
