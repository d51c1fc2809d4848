import type { ApiKey } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import { newId } from '../ids.js';
import { hashSecret, newSecretKey } from '../secrets.js';
import { findVendor } from '../vendors/index.js';
import { toApiKey } from './api-key-object.js';
import type { ApiKeyRow } from './api-key-repository.js';

/** Raised when a key cannot be issued, such as for an unknown vendor. */
export class ApiKeyIssueError extends Error {
  override name = 'ApiKeyIssueError';
}

/**
 * Issues a new secret key of `vendorId` in test or live mode, beside its other keys, and
 * records `api_key.created`. This is the operator's way in (the `duly` CLI): the only way
 * to a vendor's first live key, and back in after its last key was revoked with `force`.
 */
export async function issueApiKey(
  db: Db,
  clock: Clock,
  vendorId: string,
  livemode: boolean,
): Promise<ApiKey & { secret_key: string }> {
  const vendor = await findVendor(db, vendorId);
  if (vendor === undefined) {
    throw new ApiKeyIssueError(
      `No vendor with id ${vendorId} exists; create one with \`duly vendor create\`.`,
    );
  }

  const now = clock.now();
  const secretKey = newSecretKey(livemode);
  const key: ApiKeyRow = {
    id: newId('key'),
    vendor_id: vendor.id,
    livemode,
    secret_hash: hashSecret(secretKey),
    secret_last4: secretKey.slice(-4),
    created_at: now,
    revoked_at: null,
    expires_at: null,
    rolled_to: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('api_key').values(key).execute();
    await recordEvent(trx, {
      vendorId: vendor.id,
      livemode,
      type: 'api_key.created',
      objectId: key.id,
      data: { ...toApiKey(key, now) },
      createdAt: now,
    });
  });
  return { ...toApiKey(key, now), secret_key: secretKey };
}
