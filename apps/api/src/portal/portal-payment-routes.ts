import { CreatePaymentRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { readJson } from '../http/json-body.js';
import { toProblem } from '../http/problem-response.js';
import { parseInput } from '../http/validation.js';
import { readIdempotencyKey, runIdempotentOperation } from '../idempotency/index.js';
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
      const parsed = parseInput(CreatePaymentRequestSchema, body);
      // TODO(issue 4, portal-paying): pay an amount and pay all; explicit invoices for now.
      const invoices = parsed.invoices;
      if (invoices === undefined) {
        throw new ApiError('validation_failed', 'List the invoices to pay.', { param: 'invoices' });
      }
      const request = { ...parsed, invoices };
      const portal = c.get('portal');

      return runIdempotentOperation(c, deps, {
        scope: `customer:${portal.customerId}`,
        key,
        body,
        start: async () => {
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
              locale: portal.locale,
              acceptedAt: deps.clock.now(),
              ipAddress: clientAddress(c),
              userAgent: c.req.header('User-Agent') ?? 'unknown',
            };
          }
          return startPayment(deps, portal, request, origin);
        },
        finish: async (started) => {
          const payment = await chargeAndSettle(deps, started.payment, started.method);
          if (payment.status === 'failed') {
            const problem = toProblem(declineError(payment), c.get('requestId'));
            return { status: problem.status, body: problem };
          }
          return { status: 201, body: payment };
        },
        unfinishedMessage: (started) =>
          `Payment ${started.payment.id} was recorded but could not be completed; retrieve it to see its status.`,
      });
    })
    .post('/payments/:id/refresh', async (c) =>
      c.json(await refreshPayment(deps, c.get('portal'), c.req.param('id'))),
    );
}
