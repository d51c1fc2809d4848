import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * Returns the address of the connection's peer. Forwarding headers are not trusted: a client
 * could set them to spread its requests over many rate-limit keys. Requests that did not
 * come through a socket (`app.request()` in tests) share the key `unknown`.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
