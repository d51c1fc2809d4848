import { sql } from 'kysely';
import { pauseAutopayForMethod } from '../autopay/autopay-service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { recordEvent } from '../events.js';
import type { PaymentRow } from '../payments/payment-repository.js';
import { settlePayment } from '../payments/settle-payment.js';
import { sandboxBankOutcome } from '../providers/index.js';
import type { JobHandler, JobRow, JobScheduler } from './job-types.js';

/** Job kind that settles one sandbox bank debit; its key is the payment id. */
export const SANDBOX_ACH_SETTLEMENT = 'sandbox_ach_settlement';

/** ACH return codes after which the account can never be debited again. */
const ACCOUNT_GONE_CODES = new Set(['R02']);

export interface SandboxAchDeps {
  db: Db;
  clock: Clock;
  /** How long a sandbox bank debit stays pending, from the payment's creation. */
  delayMs: number;
}

/**
 * Sandbox bank clearing. The sandbox returns `pending` for every bank debit, and these jobs
 * settle each one `delayMs` after the payment was made with the outcome of its test account
 * (succeeded, or returned R01, R02 or R03), the way a bank's result arrives days later in
 * live mode.
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
 * yet. NOTE: `payment` has no index on `status`, so this reads every payment on each poll;
 * a partial index on pending payments would make it cheap on a large ledger.
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
 * Settles the debit with the outcome of its test account. A return also pauses autopay on
 * the account, and R02 (account closed) disables the account for good. Safe to run again:
 * a payment already settled is not settled twice, and the pause and the disabling change
 * only what is still active.
 */
async function settleSandboxDebit(
  deps: SandboxAchDeps,
  job: JobRow,
): Promise<Record<string, unknown>> {
  const paymentId = job.payload.payment as string;
  let payment = await deps.db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  if (payment.status === 'pending' && payment.provider_ref !== null) {
    const method = await deps.db
      .selectFrom('payment_method')
      .select('provider_ref')
      .where('id', '=', payment.payment_method_id as string)
      .executeTakeFirstOrThrow();
    const outcome = sandboxBankOutcome(method.provider_ref, payment.provider_ref);
    payment = await settlePayment(deps.db, deps.clock, paymentId, outcome);
  }
  if (payment.status === 'failed') await applyReturnToAccount(deps, payment);
  return { payment: payment.id, status: payment.status, failure_code: payment.failure_code };
}

// NOTE: this belongs in the ledger's handling of provider events (applyProviderEvent),
// which is to pause autopay and disable closed accounts on every bank return. Until it
// does, the clearing job does both here.
async function applyReturnToAccount(deps: SandboxAchDeps, payment: PaymentRow): Promise<void> {
  const methodId = payment.payment_method_id;
  const code = payment.failure_code;
  if (methodId === null || code === null) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    if (ACCOUNT_GONE_CODES.has(code)) {
      const disabled = await trx
        .updateTable('payment_method')
        .set({ disabled_reason: code })
        .where('id', '=', methodId)
        .where('disabled_reason', 'is', null)
        .returning(['id', 'vendor_id', 'livemode', 'customer_id'])
        .executeTakeFirst();
      if (disabled !== undefined) {
        await recordEvent(trx, {
          vendorId: disabled.vendor_id,
          livemode: disabled.livemode,
          type: 'payment_method.disabled',
          objectId: disabled.id,
          data: { id: disabled.id, customer: disabled.customer_id, disabled_reason: code },
          createdAt: now,
        });
      }
    }
    await pauseAutopayForMethod(
      trx,
      { paymentMethodId: methodId, paymentId: payment.id, reason: code },
      now,
    );
  });
}
