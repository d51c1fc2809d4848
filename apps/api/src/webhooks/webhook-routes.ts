import {
  CreateWebhookEndpointRequestSchema,
  idSchema,
  RollWebhookSecretRequestSchema,
  UpdateWebhookEndpointRequestSchema,
} from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson, readOptionalJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE, PageQuerySchema } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { listEvents, retrieveEvent } from './event-service.js';
import {
  listWebhookDeliveries,
  replayWebhookDelivery,
  retrieveWebhookDelivery,
} from './webhook-delivery-service.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookEndpoints,
  retrieveWebhookEndpoint,
  rollWebhookSecret,
  updateWebhookEndpoint,
} from './webhook-endpoint-service.js';

export const ListDeliveriesQuerySchema = z.strictObject({
  endpoint: idSchema('we').optional(),
  event: idSchema('evt').optional(),
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  ...PAGE_QUERY_SHAPE,
});

export const ListEventsQuerySchema = z.strictObject({
  type: z.string().min(1).max(100).optional(),
  object: z.string().min(1).max(100).optional(),
  ...PAGE_QUERY_SHAPE,
});

/** Builds the vendor API's `/v1/webhook_endpoints` routes, which need a secret key. */
export function webhookEndpointRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const request = parseInput(CreateWebhookEndpointRequestSchema, await readJson(c));
      return c.json(await createWebhookEndpoint(db, clock, c.get('vendor'), request), 201);
    })
    .get('/', async (c) => {
      const query = parseInput(PageQuerySchema, c.req.query());
      return c.json(await listWebhookEndpoints(db, c.get('vendor'), query));
    })
    .get('/:id', async (c) =>
      c.json(await retrieveWebhookEndpoint(db, c.get('vendor'), c.req.param('id'))),
    )
    .patch('/:id', async (c) => {
      const request = parseInput(UpdateWebhookEndpointRequestSchema, await readJson(c));
      return c.json(
        await updateWebhookEndpoint(db, clock, c.get('vendor'), c.req.param('id'), request),
      );
    })
    .delete('/:id', async (c) =>
      c.json(await deleteWebhookEndpoint(db, clock, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/roll_secret', async (c) => {
      const request = parseInput(RollWebhookSecretRequestSchema, await readOptionalJson(c));
      return c.json(
        await rollWebhookSecret(db, clock, c.get('vendor'), c.req.param('id'), request),
      );
    });
}

/** Builds the vendor API's `/v1/webhook_deliveries` routes, which need a secret key. */
export function webhookDeliveryRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(ListDeliveriesQuerySchema, c.req.query());
      return c.json(await listWebhookDeliveries(db, c.get('vendor'), query));
    })
    .get('/:id', async (c) =>
      c.json(await retrieveWebhookDelivery(db, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/replay', async (c) =>
      c.json(await replayWebhookDelivery(db, clock, c.get('vendor'), c.req.param('id')), 201),
    );
}

/** Builds the vendor API's `/v1/events` routes: the event log, which needs a secret key. */
export function eventRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(ListEventsQuerySchema, c.req.query());
      return c.json(await listEvents(db, c.get('vendor'), query));
    })
    .get('/:id', async (c) => c.json(await retrieveEvent(db, c.get('vendor'), c.req.param('id'))));
}
