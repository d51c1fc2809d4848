import type { Context } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { toProblem } from '../http/problem-response.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyClaim,
  releaseIdempotencyKey,
} from './idempotency-store.js';
import { replayResponse, sendKeptResponse } from './idempotent-request.js';
import { hashRequest } from './request-hash.js';

/** A response to send and to keep for retries with the same key. */
export interface KeptResponse {
  status: number;
  body: unknown;
}

/**
 * A request that moves money in two steps, which `runIdempotentOperation` keeps apart.
 * `start` records the change in the ledger and `finish` moves the money at the provider.
 */
export interface IdempotentOperation<Started> {
  /** Owner of the key, such as `customer:cus_...`. Keys of different owners never meet. */
  scope: string;
  /** The `Idempotency-Key` header, as `readIdempotencyKey` read it. */
  key: string;
  /** The request body as read. A retry must send the same body to the same method and path. */
  body: unknown;
  /** Records the change. When it throws, nothing changed, so the key is released. */
  start(): Promise<Started>;
  /** Finishes the change that `start` recorded and returns the response. */
  finish(started: Started): Promise<KeptResponse>;
  /** Builds the message of the 500 kept for the key when `finish` throws. */
  unfinishedMessage(started: Started): string;
}

/**
 * Runs a money-moving request once per `Idempotency-Key`. It claims the key, or replays the
 * first response of the same request. When `start` fails, it releases the key, so the
 * client may fix the request and retry with it. Once `start` has recorded a change, the key
 * keeps whatever response follows, a 500 included, so a retry never moves the money twice.
 */
export async function runIdempotentOperation<Started>(
  c: Context<AppEnv>,
  deps: { db: Db; clock: Clock },
  operation: IdempotentOperation<Started>,
): Promise<Response> {
  const claim: IdempotencyClaim = {
    scope: operation.scope,
    key: operation.key,
    requestHash: hashRequest(c.req.method, c.req.path, operation.body),
  };

  const claimed = await claimIdempotencyKey(deps.db, deps.clock, claim);
  if (claimed.kind === 'replay') return replayResponse(c, claimed.status, claimed.body);

  let started: Started;
  try {
    started = await operation.start();
  } catch (error) {
    await releaseIdempotencyKey(deps.db, claim);
    throw error;
  }

  try {
    const response = await operation.finish(started);
    await completeIdempotencyKey(deps.db, claim, response.status, response.body);
    return sendKeptResponse(c, response.status, response.body);
  } catch (error) {
    const internal = new ApiError('internal_error', operation.unfinishedMessage(started));
    await completeIdempotencyKey(deps.db, claim, 500, toProblem(internal, c.get('requestId')));
    throw error;
  }
}
