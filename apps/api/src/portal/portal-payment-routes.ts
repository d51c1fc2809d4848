import { CreatePaymentRequestSchema } from '@duly/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem-response.js';
import { parseInput } from '../http/validation.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  type IdempotencyClaim,
  releaseIdempotencyKey,
} from '../idempotency/index.js';
import {
  chargeAndSettle,
  declineError,
  type PaymentDeps,
  startPayment,
} from '../payments/payment-service.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** `POST /payments` of the portal API. */
export function portalPaymentRoutes(deps: PaymentDeps) {
  return new Hono<AppEnv>().post('/payments', async (c) => {
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
