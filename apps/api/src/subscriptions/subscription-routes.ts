import {
  CancelSubscriptionRequestSchema,
  CreateSubscriptionRequestSchema,
  idSchema,
  type PortalSubscriptionOptions,
  SUBSCRIPTION_STATUSES,
  SubscriptionChangeRequestSchema,
  UpdateSubscriptionSettingsRequestSchema,
} from '@duly/core';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson, readOptionalJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE, PageQuerySchema } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { readIdempotencyKey, runIdempotentOperation } from '../idempotency/index.js';
import { runLedgerRequest, vendorScope } from '../payments/ledger-request.js';
import { toPlan } from '../plans/plan-object.js';
import { listActivePlans } from '../plans/plan-repository.js';
import {
  type ChangeCaller,
  changeSubscription,
  previewSubscriptionChange,
} from './subscription-change.js';
import {
  cancelSubscription,
  pauseSubscription,
  resumeSubscription,
  unpauseSubscription,
} from './subscription-lifecycle.js';
import {
  createSubscription,
  listSubscriptionPage,
  retrieveSubscription,
} from './subscription-service.js';
import { readSubscriptionSettings, updateSubscriptionSettings } from './subscription-settings.js';

export const ListSubscriptionsQuerySchema = z.strictObject({
  customer: idSchema('cus').optional(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  ...PAGE_QUERY_SHAPE,
});

/** An empty body, or none: the resume, pause and unpause actions take no fields. */
const NoFieldsSchema = z.strictObject({});

/**
 * Makes a change of plan or quantity once per `Idempotency-Key`, which every change needs
 * because it may issue an invoice or a credit note: a retry with the same key and body gets
 * the first response.
 */
async function runChange(
  c: Context<AppEnv>,
  deps: { db: Db; clock: Clock },
  scope: string,
  body: unknown,
  change: () => Promise<unknown>,
) {
  const key = readIdempotencyKey(c);
  return runIdempotentOperation(c, deps, {
    scope,
    key,
    body,
    start: change,
    finish: async (subscription) => ({ status: 200, body: subscription }),
    unfinishedMessage: () =>
      'The change was made but its response could not be kept; retrieve the subscription to see it.',
  });
}

/** Builds the vendor API's `/v1/subscriptions` routes, which need a secret key. */
export function subscriptionRoutes(db: Db, clock: Clock) {
  const deps = { db, clock };
  const caller: ChangeCaller = 'vendor';
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const body = await readJson(c);
      const request = parseInput(CreateSubscriptionRequestSchema, body);
      return runLedgerRequest(c, deps, {
        body,
        keyRequired: false,
        status: 201,
        change: () => createSubscription(db, clock, c.get('vendor'), request),
      });
    })
    .get('/', async (c) => {
      const query = parseInput(ListSubscriptionsQuerySchema, c.req.query());
      const page = await listSubscriptionPage(db, c.get('vendor'), {
        customerId: query.customer,
        status: query.status,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) =>
      c.json(await retrieveSubscription(db, c.get('vendor'), c.req.param('id'))),
    )
    .post('/:id/preview', async (c) => {
      const request = parseInput(SubscriptionChangeRequestSchema, await readJson(c));
      const vendor = c.get('vendor');
      return c.json(
        await previewSubscriptionChange(db, clock, vendor, c.req.param('id'), request, caller),
      );
    })
    .post('/:id/change', async (c) => {
      const body = await readJson(c);
      const request = parseInput(SubscriptionChangeRequestSchema, body);
      const vendor = c.get('vendor');
      return runChange(c, deps, vendorScope(vendor), body, () =>
        changeSubscription(db, clock, vendor, c.req.param('id'), request, caller),
      );
    })
    .post('/:id/cancel', async (c) => {
      const request = parseInput(CancelSubscriptionRequestSchema, await readJson(c));
      const vendor = c.get('vendor');
      return c.json(
        await cancelSubscription(db, clock, vendor, c.req.param('id'), request, caller),
      );
    })
    .post('/:id/resume', async (c) => {
      parseInput(NoFieldsSchema, await readOptionalJson(c));
      return c.json(await resumeSubscription(db, clock, c.get('vendor'), c.req.param('id')));
    })
    .post('/:id/pause', async (c) => {
      parseInput(NoFieldsSchema, await readOptionalJson(c));
      const vendor = c.get('vendor');
      return c.json(await pauseSubscription(db, clock, vendor, c.req.param('id'), caller));
    })
    .post('/:id/unpause', async (c) => {
      parseInput(NoFieldsSchema, await readOptionalJson(c));
      return c.json(await unpauseSubscription(db, clock, c.get('vendor'), c.req.param('id')));
    });
}

/** Builds the vendor API's `/v1/subscription_settings` routes. */
export function subscriptionSettingsRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await readSubscriptionSettings(db, c.get('vendor'))))
    .patch('/', async (c) => {
      const request = parseInput(UpdateSubscriptionSettingsRequestSchema, await readJson(c));
      return c.json(await updateSubscriptionSettings(db, clock, c.get('vendor'), request));
    });
}

/**
 * Builds the portal's subscription routes, all on the session's customer: another
 * customer's subscription is not found. The `subscriptions` feature guards them.
 */
export function portalSubscriptionRoutes(db: Db, clock: Clock) {
  const deps = { db, clock };
  const caller: ChangeCaller = 'portal';
  return new Hono<AppEnv>()
    .get('/subscriptions', async (c) => {
      const portal = c.get('portal');
      const query = parseInput(PageQuerySchema, c.req.query());
      const page = await listSubscriptionPage(db, portal, {
        customerId: portal.customerId,
        status: undefined,
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/subscriptions/:id', async (c) => {
      const portal = c.get('portal');
      return c.json(await retrieveSubscription(db, portal, c.req.param('id'), portal.customerId));
    })
    .get('/subscription_options', async (c) => {
      const portal = c.get('portal');
      const [plans, settings] = await Promise.all([
        listActivePlans(db, portal),
        readSubscriptionSettings(db, portal),
      ]);
      const options: PortalSubscriptionOptions = {
        object: 'subscription_options',
        plans: plans.map(toPlan),
        cancellation_reasons: settings.cancellation_reasons,
        pause_allowed: settings.pause_allowed,
      };
      return c.json(options);
    })
    .post('/subscriptions/:id/preview', async (c) => {
      const portal = c.get('portal');
      const request = parseInput(SubscriptionChangeRequestSchema, await readJson(c));
      const preview = await previewSubscriptionChange(
        db,
        clock,
        portal,
        c.req.param('id'),
        request,
        caller,
        portal.customerId,
      );
      return c.json(preview);
    })
    .post('/subscriptions/:id/change', async (c) => {
      const portal = c.get('portal');
      const body = await readJson(c);
      const request = parseInput(SubscriptionChangeRequestSchema, body);
      return runChange(c, deps, `customer:${portal.customerId}`, body, () =>
        changeSubscription(
          db,
          clock,
          portal,
          c.req.param('id'),
          request,
          caller,
          portal.customerId,
        ),
      );
    })
    .post('/subscriptions/:id/cancel', async (c) => {
      const portal = c.get('portal');
      const request = parseInput(CancelSubscriptionRequestSchema, await readJson(c));
      const id = c.req.param('id');
      return c.json(
        await cancelSubscription(db, clock, portal, id, request, caller, portal.customerId),
      );
    })
    .post('/subscriptions/:id/resume', async (c) => {
      const portal = c.get('portal');
      parseInput(NoFieldsSchema, await readOptionalJson(c));
      const id = c.req.param('id');
      return c.json(await resumeSubscription(db, clock, portal, id, portal.customerId));
    })
    .post('/subscriptions/:id/pause', async (c) => {
      const portal = c.get('portal');
      parseInput(NoFieldsSchema, await readOptionalJson(c));
      const id = c.req.param('id');
      return c.json(await pauseSubscription(db, clock, portal, id, caller, portal.customerId));
    })
    .post('/subscriptions/:id/unpause', async (c) => {
      const portal = c.get('portal');
      parseInput(NoFieldsSchema, await readOptionalJson(c));
      const id = c.req.param('id');
      return c.json(await unpauseSubscription(db, clock, portal, id, portal.customerId));
    });
}
