import type {
  CreateWebhookEndpointRequest,
  DulyEvent,
  List,
  RollWebhookSecretRequest,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@duly/core';
import type { ApiRequest } from '../http.js';

// The vendor API's calls for outgoing webhooks: endpoints, deliveries and the event log.

export interface ListWebhookEndpointsParams {
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListWebhookDeliveriesParams {
  endpoint?: string;
  event?: string;
  status?: WebhookDelivery['status'];
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface ListEventsParams {
  /** Only events of this type, such as `invoice.paid`. */
  type?: string;
  /** Only events about this object, such as an invoice's id. */
  object?: string;
  /** 1 to 100; 25 when left out. */
  limit?: number;
  cursor?: string;
}

export interface WebhookEndpointCalls {
  /**
   * Registers an endpoint. The response contains its signing secret, which is not shown
   * again, so store it.
   */
  create(request: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecret>;
  /** Lists the endpoints, newest first. */
  list(params?: ListWebhookEndpointsParams): Promise<List<WebhookEndpoint>>;
  retrieve(id: string): Promise<WebhookEndpoint>;
  /** Changes the fields sent; `status: 'disabled'` pauses deliveries. */
  update(id: string, request: UpdateWebhookEndpointRequest): Promise<WebhookEndpoint>;
  /** Removes the endpoint and its deliveries, pending ones included. */
  delete(id: string): Promise<{ object: 'webhook_endpoint'; id: string; deleted: true }>;
  /**
   * Replaces the signing secret. With `expires_in_seconds`, deliveries are signed with the
   * old secret too until then, so receivers can switch without dropping events.
   */
  rollSecret(id: string, request?: RollWebhookSecretRequest): Promise<WebhookEndpointWithSecret>;
}

export interface WebhookDeliveryCalls {
  /** Lists deliveries, newest first, each with its attempts. */
  list(params?: ListWebhookDeliveriesParams): Promise<List<WebhookDelivery>>;
  retrieve(id: string): Promise<WebhookDelivery>;
  /** Sends the delivery's event to its endpoint again, as a new delivery. */
  replay(id: string): Promise<WebhookDelivery>;
}

export interface EventCalls {
  /** Lists the event log, newest first. */
  list(params?: ListEventsParams): Promise<List<DulyEvent>>;
  retrieve(id: string): Promise<DulyEvent>;
}

type Send = <T>(request: Omit<ApiRequest, 'token'>) => Promise<T>;

/** Builds the webhook calls on the server client's authenticated `send`. */
export function webhookCalls(send: Send) {
  const path = (base: string, id: string, action = '') =>
    `${base}/${encodeURIComponent(id)}${action}`;

  const webhookEndpoints: WebhookEndpointCalls = {
    create: (request) => send({ method: 'POST', path: 'v1/webhook_endpoints', body: request }),
    list: (params = {}) =>
      send({
        method: 'GET',
        path: 'v1/webhook_endpoints',
        query: { limit: params.limit, cursor: params.cursor },
      }),
    retrieve: (id) => send({ method: 'GET', path: path('v1/webhook_endpoints', id) }),
    update: (id, request) =>
      send({ method: 'PATCH', path: path('v1/webhook_endpoints', id), body: request }),
    delete: (id) => send({ method: 'DELETE', path: path('v1/webhook_endpoints', id) }),
    rollSecret: (id, request = {}) =>
      send({
        method: 'POST',
        path: path('v1/webhook_endpoints', id, '/roll_secret'),
        body: request,
      }),
  };

  const webhookDeliveries: WebhookDeliveryCalls = {
    list: (params = {}) =>
      send({
        method: 'GET',
        path: 'v1/webhook_deliveries',
        query: {
          endpoint: params.endpoint,
          event: params.event,
          status: params.status,
          limit: params.limit,
          cursor: params.cursor,
        },
      }),
    retrieve: (id) => send({ method: 'GET', path: path('v1/webhook_deliveries', id) }),
    replay: (id) =>
      send({ method: 'POST', path: path('v1/webhook_deliveries', id, '/replay'), body: {} }),
  };

  const events: EventCalls = {
    list: (params = {}) =>
      send({
        method: 'GET',
        path: 'v1/events',
        query: {
          type: params.type,
          object: params.object,
          limit: params.limit,
          cursor: params.cursor,
        },
      }),
    retrieve: (id) => send({ method: 'GET', path: path('v1/events', id) }),
  };

  return { webhookEndpoints, webhookDeliveries, events };
}
