import { RevokeApiKeyRequestSchema, RollApiKeyRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { readOptionalJson } from '../http/json-body.js';
import { PageQuerySchema, toPage } from '../http/pagination.js';
import { parseInput } from '../http/validation.js';
import { toApiKey } from './api-key-object.js';
import { findKey, listKeys } from './api-key-repository.js';
import { revokeApiKey, rollApiKey } from './api-key-service.js';

/**
 * Builds `/v1/api_keys`, behind a secret key: list and read the keys of the calling key's
 * mode, roll one with a grace period, revoke one at once.
 */
export function apiKeyRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const query = parseInput(PageQuerySchema, c.req.query());
      const after =
        query.cursor === undefined ? undefined : decodeCreatedAtCursor(query.cursor, 'key');
      const rows = await listKeys(db, c.get('vendor'), query.limit, after);
      const now = clock.now();
      return c.json(toPage(rows, query.limit, (row) => toApiKey(row, now), createdAtCursorOf));
    })
    .post('/roll', async (c) => {
      const request = parseInput(RollApiKeyRequestSchema, await readOptionalJson(c));
      return c.json(await rollApiKey(db, clock, c.get('vendor'), request), 201);
    })
    .get('/:id', async (c) => {
      const keyId = c.req.param('id');
      const row = await findKey(db, c.get('vendor'), keyId);
      if (row === undefined) {
        throw new ApiError(
          'api_key_not_found',
          `No secret key with id ${keyId} exists in this mode; list the keys with GET /v1/api_keys.`,
          { param: 'id' },
        );
      }
      return c.json(toApiKey(row, clock.now()));
    })
    .post('/:id/revoke', async (c) => {
      const request = parseInput(RevokeApiKeyRequestSchema, await readOptionalJson(c));
      return c.json(await revokeApiKey(db, clock, c.get('vendor'), c.req.param('id'), request));
    });
}
