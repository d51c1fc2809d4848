import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './api-error.js';

/** Largest request body accepted, in bytes; the largest request, an invoice of 500 lines, fits. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Rejects bodies over `maxBytes` with `413 payload_too_large` before they are read. GET and
 * HEAD requests are let through unchecked: a Fetch `Request` with either method has no
 * body, and checking one would make `@hono/node-server` build a full `Request` just to
 * find that out.
 */
export function limitBodySize(maxBytes: number = MAX_BODY_BYTES) {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(
        'payload_too_large',
        `The request body is larger than ${maxBytes} bytes; send less data per request.`,
      );
    },
  });
  return createMiddleware(async function limitBodySize(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limit(c, next);
  });
}

/**
 * Reads the request body as JSON. Throws `unsupported_media_type` unless the content type
 * is JSON, and `malformed_json` when the text does not parse.
 */
export async function readJson(c: Context): Promise<unknown> {
  const contentType = c.req.header('Content-Type') ?? '';
  if (!isJsonMediaType(contentType)) {
    throw new ApiError(
      'unsupported_media_type',
      `The request body must be JSON sent with Content-Type: application/json${contentType ? `, not ${contentType}` : ''}.`,
    );
  }

  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw new ApiError('malformed_json', `The request body is not valid JSON${reason}.`);
  }
}

function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType);
}

/**
 * Reads the request body as JSON like `readJson`, or returns `{}` when the body is empty,
 * for actions whose fields are all optional. An empty body counts as none whatever its
 * content type, because many HTTP clients send `Content-Type: application/json` always.
 */
export async function readOptionalJson(c: Context): Promise<unknown> {
  if ((await c.req.text()).trim() === '') return {};
  return readJson(c);
}
