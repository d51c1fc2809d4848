import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-response.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Reads the `Idempotency-Key` header that every request moving money must carry. */
export function readIdempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined || key === '') {
    throw new ApiError(
      'idempotency_key_missing',
      'Send an Idempotency-Key header, such as a random UUID, so that a retried request does not move money twice.',
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
export function replayResponse(c: Context<AppEnv>, status: number, body: unknown): Response {
  c.header('Idempotent-Replayed', 'true');
  return sendKeptResponse(c, status, body);
}

/**
 * Sends a response as an idempotency key keeps it: a JSON body, as a problem document when
 * the status is an error. First responses and their replays both go through here.
 */
export function sendKeptResponse(c: Context<AppEnv>, status: number, body: unknown): Response {
  c.header('Content-Type', status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json');
  return c.body(JSON.stringify(body), status as ContentfulStatusCode);
}
