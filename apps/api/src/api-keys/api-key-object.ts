import type { ApiKey } from '@duly/core';
import type { ApiKeyRow } from './api-key-repository.js';

/** Returns whether the key authenticates at `now`: not revoked, and its grace period not over. */
export function isKeyUsable(
  key: { revoked_at: Date | null; expires_at: Date | null },
  now: Date,
): boolean {
  if (key.revoked_at !== null) return false;
  return key.expires_at === null || key.expires_at.getTime() > now.getTime();
}

/** Maps a key row to the API object, with its status at `now`; never the secret. */
export function toApiKey(row: ApiKeyRow, now: Date): ApiKey {
  let status: ApiKey['status'] = 'active';
  if (row.revoked_at !== null) status = 'revoked';
  else if (!isKeyUsable(row, now)) status = 'expired';
  return {
    object: 'api_key',
    id: row.id,
    livemode: row.livemode,
    last4: row.secret_last4,
    status,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    rolled_to: row.rolled_to,
  };
}
