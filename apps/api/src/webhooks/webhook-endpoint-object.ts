import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@duly/core';
import type { Selectable } from 'kysely';
import type { WebhookEndpointTable } from '../db/index.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;

/** Maps an endpoint row to the API object, which never shows the secret. */
export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    object: 'webhook_endpoint',
    id: row.id,
    url: row.url,
    description: row.description,
    enabled_events: row.enabled_events,
    status: row.status,
    livemode: row.livemode,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Maps an endpoint row with its current secret, for the responses to create and roll. */
export function toWebhookEndpointWithSecret(row: WebhookEndpointRow): WebhookEndpointWithSecret {
  return { ...toWebhookEndpoint(row), secret: row.secret };
}
