import type { Context } from 'hono';
import { ApiError } from '../http/api-error.js';

/**
 * Returns the token of an `Authorization: Bearer <token>` header. Throws
 * `authentication_required` when the header is missing or uses another scheme.
 */
export function readBearerToken(c: Context, expected: string): string {
  const header = c.req.header('Authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) {
    throw new ApiError(
      'authentication_required',
      `Send ${expected} in the Authorization header: "Authorization: Bearer <${expected}>".`,
    );
  }
  return match[1];
}
