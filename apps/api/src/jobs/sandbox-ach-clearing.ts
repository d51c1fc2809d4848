import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { applyProviderEvent } from '../payments/provider-events.js';
import { sandboxBankOutcome } from '../providers/index.js';
import type { JobHandler, JobRow, JobScheduler } from './job-types.js';

/** Job kind that settles one sandbox bank debit; its key is the payment id. */
export const SANDBOX_ACH_SETTLEMENT = 'sandbox_ach_settlement';

export interface SandboxAchDeps {
  db: Db;
  clock: Clock;
  /** How long a sandbox bank debit stays pending, from the payment's creation. */
  delayMs: number;
}

/**
 * Sandbox bank clearing. The sandbox returns `pending` for every bank debit. These jobs
 * settle each one `delayMs` after the payment was made, with the outcome of its test
 * account: succeeded, or returned R01, R02 or R03. In live mode the bank's result arrives
 * days later in the same way.
 */
export function sandboxAchClearingJobs(deps: SandboxAchDeps): {
  scheduler: JobScheduler;
  handler: JobHandler;
} {
  return {
    scheduler: {
      name: SANDBOX_ACH_SETTLEMENT,
      enqueueDue: (now) => enqueueSandboxDebits(deps, now),
    },
    handler: { kind: SANDBOX_ACH_SETTLEMENT, run: (job) => settleSandboxDebit(deps, job) },
  };
}

/**
 * Adds a job, due `delayMs` after the payment's creation, for each pending sandbox bank
 * debit that the sandbox accepted (it has a provider reference) and that has no job
 * yet. The partial index `payment_in_flight` keeps this to the payments still in flight.
 */
async function enqueueSandboxDebits(deps: SandboxAchDeps, now: Date): Promise<number> {
  const result = await sql`
    INSERT INTO job (kind, key, vendor_id, payload, status, run_at, created_at, updated_at)
    SELECT ${SANDBOX_ACH_SETTLEMENT}, p.id, p.vendor_id, jsonb_build_object('payment', p.id),
      'queued', p.created_at + ${deps.delayMs} * interval '1 millisecond', ${now}, ${now}
    FROM payment p
    WHERE p.provider = 'sandbox'
      AND p.method_type = 'us_bank_account'
      AND p.status = 'pending'
      AND p.provider_ref IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM job j WHERE j.kind = ${SANDBOX_ACH_SETTLEMENT} AND j.key = p.id
      )
    ON CONFLICT (kind, key) DO NOTHING
  `.execute(deps.db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Settles the debit with the outcome of its test account, through the ledger's one entry
 * for a provider's report. A return releases the invoices, pauses autopay on the account
 * and, for an account that is gone (R02, R03), disables it. Safe to run again: the event
 * is applied once, and a payment no longer pending is left as it is.
 */
async function settleSandboxDebit(
  deps: SandboxAchDeps,
  job: JobRow,
): Promise<Record<string, unknown>> {
  const paymentId = job.payload.payment as string;
  const payment = await findPayment(deps, paymentId);
  if (payment.status === 'pending' && payment.provider_ref !== null) {
    const method = await deps.db
      .selectFrom('payment_method')
      .select('provider_ref')
      .where('id', '=', payment.payment_method_id as string)
      .executeTakeFirstOrThrow();
    await applyProviderEvent(deps.db, deps.clock, {
      provider: 'sandbox',
      eventId: `${SANDBOX_ACH_SETTLEMENT}:${paymentId}`,
      type: SANDBOX_ACH_SETTLEMENT,
      changes: [
        {
          kind: 'charge',
          payment: { paymentId },
          outcome: sandboxBankOutcome(method.provider_ref, payment.provider_ref),
        },
      ],
    });
  }
  const settled = await findPayment(deps, paymentId);
  return { payment: settled.id, status: settled.status, failure_code: settled.failure_code };
}

function findPayment(deps: SandboxAchDeps, paymentId: string) {
  return deps.db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
}
