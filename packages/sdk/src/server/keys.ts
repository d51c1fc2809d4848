import type {
  ApiKey,
  AuditEntry,
  CustomerSessionRevocation,
  List,
  RevokeApiKeyRequest,
  RevokedPortalSession,
  RollApiKeyRequest,
  RolledApiKey,
} from '@duly/core';
import type { WriteOptions } from './duly-server.js';

// The vendor API's calls for credentials and their record: secret keys, revoking portal
// sessions, and the audit log of calls that changed something.

export interface ListApiKeysParams {
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListAuditLogParams {
  /** Only calls made with this key (`key_...`). */
  api_key?: string;
  /** Only calls that named or created this object, such as `cus_...`. */
  object?: string;
  /** Only calls to this path or below it, such as `/v1/customers`. */
  path?: string;
  /** Only calls made at or after this instant, ISO 8601 with an offset. */
  since?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

/** Secret keys of the calling key's mode. */
export interface ApiKeyCalls {
  /** Lists the keys, newest first, without their secrets. */
  list(params?: ListApiKeysParams): Promise<List<ApiKey>>;
  retrieve(id: string): Promise<ApiKey>;
  /**
   * Replaces a key (the calling key unless `key` names another) with a new one, whose
   * `secret_key` is returned this once. The old key keeps working for
   * `expires_in_seconds`: 0 by default, at most 7 days.
   */
  roll(request?: RollApiKeyRequest): Promise<RolledApiKey>;
  /**
   * Revokes a key at once. The mode's last working key is revoked only with `force: true`,
   * because nothing could call the API in that mode afterwards.
   */
  revoke(id: string, request?: RevokeApiKeyRequest): Promise<ApiKey>;
}

/** Calls of `portalSessions` that end sessions before they expire. */
export interface PortalSessionRevocationCalls {
  /** Revokes one session, so its token is rejected from the next request on. */
  revoke(id: string): Promise<RevokedPortalSession>;
  /** Revokes every live session of a customer, such as after a user left its company. */
  revokeAllForCustomer(customerId: string): Promise<CustomerSessionRevocation>;
}

/** The audit log: each vendor API call that changed something or was rejected trying to. */
export interface AuditLogCalls {
  /** Lists entries newest first; request bodies come with secrets redacted. */
  list(params?: ListAuditLogParams): Promise<List<AuditEntry>>;
}

type Get = <T>(path: string, query?: Record<string, string | number | undefined>) => Promise<T>;
type Post = <T>(path: string, body: unknown, options?: WriteOptions) => Promise<T>;

/** Builds the key, session revocation and audit log calls on a client's `get` and `post`. */
export function keyCalls(get: Get, post: Post) {
  const apiKeys: ApiKeyCalls = {
    list: (params = {}) => get('v1/api_keys', { limit: params.limit, cursor: params.cursor }),
    retrieve: (id) => get(`v1/api_keys/${encodeURIComponent(id)}`),
    roll: (request = {}) => post('v1/api_keys/roll', request),
    revoke: (id, request = {}) => post(`v1/api_keys/${encodeURIComponent(id)}/revoke`, request),
  };

  const portalSessions: PortalSessionRevocationCalls = {
    revoke: (id) => post(`v1/portal_sessions/${encodeURIComponent(id)}/revoke`, {}),
    revokeAllForCustomer: (customerId) =>
      post(`v1/customers/${encodeURIComponent(customerId)}/portal_sessions/revoke`, {}),
  };

  const auditLog: AuditLogCalls = {
    list: (params = {}) =>
      get('v1/audit_log', {
        api_key: params.api_key,
        object: params.object,
        path: params.path,
        since: params.since,
        limit: params.limit,
        cursor: params.cursor,
      }),
  };

  return { apiKeys, portalSessions, auditLog };
}
