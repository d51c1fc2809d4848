import { CreatePaymentRequestSchema, CreateSandboxPaymentMethodRequestSchema } from '@duly/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { clientAddress } from '../http/client-address.js';
import { readJson } from '../http/json-body.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem-response.js';
import { enforceRateLimits, FixedWindowLimiter, type RateLimit } from '../http/rate-limit.js';
import { parseInput } from '../http/validation.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  type IdempotencyClaim,
  releaseIdempotencyKey,
} from '../idempotency/index.js';
import { createSandboxPaymentMethod } from '../payments/payment-method-service.js';
import {
  chargeAndSettle,
  declineError,
  type PaymentDeps,
  startPayment,
} from '../payments/payment-service.js';
import type { SandboxProvider } from '../providers/index.js';

/** Limits of the routes that create payment methods and payments. */
export interface PaymentRateLimits {
  perSession: RateLimit;
  perAddress: RateLimit;
}

/**
 * Defaults sized for people paying by hand; a script testing stolen cards needs far more.
 * NOTE: the counts live in each API process's memory, so with several processes the
 * effective limit is that many times higher.
 */
export const DEFAULT_PAYMENT_RATE_LIMITS: PaymentRateLimits = {
  perSession: { limit: 30, windowMs: 60_000 },
  perAddress: { limit: 120, windowMs: 60_000 },
};

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface PortalPaymentDeps extends PaymentDeps {
  sandbox: SandboxProvider;
  rateLimits: PaymentRateLimits;
}

/** `POST /payment_methods/sandbox` and `POST /payments` of the portal API. */
export function portalPaymentRoutes(deps: PortalPaymentDeps) {
  const sessionLimiter = new FixedWindowLimiter(deps.rateLimits.perSession);
  const addressLimiter = new FixedWindowLimiter(deps.rateLimits.perAddress);
  const limitRate = (c: Context<AppEnv>) =>
    enforceRateLimits(
      [
        { limiter: sessionLimiter, key: c.get('portal').sessionId },
        { limiter: addressLimiter, key: clientAddress(c) },
      ],
      deps.clock.now().getTime(),
    );

  return new Hono<AppEnv>()
    .post('/payment_methods/sandbox', async (c) => {
      limitRate(c);
      const request = parseInput(CreateSandboxPaymentMethodRequestSchema, await readJson(c));
      const method = await createSandboxPaymentMethod(
        deps.db,
        deps.clock,
        deps.sandbox,
        c.get('portal'),
        request,
      );
      return c.json(method, 201);
    })
    .post('/payments', async (c) => {
      limitRate(c);
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
      if (claimed.kind === 'replay') return replay(c, claimed.status, claimed.body);

      let started: Awaited<ReturnType<typeof startPayment>>;
      try {
        started = await startPayment(deps, portal, request);
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
    });
}

function readIdempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined || key === '') {
    throw new ApiError(
      'idempotency_key_missing',
      'Send an Idempotency-Key header, such as a random UUID, so that a retried payment is not made twice.',
      { param: 'Idempotency-Key' },
    );
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(
      'validation_failed',
      'The Idempotency-Key header must be 1 to 255 visible ASCII characters, such as a UUID.',
      { param: 'Idempotency-Key' },
    );
  }
  return key;
}

/** Sends the stored first response of a repeated request. */
function replay(c: Context<AppEnv>, status: number, body: unknown): Response {
  c.header('Idempotent-Replayed', 'true');
  const contentType = status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json';
  return sendJson(c, status, body, contentType);
}

function sendJson(c: Context<AppEnv>, status: number, body: unknown, contentType: string) {
  c.header('Content-Type', contentType);
  return c.body(JSON.stringify(body), status as ContentfulStatusCode);
}
