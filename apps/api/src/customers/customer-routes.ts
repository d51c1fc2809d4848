import { CreateCustomerRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { parseInput } from '../http/validation.js';
import { createCustomer, findCustomerOrThrow, toCustomer } from './customer-service.js';

/** `POST /v1/customers` and `GET /v1/customers/:id`, behind a secret key. */
export function customerRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const request = parseInput(CreateCustomerRequestSchema, await readJson(c));
      const customer = await createCustomer(db, clock, c.get('vendor'), request);
      return c.json(customer, 201);
    })
    .get('/:id', async (c) => {
      const row = await findCustomerOrThrow(db, c.get('vendor'), c.req.param('id'));
      return c.json(toCustomer(row));
    });
}
