import { CreatePlanRequestSchema, UpdatePlanRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { PAGE_QUERY_SHAPE } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { createPlan, listPlanPage, retrievePlan, updatePlan } from './plan-service.js';

const ListPlansQuerySchema = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
  ...PAGE_QUERY_SHAPE,
});

/** Builds the vendor API's plan routes, which need a secret key. */
export function planRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const request = parseInput(CreatePlanRequestSchema, await readJson(c));
      return c.json(await createPlan(db, clock, c.get('vendor'), request), 201);
    })
    .get('/', async (c) => {
      const query = parseInput(ListPlansQuerySchema, c.req.query());
      const page = await listPlanPage(db, c.get('vendor'), {
        active: query.active === undefined ? undefined : query.active === 'true',
        limit: query.limit,
        cursor: query.cursor,
      });
      return c.json(page);
    })
    .get('/:id', async (c) => c.json(await retrievePlan(db, c.get('vendor'), c.req.param('id'))))
    .patch('/:id', async (c) => {
      const request = parseInput(UpdatePlanRequestSchema, await readJson(c));
      return c.json(await updatePlan(db, clock, c.get('vendor'), c.req.param('id'), request));
    });
}
