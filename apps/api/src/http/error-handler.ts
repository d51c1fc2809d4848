import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-response.js';

/**
 * Turns an `ApiError` into its problem document. Anything else is a fault of the server:
 * it is logged with the request id and answered `500 internal_error` without internals.
 */
export const handleError: ErrorHandler<AppEnv> = (error, c) => {
  const apiError = toApiError(error);
  if (apiError === undefined) {
    c.get('logger').error('request failed', {
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error,
    });
    return sendProblem(
      c,
      new ApiError(
        'internal_error',
        'The server failed to handle this request. Retry later; if it persists, contact support with the request id.',
      ),
    );
  }
  return sendProblem(c, apiError);
};

/** Answers requests that match no route with `404 route_not_found`. */
export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  sendProblem(
    c,
    new ApiError(
      'route_not_found',
      `No route matches ${c.req.method} ${c.req.path}. Check the method and path; README.md and docs/payments.md list the routes.`,
    ),
  );

function toApiError(error: Error): ApiError | undefined {
  if (error instanceof ApiError) return error;
  // Hono's own middleware raises HTTPException; only a size limit reaches here today.
  if (error instanceof HTTPException && error.status === 413) {
    return new ApiError('payload_too_large', 'The request body is too large.');
  }
  return undefined;
}

/** Sends `error` as problem+json through the context, keeping headers set before it. */
export function sendProblem(c: Context<AppEnv>, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  c.header('Content-Type', PROBLEM_CONTENT_TYPE);
  const problem = toProblem(error, c.get('requestId'));
  return c.body(JSON.stringify(problem), error.status as ContentfulStatusCode);
}
