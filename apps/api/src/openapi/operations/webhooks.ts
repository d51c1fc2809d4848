import {
  CreateWebhookEndpointRequestSchema,
  EventSchema,
  RollWebhookSecretRequestSchema,
  UpdateWebhookEndpointRequestSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from '@duly/core';
import { z } from 'zod';
import { PageQuerySchema } from '../../http/pagination.js';
import { ListDeliveriesQuerySchema, ListEventsQuerySchema } from '../../webhooks/webhook-routes.js';
import type { OperationArea } from '../operation.js';

const endpointId = { id: 'The webhook endpoint id, `we_…`.' };
const deliveryId = { id: 'The webhook delivery id, `whd_…`.' };

/** The body of `DELETE /v1/webhook_endpoints/{id}`. */
const DeletedWebhookEndpoint = {
  name: 'DeletedWebhookEndpoint',
  schema: z.object({
    object: z.literal('webhook_endpoint'),
    id: z.string(),
    deleted: z.literal(true),
  }),
};

/** Webhook endpoints, their deliveries, and the event log the deliveries carry. */
export const webhookArea: OperationArea = {
  tags: [
    {
      name: 'Webhooks',
      description:
        'Endpoints that receive the vendor’s events, signed with `Duly-Signature` (HMAC-SHA256 of the timestamp and the raw body) and retried with backoff until a 2xx.',
    },
    {
      name: 'Events',
      description: 'The log of what happened, which webhook deliveries carry.',
    },
  ],
  operations: [
    {
      method: 'post',
      path: '/v1/webhook_endpoints',
      operationId: 'createWebhookEndpoint',
      summary: 'Create a webhook endpoint',
      description:
        'The signing secret is in this response only. URLs are http or https without credentials, and https only in live mode.',
      tag: 'Webhooks',
      auth: 'secret_key',
      body: CreateWebhookEndpointRequestSchema,
      response: {
        status: 201,
        description: 'The new endpoint with its signing secret.',
        body: { schema: WebhookEndpointWithSecretSchema },
      },
      problems: ['webhook_url_invalid'],
    },
    {
      method: 'get',
      path: '/v1/webhook_endpoints',
      operationId: 'listWebhookEndpoints',
      summary: 'List webhook endpoints',
      tag: 'Webhooks',
      auth: 'secret_key',
      query: PageQuerySchema,
      response: {
        status: 200,
        description: 'One page of endpoints, without their secrets.',
        body: { list: WebhookEndpointSchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/webhook_endpoints/{id}',
      operationId: 'retrieveWebhookEndpoint',
      summary: 'Retrieve a webhook endpoint',
      tag: 'Webhooks',
      auth: 'secret_key',
      pathParams: endpointId,
      response: {
        status: 200,
        description: 'The endpoint, without its secret.',
        body: { schema: WebhookEndpointSchema },
      },
      problems: ['webhook_endpoint_not_found'],
    },
    {
      method: 'patch',
      path: '/v1/webhook_endpoints/{id}',
      operationId: 'updateWebhookEndpoint',
      summary: 'Update a webhook endpoint',
      description: 'Changes only the fields sent.',
      tag: 'Webhooks',
      auth: 'secret_key',
      pathParams: endpointId,
      body: UpdateWebhookEndpointRequestSchema,
      response: {
        status: 200,
        description: 'The updated endpoint.',
        body: { schema: WebhookEndpointSchema },
      },
      problems: ['webhook_endpoint_not_found', 'webhook_url_invalid'],
    },
    {
      method: 'delete',
      path: '/v1/webhook_endpoints/{id}',
      operationId: 'deleteWebhookEndpoint',
      summary: 'Delete a webhook endpoint',
      tag: 'Webhooks',
      auth: 'secret_key',
      pathParams: endpointId,
      response: {
        status: 200,
        description: 'The id of the deleted endpoint.',
        body: { schema: DeletedWebhookEndpoint },
      },
      problems: ['webhook_endpoint_not_found'],
    },
    {
      method: 'post',
      path: '/v1/webhook_endpoints/{id}/roll_secret',
      operationId: 'rollWebhookSecret',
      summary: "Roll a webhook endpoint's signing secret",
      description:
        'Returns the new secret once. The previous secret keeps signing beside it for `expires_in_seconds` (at most seven days), so receivers can switch without losing a delivery.',
      tag: 'Webhooks',
      auth: 'secret_key',
      pathParams: endpointId,
      body: RollWebhookSecretRequestSchema,
      bodyOptional: true,
      response: {
        status: 200,
        description: 'The endpoint with its new signing secret.',
        body: { schema: WebhookEndpointWithSecretSchema },
      },
      problems: ['webhook_endpoint_not_found'],
    },
    {
      method: 'get',
      path: '/v1/webhook_deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'List webhook deliveries',
      tag: 'Webhooks',
      auth: 'secret_key',
      query: ListDeliveriesQuerySchema,
      response: {
        status: 200,
        description: 'One page of deliveries with their attempts.',
        body: { list: WebhookDeliverySchema },
      },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/webhook_deliveries/{id}',
      operationId: 'retrieveWebhookDelivery',
      summary: 'Retrieve a webhook delivery',
      tag: 'Webhooks',
      auth: 'secret_key',
      pathParams: deliveryId,
      response: {
        status: 200,
        description: 'The delivery with its attempts.',
        body: { schema: WebhookDeliverySchema },
      },
      problems: ['webhook_delivery_not_found'],
    },
    {
      method: 'post',
      path: '/v1/webhook_deliveries/{id}/replay',
      operationId: 'replayWebhookDelivery',
      summary: 'Send a delivery again',
      description: 'Queues a new delivery of the same event to the same endpoint.',
      tag: 'Webhooks',
      auth: 'secret_key',
      pathParams: deliveryId,
      response: {
        status: 201,
        description: 'The new delivery.',
        body: { schema: WebhookDeliverySchema },
      },
      problems: ['webhook_delivery_not_found', 'webhook_endpoint_disabled'],
    },
    {
      method: 'get',
      path: '/v1/events',
      operationId: 'listEvents',
      summary: 'List events',
      tag: 'Events',
      auth: 'secret_key',
      query: ListEventsQuerySchema,
      response: { status: 200, description: 'One page of events.', body: { list: EventSchema } },
      problems: [],
    },
    {
      method: 'get',
      path: '/v1/events/{id}',
      operationId: 'retrieveEvent',
      summary: 'Retrieve an event',
      tag: 'Events',
      auth: 'secret_key',
      pathParams: { id: 'The event id, `evt_…`.' },
      response: { status: 200, description: 'The event.', body: { schema: EventSchema } },
      problems: ['event_not_found'],
    },
  ],
};
