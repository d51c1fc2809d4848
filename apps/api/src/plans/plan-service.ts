import { type CreatePlanRequest, MAX_AMOUNT, type Plan, type UpdatePlanRequest } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import type { Tenant } from '../http/app-env.js';
import { createdAtCursorOf, decodeCreatedAtCursor } from '../http/created-at-cursor.js';
import { toPage } from '../http/pagination.js';
import { newId } from '../ids.js';
import { toPlan } from './plan-object.js';
import { findPlan, listPlans, type PlanRow } from './plan-repository.js';

/** Returns `plan_not_found` for `planId`, the answer for unknown and foreign ids alike. */
export function planNotFound(planId: string, param?: string): ApiError {
  return new ApiError('plan_not_found', `No plan with id ${planId} exists.`, {
    ...(param === undefined ? {} : { param }),
  });
}

/** Finds a plan of the tenant or throws `plan_not_found` naming `param`. */
export async function findPlanOrThrow(
  db: Db,
  tenant: Tenant,
  planId: string,
  param?: string,
): Promise<PlanRow> {
  const row = await findPlan(db, tenant, planId);
  if (row === undefined) throw planNotFound(planId, param);
  return row;
}

/** `POST /v1/plans`: a new, active plan. Throws `amount_too_large` past `MAX_AMOUNT`. */
export async function createPlan(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  request: CreatePlanRequest,
): Promise<Plan> {
  if (request.unit_amount > MAX_AMOUNT) {
    throw new ApiError(
      'amount_too_large',
      `unit_amount ${request.unit_amount} is more than the maximum of ${MAX_AMOUNT} minor units.`,
      { param: 'unit_amount' },
    );
  }
  const now = clock.now();
  const row: PlanRow = {
    id: newId('plan'),
    vendor_id: tenant.vendorId,
    livemode: tenant.livemode,
    name: request.name,
    description: request.description ?? null,
    interval: request.interval,
    currency: request.currency,
    unit_amount: String(request.unit_amount),
    active: true,
    metadata: request.metadata ?? {},
    created_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('plan').values(row).execute();
    await recordEvent(trx, {
      ...eventScope(row, now),
      type: 'plan.created',
      objectId: row.id,
      data: toPlan(row),
    });
  });
  return toPlan(row);
}

/**
 * `PATCH /v1/plans/:id`: the name, description, metadata and whether the plan can still be
 * chosen. The price and interval never change, because subscriptions were sold at them.
 */
export async function updatePlan(
  db: Db,
  clock: Clock,
  tenant: Tenant,
  planId: string,
  request: UpdatePlanRequest,
): Promise<Plan> {
  const now = clock.now();
  const row = await db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('plan')
      .selectAll()
      .where('id', '=', planId)
      .where('vendor_id', '=', tenant.vendorId)
      .where('livemode', '=', tenant.livemode)
      .forUpdate()
      .executeTakeFirst();
    if (locked === undefined) throw planNotFound(planId, 'id');

    const updated = await trx
      .updateTable('plan')
      .set({
        ...(request.name === undefined ? {} : { name: request.name }),
        ...(request.description === undefined ? {} : { description: request.description }),
        ...(request.active === undefined ? {} : { active: request.active }),
        ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
      })
      .where('id', '=', planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      ...eventScope(updated, now),
      type: 'plan.updated',
      objectId: updated.id,
      data: toPlan(updated),
    });
    return updated;
  });
  return toPlan(row);
}

/** `GET /v1/plans/:id`. */
export async function retrievePlan(db: Db, tenant: Tenant, planId: string): Promise<Plan> {
  return toPlan(await findPlanOrThrow(db, tenant, planId, 'id'));
}

/** Lists one page of the tenant's plans, newest first; only active or inactive ones if asked. */
export async function listPlanPage(
  db: Db,
  tenant: Tenant,
  request: { active: boolean | undefined; limit: number; cursor: string | undefined },
) {
  const rows = await listPlans(db, tenant, {
    active: request.active,
    limit: request.limit,
    after: request.cursor === undefined ? undefined : decodeCreatedAtCursor(request.cursor, 'plan'),
  });
  return toPage(rows, request.limit, toPlan, createdAtCursorOf);
}
