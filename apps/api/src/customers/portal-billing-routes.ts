import { UpdateBillingDetailsRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { parseInput } from '../http/validation.js';
import { readBillingDetails, replaceBillingDetails } from './customer-update.js';

/** Builds the portal's billing details routes, which read the details and replace the whole set. */
export function portalBillingRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/billing_details', async (c) => c.json(await readBillingDetails(db, c.get('portal'))))
    .put('/billing_details', async (c) => {
      const request = parseInput(UpdateBillingDetailsRequestSchema, await readJson(c));
      return c.json(await replaceBillingDetails(db, clock, c.get('portal'), request));
    });
}
