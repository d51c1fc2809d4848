import { CreatePortalSessionRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { readJson } from '../http/json-body.js';
import { parseInput } from '../http/validation.js';
import { createPortalSession } from './session-service.js';

/** `POST /v1/portal_sessions`, behind a secret key. */
export function portalSessionRoutes(db: Db, clock: Clock, sessionTtlSeconds: number) {
  return new Hono<AppEnv>().post('/', async (c) => {
    const request = parseInput(CreatePortalSessionRequestSchema, await readJson(c));
    const session = await createPortalSession(
      db,
      clock,
      c.get('vendor'),
      request,
      sessionTtlSeconds,
    );
    return c.json(session, 201);
  });
}
