import { CreatePaymentRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { readJson } from '../http/json-body.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem-response.js';
import { parseInput } from '../http/validation.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  type IdempotencyClaim,
  readIdempotencyKey,
  releaseIdempotencyKey,
  replayResponse,
  sendJson,
} from '../idempotency/index.js';
import { cancelAbandonedPayments } from '../payments/abandoned-payments.js';
import { refreshPayment } from '../payments/payment-refresh.js';
import {
  chargeAndSettle,
  declineError,
  type PaymentDeps,
  startPayment,
} from '../payments/payment-service.js';
import type { PaymentOrigin } from '../payments/reserve-payment.js';
import { findVendor } from '../vendors/index.js';

/** `POST /payments` and `POST /payments/:id/refresh` of the portal API. */
export function portalPaymentRoutes(deps: PaymentDeps) {
  return new Hono<AppEnv>()
    .post('/payments', async (c) => {
      const key = readIdempotencyKey(c);
      const body = await readJson(c);
      const request = parseInput(CreatePaymentRequestSchema, body);
      const portal = c.get('portal');
      const claim: IdempotencyClaim = {
        scope: `customer:${portal.customerId}`,
        key,
        requestHash: hashRequest(c.req.method, c.req.path, body),
      };

      const claimed = await claimIdempotencyKey(deps.db, deps.clock, claim);
      if (claimed.kind === 'replay') return replayResponse(c, claimed.status, claimed.body);

      let started: Awaited<ReturnType<typeof startPayment>>;
      try {
        await cancelAbandonedPayments(
          deps,
          portal,
          request.invoices.map((line) => line.invoice),
        );
        const origin: PaymentOrigin = { source: 'portal', mandateId: null };
        if (request.mandate?.accepted) {
          const vendor = await findVendor(deps.db, portal.vendorId);
          origin.newMandate = {
            kind: 'one_off',
            vendorName: vendor?.name ?? 'the vendor',
            acceptedAt: deps.clock.now(),
            ipAddress: clientAddress(c),
            userAgent: c.req.header('User-Agent') ?? 'unknown',
          };
        }
        started = await startPayment(deps, portal, request, origin);
      } catch (error) {
        // Nothing changed: the client may fix the request and retry with the same key.
        await releaseIdempotencyKey(deps.db, claim);
        throw error;
      }

      // From here a payment exists, so the key keeps whatever the response is.
      try {
        const payment = await chargeAndSettle(deps, started.payment, started.method);
        if (payment.status === 'failed') {
          const problem = toProblem(declineError(payment), c.get('requestId'));
          await completeIdempotencyKey(deps.db, claim, problem.status, problem);
          return sendJson(c, problem.status, problem, PROBLEM_CONTENT_TYPE);
        }
        await completeIdempotencyKey(deps.db, claim, 201, payment);
        return c.json(payment, 201);
      } catch (error) {
        const internal = new ApiError(
          'internal_error',
          `Payment ${started.payment.id} was recorded but could not be completed; retrieve it to see its status.`,
        );
        await completeIdempotencyKey(deps.db, claim, 500, toProblem(internal, c.get('requestId')));
        throw error;
      }
    })
    .post('/payments/:id/refresh', async (c) =>
      c.json(await refreshPayment(deps, c.get('portal'), c.req.param('id'))),
    );
}
