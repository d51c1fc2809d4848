import { createMiddleware } from 'hono/factory';
import { newId } from '../ids.js';
import type { AppEnv } from './app-env.js';
import type { Logger } from './logger.js';

export const REQUEST_ID_HEADER = 'Request-Id';

/**
 * Gives every request an id (`req_...`), sends it in the `Request-Id` response header and
 * logs the request's outcome with it, so a problem document's `request_id` leads to the
 * log lines. A client's own `Request-Id` header is not trusted as the id.
 */
export function requestContext(logger: Logger) {
  return createMiddleware<AppEnv>(async function requestContext(c, next) {
    const requestId = newId('req');
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.header(REQUEST_ID_HEADER, requestId);

    await next();

    // Responses built through the context, problem documents included, already carry the
    // header set above. Setting it again on those would make @hono/node-server turn its
    // light response into a full undici Response, so only a Response that a handler
    // built itself gets it here.
    if (!c.res.headers.has(REQUEST_ID_HEADER)) c.header(REQUEST_ID_HEADER, requestId);
    logger.info('request finished', {
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round(performance.now() - started),
    });
  });
}
