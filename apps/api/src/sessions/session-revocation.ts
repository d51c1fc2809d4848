import type { CustomerSessionRevocation, RevokedPortalSession } from '@duly/core';
import type { Clock } from '../clock.js';
import { findCustomerOrThrow } from '../customers/customer-service.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { notifySessionRevoked } from './session-repository.js';
import { revokePortalSession } from './session-service.js';

/**
 * Revokes one of the tenant's portal sessions at once, through `revokePortalSession`, so
 * every API process's session cache drops it. Revoking a revoked session returns it
 * unchanged; another vendor's or mode's session is not found.
 */
export async function revokeTenantPortalSession(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  sessionId: string,
): Promise<RevokedPortalSession> {
  const session = await findTenantSession(db, tenant, sessionId);
  if (session === undefined) {
    throw new ApiError(
      'portal_session_not_found',
      `No portal session with id ${sessionId} exists in this mode; its id is the "id" that POST /v1/portal_sessions returned.`,
      { param: 'id' },
    );
  }
  if (session.revoked_at === null) await revokePortalSession(db, clock, sessionId);

  const revoked = (await findTenantSession(db, tenant, sessionId)) ?? session;
  return {
    object: 'portal_session',
    id: revoked.id,
    customer: revoked.customer_id,
    livemode: revoked.livemode,
    expires_at: revoked.expires_at.toISOString(),
    revoked_at: (revoked.revoked_at ?? clock.now()).toISOString(),
  };
}

/**
 * Revokes every session of a customer that is neither revoked nor expired, in one
 * transaction: each gets `revoked_at`, a `portal_session.revoked` event and a revocation
 * notice to the session caches, sent when the transaction commits.
 */
export async function revokeCustomerPortalSessions(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  customerId: string,
): Promise<CustomerSessionRevocation> {
  const customer = await findCustomerOrThrow(db, tenant, customerId, 'id');
  const now = clock.now();

  const revokedIds = await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('portal_session')
      .set({ revoked_at: now })
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode)
      .where('customer_id', '=', customer.id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('id')
      .execute();
    for (const { id } of revoked) {
      await recordEvent(trx, {
        vendorId: tenant.vendorId,
        livemode: tenant.livemode,
        type: 'portal_session.revoked',
        objectId: id,
        data: { id, customer: customer.id, revoked_at: now.toISOString() },
        createdAt: now,
      });
      await notifySessionRevoked(trx, id);
    }
    return revoked.map((row) => row.id);
  });

  return {
    object: 'portal_session_revocation',
    customer: customer.id,
    revoked_sessions: revokedIds,
    revoked_at: now.toISOString(),
  };
}

async function findTenantSession(db: Db, tenant: Tenant, sessionId: string) {
  return db
    .selectFrom('portal_session')
    .select(['id', 'customer_id', 'livemode', 'expires_at', 'revoked_at'])
    .where('vendor_id', '=', tenant.vendorId)
    .where('livemode', '=', tenant.livemode)
    .where('id', '=', sessionId)
    .executeTakeFirst();
}
