import {
  ApiKeySchema,
  AuditEntrySchema,
  CustomerSessionRevocationSchema,
  RevokeApiKeyRequestSchema,
  RevokedPortalSessionSchema,
  RollApiKeyRequestSchema,
  RolledApiKeySchema,
} from '@duly/core';
import { AuditLogQuerySchema } from '../../audit/audit-routes.js';
import { PageQuerySchema } from '../../http/pagination.js';
import type { OperationArea } from '../operation.js';

const keyId = { id: 'The key id, `key_…`.' };

/** Secret keys, revoking portal sessions, and the audit log of vendor API changes. */
export const keysAndAuditArea: OperationArea = {
  tags: [
    {
      name: 'API keys',
      description:
        'The secret keys of the calling key’s mode: rolled with a grace period, revoked at once. A key’s secret is shown only when the key is made.',
    },
    {
      name: 'Audit log',
      description:
        'Every vendor API call that changes something, accepted or rejected: key, time, method, path, status, object, the request body with secrets redacted, and the events it recorded.',
    },
  ],
  operations: [
    {
      method: 'get',
      path: '/v1/api_keys',
      operationId: 'listApiKeys',
      summary: 'List secret keys',
      tag: 'API keys',
      auth: 'secret_key',
      query: PageQuerySchema,
      response: {
        status: 200,
        description: 'One page of keys, without their secrets.',
        body: { list: ApiKeySchema },
      },
      problems: [],
    },
    {
      method: 'post',
      path: '/v1/api_keys/roll',
      operationId: 'rollApiKey',
      summary: 'Roll a secret key',
      description:
        'Makes a new key for `key`, or for the calling key when left out. The old key keeps working for `expires_in_seconds` (0 by default, at most seven days).',
      tag: 'API keys',
      auth: 'secret_key',
      body: RollApiKeyRequestSchema,
      bodyOptional: true,
      response: {
        status: 201,
        description: 'The new key with its secret, shown this once.',
        body: { schema: RolledApiKeySchema },
      },
      problems: ['api_key_not_found', 'api_key_not_active', 'api_key_already_rolled'],
    },
    {
      method: 'get',
      path: '/v1/api_keys/{id}',
      operationId: 'retrieveApiKey',
      summary: 'Retrieve a secret key',
      tag: 'API keys',
      auth: 'secret_key',
      pathParams: keyId,
      response: {
        status: 200,
        description: 'The key, without its secret.',
        body: { schema: ApiKeySchema },
      },
      problems: ['api_key_not_found'],
    },
    {
      method: 'post',
      path: '/v1/api_keys/{id}/revoke',
      operationId: 'revokeApiKey',
      summary: 'Revoke a secret key',
      description:
        'Takes effect at once. Revoking the mode’s last working key needs `force: true`, because nothing could call the API afterwards.',
      tag: 'API keys',
      auth: 'secret_key',
      pathParams: keyId,
      body: RevokeApiKeyRequestSchema,
      bodyOptional: true,
      response: {
        status: 200,
        description: 'The revoked key.',
        body: { schema: ApiKeySchema },
      },
      problems: ['api_key_not_found', 'api_key_last_active'],
    },
    {
      method: 'post',
      path: '/v1/portal_sessions/{id}/revoke',
      operationId: 'revokePortalSession',
      summary: 'Revoke a portal session',
      description: 'Takes effect at once: the next request with its token is rejected.',
      tag: 'Portal sessions',
      auth: 'secret_key',
      pathParams: { id: 'The portal session id, `ps_…`.' },
      response: {
        status: 200,
        description: 'The revoked session, without its token.',
        body: { schema: RevokedPortalSessionSchema },
      },
      problems: ['portal_session_not_found'],
    },
    {
      method: 'post',
      path: '/v1/customers/{id}/portal_sessions/revoke',
      operationId: 'revokeCustomerPortalSessions',
      summary: "Revoke all of a customer's portal sessions",
      tag: 'Portal sessions',
      auth: 'secret_key',
      pathParams: { id: 'The customer id, `cus_…`.' },
      response: {
        status: 200,
        description: 'The sessions this call revoked.',
        body: { schema: CustomerSessionRevocationSchema },
      },
      problems: ['customer_not_found'],
    },
    {
      method: 'get',
      path: '/v1/audit_log',
      operationId: 'listAuditEntries',
      summary: 'List audit log entries',
      description: 'Newest first; filter by key, object id, path prefix and time.',
      tag: 'Audit log',
      auth: 'secret_key',
      query: AuditLogQuerySchema,
      response: {
        status: 200,
        description: 'One page of audit entries.',
        body: { list: AuditEntrySchema },
      },
      problems: [],
    },
  ],
};
