import {
  CreateCreditApplicationRequestSchema,
  CreatePaymentRequestSchema,
  PaymentPreviewRequestSchema,
} from '@duly/core';
import { Hono } from 'hono';
import { applyCreditAlone } from '../credit/index.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { readJson } from '../http/json-body.js';
import { toProblem } from '../http/problem-response.js';
import { parseInput } from '../http/validation.js';
import { readIdempotencyKey, runIdempotentOperation } from '../idempotency/index.js';
import { cancelAbandonedPayments } from '../payments/abandoned-payments.js';
import type { Payer } from '../payments/payer.js';
import { previewPayment } from '../payments/payment-preview.js';
import { refreshPayment } from '../payments/payment-refresh.js';
import {
  chargeAndSettle,
  declineError,
  type PaymentDeps,
  startPayment,
} from '../payments/payment-service.js';
import {
  type PaymentTarget,
  paymentTargetOf,
  readPaymentTarget,
} from '../payments/payment-target.js';
import type { PaymentOrigin } from '../payments/reserve-payment.js';
import { findVendor } from '../vendors/index.js';

/**
 * `POST /payments`, `POST /payments/preview`, `POST /payments/:id/refresh` and
 * `POST /credit_applications` of the portal API.
 */
export function portalPaymentRoutes(deps: PaymentDeps) {
  return new Hono<AppEnv>()
    .post('/payments', async (c) => {
      const key = readIdempotencyKey(c);
      const body = await readJson(c);
      const request = parseInput(CreatePaymentRequestSchema, body);
      const target = paymentTargetOf(request);
      const portal = c.get('portal');

      return runIdempotentOperation(c, deps, {
        scope: `customer:${portal.customerId}`,
        key,
        body,
        start: async () => {
          const invoiceIds = await invoicesOfTarget(portal, target);
          if (invoiceIds.length > 0) await cancelAbandonedPayments(deps, portal, invoiceIds);
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
    .post('/payments/preview', async (c) => {
      const request = parseInput(PaymentPreviewRequestSchema, await readJson(c));
      return c.json(await previewPayment(deps, c.get('portal'), request));
    })
    .post('/payments/:id/refresh', async (c) =>
      c.json(await refreshPayment(deps, c.get('portal'), c.req.param('id'))),
    )
    .post('/credit_applications', async (c) => {
      const key = readIdempotencyKey(c);
      const body = await readJson(c);
      const request = parseInput(CreateCreditApplicationRequestSchema, body);
      const portal = c.get('portal');

      return runIdempotentOperation(c, deps, {
        scope: `customer:${portal.customerId}`,
        key,
        body,
        start: () => applyCreditAlone(deps.db, deps.clock.now(), portal, request),
        finish: async (applied) => ({ status: 201, body: applied }),
        unfinishedMessage: () =>
          'The credit was applied but the response could not be sent; list the invoices to see it.',
      });
    });

  /**
   * Returns the invoices a payment may touch, so that abandoned payments on them can be
   * canceled first: the listed ones, or the open ones an amount or pay-all can reach.
   */
  async function invoicesOfTarget(payer: Payer, target: PaymentTarget): Promise<string[]> {
    if (target.kind === 'invoices') return target.invoices.map((line) => line.invoice);
    const resolved = await readPaymentTarget(deps.db, payer, target);
    return resolved.kind === 'invoices' ? [] : resolved.open.map((invoice) => invoice.id);
  }
}
