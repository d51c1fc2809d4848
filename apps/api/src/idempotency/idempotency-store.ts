import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';

/** How long a key and its response are kept: 24 hours. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** A key as one caller sent it, with the hash of the request it came with. */
export interface IdempotencyClaim {
  /** Whose key it is, such as `customer:cus_...`: keys of different callers never meet. */
  scope: string;
  key: string;
  requestHash: string;
}

/** The outcome of claiming a key: the request runs now, or its first response is replayed. */
export type ClaimResult = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

/** Claims are retried this often when the key they met expired or was released meanwhile. */
const CLAIM_ATTEMPTS = 3;

/**
 * Claims `claim.key` for one request. Returns `claimed` when this request is the first with
 * the key (within 24 h), and `replay` with the stored response when the same request ran
 * before. Throws `idempotency_key_reused` (422) when the key came with another request and
 * `idempotency_key_in_use` (409) while the first request with it is still running.
 */
export async function claimIdempotencyKey(
  db: Db,
  clock: Clock,
  claim: IdempotencyClaim,
): Promise<ClaimResult> {
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    const now = clock.now();
    const inserted = await db
      .insertInto('idempotency_key')
      .values({
        scope: claim.scope,
        key: claim.key,
        request_hash: claim.requestHash,
        response_status: null,
        response_body: null,
        created_at: now,
        expires_at: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
      })
      .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted !== undefined) return { kind: 'claimed' };

    const existing = await db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .executeTakeFirst();
    // Released by a request that failed before it changed anything: claim again.
    if (existing === undefined) continue;

    if (existing.expires_at.getTime() <= now.getTime()) {
      await db
        .deleteFrom('idempotency_key')
        .where('scope', '=', claim.scope)
        .where('key', '=', claim.key)
        .where('expires_at', '<=', now)
        .execute();
      continue;
    }
    if (existing.request_hash !== claim.requestHash) {
      throw new ApiError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used with another request; use a new key for a new request.',
      );
    }
    // NOTE: a process that dies mid-request leaves its claim in flight until it expires,
    // so retries with that key get 409 for up to 24 hours.
    if (existing.response_status === null) {
      throw new ApiError(
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still in progress; retry once it has finished.',
      );
    }
    return { kind: 'replay', status: existing.response_status, body: existing.response_body };
  }
  throw new ApiError(
    'idempotency_key_in_use',
    'Requests with this Idempotency-Key keep changing it; retry in a moment.',
  );
}

/** Stores the response of a claimed key, to be replayed to requests that repeat it. */
export async function completeIdempotencyKey(
  db: Db,
  claim: IdempotencyClaim,
  status: number,
  body: unknown,
): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({ response_status: status, response_body: body })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .execute();
}

/**
 * Gives up a claimed key after its request failed without changing anything, so that the
 * client may retry with the same key.
 */
export async function releaseIdempotencyKey(db: Db, claim: IdempotencyClaim): Promise<void> {
  await db
    .deleteFrom('idempotency_key')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('response_status', 'is', null)
    .execute();
}
