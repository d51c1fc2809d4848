import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv, VendorAuth } from '../http/app-env.js';
import { readIdempotencyKey, runIdempotentOperation } from '../idempotency/index.js';

/**
 * Returns the idempotency scope of a vendor's mode rather than of one secret key, so that a
 * retry sent after the key was rolled still meets the first request.
 */
export function vendorScope(vendor: VendorAuth): string {
  return `vendor:${vendor.vendorId}:${vendor.livemode ? 'live' : 'test'}`;
}

/** A vendor request that changes the ledger in one transaction, and its response status. */
export interface LedgerRequest<T> {
  /** The request body as read, which a retry with the same key must repeat. */
  body: unknown;
  /**
   * When true, a request without `Idempotency-Key` is rejected (`idempotency_key_missing`).
   * When false, the key is optional and honoured when sent.
   */
  keyRequired: boolean;
  /** Makes the change; when it throws, nothing changed. */
  change(): Promise<T>;
  status: ContentfulStatusCode;
}

/**
 * Runs a vendor's one-step ledger change, such as recording an offline payment or applying
 * credit, once per `Idempotency-Key`: a retry with the same key and body gets the first
 * response instead of changing the ledger again.
 */
export async function runLedgerRequest<T>(
  c: Context<AppEnv>,
  deps: { db: Db; clock: Clock },
  request: LedgerRequest<T>,
): Promise<Response> {
  if (!request.keyRequired && c.req.header('Idempotency-Key') === undefined) {
    return c.json(await request.change(), request.status);
  }
  const key = readIdempotencyKey(c);
  return runIdempotentOperation(c, deps, {
    scope: vendorScope(c.get('vendor')),
    key,
    body: request.body,
    start: request.change,
    finish: async (result) => ({ status: request.status, body: result }),
    unfinishedMessage: () =>
      'The change was made but its response could not be kept; retrieve the object to see it.',
  });
}
