import type { ApiKey, RevokeApiKeyRequest, RollApiKeyRequest, RolledApiKey } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { VendorAuth } from '../http/app-env.js';
import { newId } from '../ids.js';
import { hashSecret, newSecretKey } from '../secrets.js';
import { isKeyUsable, toApiKey } from './api-key-object.js';
import {
  type ApiKeyRow,
  insertKey,
  lockTenantKeys,
  markKeyRevoked,
  markKeyRolled,
} from './api-key-repository.js';

/**
 * Replaces a secret key with a new one of the same mode. The old key keeps working for
 * `expires_in_seconds` (0 by default, so it stops at once) and then is refused. The new
 * secret is returned this once; only its hash is stored.
 */
export async function rollApiKey(
  db: Db,
  clock: Clock,
  vendor: VendorAuth,
  request: RollApiKeyRequest,
): Promise<RolledApiKey> {
  const keyId = request.key ?? vendor.keyId;
  const graceSeconds = request.expires_in_seconds ?? 0;
  const now = clock.now();
  const secretKey = newSecretKey(vendor.livemode);

  return db.transaction().execute(async (trx) => {
    const keys = await lockTenantKeys(trx, vendor);
    const param = request.key === undefined ? undefined : 'key';
    const key = findTenantKeyOrThrow(keys, keyId, vendor.livemode, param);
    if (!isKeyUsable(key, now)) {
      throw new ApiError(
        'api_key_not_active',
        `Key ${keyId} is ${key.revoked_at === null ? 'expired' : 'revoked'}, so there is nothing to roll; roll a key that still works.`,
        param === undefined ? {} : { param },
      );
    }
    if (key.rolled_to !== null) {
      throw new ApiError(
        'api_key_already_rolled',
        `Key ${keyId} was already rolled to ${key.rolled_to} and stops working at ${key.expires_at?.toISOString()}; roll ${key.rolled_to} instead, or revoke ${keyId} to stop it now.`,
        param === undefined ? {} : { param },
      );
    }

    const created: ApiKeyRow = {
      id: newId('key'),
      vendor_id: vendor.vendorId,
      livemode: vendor.livemode,
      secret_hash: hashSecret(secretKey),
      secret_last4: secretKey.slice(-4),
      created_at: now,
      revoked_at: null,
      expires_at: null,
      rolled_to: null,
    };
    await insertKey(trx, created);
    const rolled = await markKeyRolled(
      trx,
      key.id,
      new Date(now.getTime() + graceSeconds * 1000),
      created.id,
    );
    await recordKeyEvent(trx, 'api_key.created', created, now);
    await recordKeyEvent(trx, 'api_key.rolled', rolled, now);

    return { ...toApiKey(created, now), secret_key: secretKey, rolled_from: toApiKey(rolled, now) };
  });
}

/**
 * Revokes a key at once. Rejects with `api_key_last_active` a revocation of the mode's
 * last working key unless `force` is true, because nothing could call the API in that mode
 * afterwards. Revoking a revoked key returns it unchanged.
 */
export async function revokeApiKey(
  db: Db,
  clock: Clock,
  vendor: VendorAuth,
  keyId: string,
  request: RevokeApiKeyRequest,
): Promise<ApiKey> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const keys = await lockTenantKeys(trx, vendor);
    const key = findTenantKeyOrThrow(keys, keyId, vendor.livemode, 'id');
    if (key.revoked_at !== null) return toApiKey(key, now);

    const othersUsable = keys.some((other) => other.id !== key.id && isKeyUsable(other, now));
    if (isKeyUsable(key, now) && !othersUsable && request.force !== true) {
      throw new ApiError(
        'api_key_last_active',
        `Key ${keyId} is the last working ${modeName(vendor.livemode)} key, and revoking it locks that mode out of the API. Roll it instead to get a new key, or send "force": true to revoke it anyway.`,
        { param: 'force' },
      );
    }

    const revoked = await markKeyRevoked(trx, key.id, now);
    await recordKeyEvent(trx, 'api_key.revoked', revoked, now);
    return toApiKey(revoked, now);
  });
}

function findTenantKeyOrThrow(
  keys: ApiKeyRow[],
  keyId: string,
  livemode: boolean,
  param: string | undefined,
): ApiKeyRow {
  const key = keys.find((candidate) => candidate.id === keyId);
  if (key === undefined) {
    throw new ApiError(
      'api_key_not_found',
      `No ${modeName(livemode)} secret key with id ${keyId} exists; list the keys with GET /v1/api_keys.`,
      param === undefined ? {} : { param },
    );
  }
  return key;
}

async function recordKeyEvent(
  trx: Trx,
  type: 'api_key.created' | 'api_key.rolled' | 'api_key.revoked',
  key: ApiKeyRow,
  now: Date,
): Promise<void> {
  await recordEvent(trx, {
    vendorId: key.vendor_id,
    livemode: key.livemode,
    type,
    objectId: key.id,
    data: { ...toApiKey(key, now) },
    createdAt: now,
  });
}

function modeName(livemode: boolean): string {
  return livemode ? 'live-mode' : 'test-mode';
}
