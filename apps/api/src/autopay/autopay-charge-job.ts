import { plainDateIn } from '@duly/core';
import { sql } from 'kysely';
import { toAmount } from '../db/index.js';
import { ApiError } from '../http/api-error.js';
import type { JobContext, JobHandler, JobRow, JobScheduler } from '../jobs/job-types.js';
import { pauseAutopayOnMethod } from '../payments/autopay-after-failure.js';
import type { Payer } from '../payments/payer.js';
import type { PaymentRow } from '../payments/payment-repository.js';
import { chargeAndSettle, type PaymentDeps, startPayment } from '../payments/payment-service.js';

/** Job kind of one autopay charge; its key is `<invoice id>:<due date>`. */
export const AUTOPAY_CHARGE = 'autopay_charge';

/**
 * The autopay jobs: a scheduler that adds one `autopay_charge` job per invoice due, and
 * the handler that charges it once.
 */
export function autopayChargeJobs(deps: PaymentDeps): {
  scheduler: JobScheduler;
  handler: JobHandler;
} {
  return {
    scheduler: { name: AUTOPAY_CHARGE, enqueueDue: (now) => enqueueAutopayCharges(deps, now) },
    handler: { kind: AUTOPAY_CHARGE, run: (job, context) => runAutopayCharge(deps, job, context) },
  };
}

/**
 * Skips that only wait for the customer or the vendor: a dispute or a payment notice that
 * came after the charge was queued. Once it is settled the invoice is queued again, since
 * the job's key (invoice and due date) would otherwise keep it from ever being charged.
 */
const WAITING_SKIPS: SkipReason[] = ['invoice_disputed', 'payment_notice_pending'];

/**
 * Adds a job for each invoice that active autopay should charge now: open, not disputed,
 * with no payment notice waiting for the vendor, something left to pay
 * (`amount_due - amount_pending`), due today or earlier in the vendor's time zone, but not
 * before the day autopay was turned on. One statement serves all vendors. An invoice that
 * already has its job for this due date gets no second one, unless that job was skipped
 * for a reason in `WAITING_SKIPS`.
 */
async function enqueueAutopayCharges(deps: PaymentDeps, now: Date): Promise<number> {
  const { db } = deps;
  const zones = await db
    .selectFrom('autopay')
    .innerJoin('vendor', 'vendor.id', 'autopay.vendor_id')
    .select('vendor.time_zone')
    .distinct()
    .where('autopay.status', '=', 'active')
    .execute();
  if (zones.length === 0) return 0;

  // Each zone's today comes from the same function as the portal's, not PostgreSQL's zones.
  const todays = zones.map(
    ({ time_zone }) => sql`(${time_zone}::text, ${plainDateIn(now, time_zone)}::date)`,
  );
  const jobKey = sql`i.id || ':' || to_char(i.due_date, 'YYYY-MM-DD')`;
  const result = await sql`
    INSERT INTO job (kind, key, vendor_id, payload, status, run_at, created_at, updated_at)
    SELECT ${AUTOPAY_CHARGE}, ${jobKey}, i.vendor_id,
      jsonb_build_object('invoice', i.id, 'due_date', to_char(i.due_date, 'YYYY-MM-DD')),
      'queued', ${now}, ${now}, ${now}
    FROM (VALUES ${sql.join(todays)}) AS zone (time_zone, today)
    JOIN vendor v ON v.time_zone = zone.time_zone
    JOIN autopay a ON a.vendor_id = v.id AND a.status = 'active'
    JOIN invoice i ON i.customer_id = a.customer_id
      AND i.vendor_id = a.vendor_id AND i.livemode = a.livemode
    WHERE i.status = 'open'
      AND NOT i.disputed
      AND i.payment_notice_id IS NULL
      AND i.amount_due - i.amount_pending > 0
      AND i.due_date >= a.enabled_on
      AND i.due_date <= zone.today
      AND NOT EXISTS (
        SELECT 1 FROM job j WHERE j.kind = ${AUTOPAY_CHARGE} AND j.key = ${jobKey}
          AND NOT (j.status = 'done' AND j.result->>'skipped' IN (${sql.join(WAITING_SKIPS)}))
      )
    ON CONFLICT (kind, key) DO UPDATE
      SET status = 'queued', run_at = EXCLUDED.run_at, attempts = 0, locked_until = NULL,
        last_error = NULL, result = NULL, payload = EXCLUDED.payload,
        updated_at = EXCLUDED.updated_at
      WHERE job.status = 'done' AND job.result->>'skipped' IN (${sql.join(WAITING_SKIPS)})
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Charges one invoice for autopay, once. The payment is reserved (with the autopay mandate
 * when the method is a bank account), its id saved on the job, and only then is the
 * provider called with the payment id as its idempotency key. A run after a fault or after
 * a runner died goes on with that payment instead of reserving another. A charge that
 * fails pauses autopay for the method.
 */
async function runAutopayCharge(
  deps: PaymentDeps,
  job: JobRow,
  context: JobContext,
): Promise<Record<string, unknown>> {
  const invoiceId = job.payload.invoice as string;
  let payment = await findPaymentOfJob(deps, job, invoiceId);
  if (payment === undefined) {
    const plan = await planCharge(deps, invoiceId);
    if ('skipped' in plan) return { invoice: invoiceId, skipped: plan.skipped };
    try {
      const started = await startPayment(
        deps,
        plan.payer,
        {
          payment_method: plan.paymentMethodId,
          invoices: [{ invoice: invoiceId, amount: plan.amount }],
        },
        { source: 'autopay', mandateId: plan.mandateId },
      );
      payment = started.payment;
    } catch (error) {
      const skipped = error instanceof ApiError ? SKIPPED_BY_ERROR[error.code] : undefined;
      if (skipped !== undefined) return { invoice: invoiceId, skipped };
      // Others, such as a portal payment that reserved part of the amount since the plan,
      // are faults: the job is retried with a new plan.
      throw error;
    }
  }
  if (job.payload.payment !== payment.id) await context.saveProgress({ payment: payment.id });

  const settled = await chargeOnce(deps, payment);
  // The ledger pauses autopay after a failed bank debit. A declined card pauses it too, so
  // that the portal shows the failure until the customer chooses how to pay, instead of
  // each next invoice being declined in turn.
  const methodId = settled.payment_method_id;
  if (settled.status === 'failed' && methodId !== null) {
    const reason = settled.failure_code ?? 'failed';
    await deps.db
      .transaction()
      .execute((trx) => pauseAutopayOnMethod(trx, deps.clock.now(), methodId, reason, settled.id));
  }
  return {
    invoice: invoiceId,
    payment: settled.id,
    status: settled.status,
    failure_code: settled.failure_code,
  };
}

/**
 * Finds the payment an earlier run of the job reserved, which is the one saved on the job.
 * A run may also have stopped between reserving and saving. Then it is the autopay payment
 * of the invoice made since the job was added, because only this job makes one for this
 * invoice and due date.
 */
async function findPaymentOfJob(
  deps: PaymentDeps,
  job: JobRow,
  invoiceId: string,
): Promise<PaymentRow | undefined> {
  const saved = job.payload.payment;
  if (typeof saved === 'string') {
    return deps.db
      .selectFrom('payment')
      .selectAll()
      .where('id', '=', saved)
      .executeTakeFirstOrThrow();
  }
  if (job.attempts === 1) return undefined;
  return deps.db
    .selectFrom('payment')
    .innerJoin('payment_application', 'payment_application.payment_id', 'payment.id')
    .selectAll('payment')
    .where('payment_application.invoice_id', '=', invoiceId)
    .where('payment.source', '=', 'autopay')
    .where('payment.created_at', '>=', job.created_at)
    .orderBy('payment.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Reason an autopay job charges nothing, stored in the job's result. */
type SkipReason =
  | 'autopay_not_active'
  | 'invoice_not_open'
  | 'invoice_disputed'
  | 'payment_notice_pending'
  | 'nothing_to_pay'
  | 'due_before_autopay'
  | 'not_due'
  | 'payment_method_unusable'
  | 'below_minimum_charge';

/** Errors of starting the payment that mean there is nothing to charge. */
const SKIPPED_BY_ERROR: Partial<Record<string, SkipReason>> = {
  invoice_not_open: 'invoice_not_open',
  payment_method_not_found: 'payment_method_unusable',
  payment_method_disabled: 'payment_method_unusable',
  // The provider cannot charge what is left. The customer pays it in the portal with other
  // invoices, or the vendor writes it off.
  amount_below_minimum: 'below_minimum_charge',
};

type ChargePlan =
  | { skipped: SkipReason }
  | { payer: Payer; paymentMethodId: string; mandateId: string | null; amount: number };

/**
 * Checks again, when the job runs, everything that made the invoice due for autopay, and
 * returns what to charge: the invoice's whole payable amount, on the autopay's method.
 */
async function planCharge(deps: PaymentDeps, invoiceId: string): Promise<ChargePlan> {
  const row = await deps.db
    .selectFrom('invoice')
    .innerJoin('vendor', 'vendor.id', 'invoice.vendor_id')
    .leftJoin('autopay', (join) =>
      join
        .onRef('autopay.customer_id', '=', 'invoice.customer_id')
        .onRef('autopay.vendor_id', '=', 'invoice.vendor_id')
        .onRef('autopay.livemode', '=', 'invoice.livemode'),
    )
    .select([
      'invoice.vendor_id',
      'invoice.livemode',
      'invoice.customer_id',
      'invoice.status',
      'invoice.disputed',
      'invoice.payment_notice_id',
      'invoice.amount_due',
      'invoice.amount_pending',
      'invoice.due_date',
      'vendor.time_zone',
      'autopay.status as autopay_status',
      'autopay.payment_method_id',
      'autopay.mandate_id',
      'autopay.enabled_on',
    ])
    .where('invoice.id', '=', invoiceId)
    .executeTakeFirstOrThrow();

  const amount = toAmount(row.amount_due) - toAmount(row.amount_pending);
  const today = plainDateIn(deps.clock.now(), row.time_zone);
  const skipped = skipReason(row, amount, today);
  if (skipped !== undefined) return { skipped };
  return {
    payer: { vendorId: row.vendor_id, livemode: row.livemode, customerId: row.customer_id },
    paymentMethodId: row.payment_method_id as string,
    mandateId: row.mandate_id,
    amount,
  };
}

function skipReason(
  row: {
    autopay_status: string | null;
    enabled_on: string | null;
    status: string;
    disputed: boolean;
    payment_notice_id: string | null;
    due_date: string;
  },
  amount: number,
  today: string,
): SkipReason | undefined {
  if (row.autopay_status !== 'active' || row.enabled_on === null) return 'autopay_not_active';
  if (row.status !== 'open') return 'invoice_not_open';
  if (row.disputed) return 'invoice_disputed';
  // The customer reported sending the money, so a charge as well could take it twice.
  if (row.payment_notice_id !== null) return 'payment_notice_pending';
  if (amount <= 0) return 'nothing_to_pay';
  if (row.due_date < row.enabled_on) return 'due_before_autopay';
  if (row.due_date > today) return 'not_due';
  return undefined;
}

/**
 * Sends the payment to its provider unless an earlier run did (the provider's reference is
 * set once the provider replied), and returns the payment as it is then. A provider fault
 * leaves the payment pending with no reference and is thrown, so the job retries the
 * charge later under the same idempotency key.
 */
async function chargeOnce(deps: PaymentDeps, payment: PaymentRow): Promise<PaymentRow> {
  if (payment.status !== 'pending' || payment.provider_ref !== null) return payment;

  const method = await deps.db
    .selectFrom('payment_method')
    .selectAll()
    .where('id', '=', payment.payment_method_id as string)
    .executeTakeFirstOrThrow();
  if (!deps.providers.has(method.provider)) {
    throw new Error(
      `Payment ${payment.id} is to be charged through provider "${method.provider}", which this API process does not run.`,
    );
  }
  await chargeAndSettle(deps, payment, method);

  const after = await deps.db
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', payment.id)
    .executeTakeFirstOrThrow();
  if (after.status === 'pending' && after.provider_ref === null) {
    throw new Error(
      `The provider call for payment ${payment.id} failed; it stays pending and is charged again under the same idempotency key.`,
    );
  }
  return after;
}
