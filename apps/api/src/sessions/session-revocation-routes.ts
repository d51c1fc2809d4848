import { Hono } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { revokeCustomerPortalSessions, revokeTenantPortalSession } from './session-revocation.js';

/** `POST /v1/portal_sessions/:id/revoke`, behind a secret key. */
export function portalSessionRevocationRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>().post('/:id/revoke', async (c) =>
    c.json(await revokeTenantPortalSession(db, clock, c.get('vendor'), c.req.param('id'))),
  );
}

/** `POST /v1/customers/:id/portal_sessions/revoke`, behind a secret key. */
export function customerSessionRevocationRoutes(db: Db, clock: Clock) {
  return new Hono<AppEnv>().post('/:id/portal_sessions/revoke', async (c) =>
    c.json(await revokeCustomerPortalSessions(db, clock, c.get('vendor'), c.req.param('id'))),
  );
}
