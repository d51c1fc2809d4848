// Autopay on one busy day: 1,000 open invoices of customers with autopay on a sandbox card,
// all due today, charged by two job runners in two processes polling the same database, as
// two API processes would. Prints the time from the start signal until both runners found
// the queue empty, then checks that every invoice was charged exactly once: one autopay
// payment, succeeded, with one application, and the invoice paid. That check is the target.
//
// The rows are inserted in bulk into the bench database under a vendor of their own and are
// deleted at the end (and at the start, if an earlier run stopped before its cleanup).
//
// Environment: DATABASE_URL (else an embedded PostgreSQL in .duly/bench),
// DULY_BENCH_AUTOPAY_INVOICES (default 1000), DULY_BENCH_AUTOPAY_CUSTOMERS (default 500),
// DULY_BENCH_CONCURRENCY (jobs each runner runs at once, default 4).
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createVendor, systemClock } from '@duly/api';
import { sql } from 'kysely';
import { openUnseededBenchDatabase } from './lib/bench-database.mjs';
import { verdict, writeResult } from './lib/results.mjs';
import { fixed, table } from './lib/stats.mjs';

const INVOICES = Number(process.env.DULY_BENCH_AUTOPAY_INVOICES ?? 1000);
const CUSTOMERS = Number(process.env.DULY_BENCH_AUTOPAY_CUSTOMERS ?? 500);
const RUNNERS = 2;
const VENDOR_NAME = 'Autopay Bench Vendor';

const database = await openUnseededBenchDatabase();
console.log(`Database: ${database.description}`);
let result;
try {
  await deleteBenchRows(database.db);
  const today = systemClock.now().toISOString().slice(0, 10);
  const vendorId = await insertAutopayDay(database.db, today);
  const runners = await Promise.all(Array.from({ length: RUNNERS }, startRunner));
  try {
    result = await measure(database.db, vendorId, runners);
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
} finally {
  await deleteBenchRows(database.db);
  await database.close();
}

console.log('');
console.log(
  table(
    ['runner', 'charged', 'polls', 'retried', 'failed', 'lost'],
    result.byRunner.map((totals, index) => [
      String(index + 1),
      String(totals.done),
      String(totals.polls),
      String(totals.retried),
      String(totals.failed),
      String(totals.lost),
    ]),
  ),
);
console.log('');
console.log(
  `${INVOICES} invoices of ${CUSTOMERS} customers charged by ${RUNNERS} runners ` +
    `(${result.concurrency} jobs at once each, ${availableParallelism()} CPUs) in ` +
    `${fixed(result.seconds)} s: ${fixed(result.invoicesPerSecond, 0)} invoices/s.`,
);
console.log(
  `Charged exactly once: ${result.chargedOnce} of ${INVOICES}; payments ${result.payments}, ` +
    `applications ${result.applications} ${verdict(result.passed)}`,
);
writeResult(result);
process.exitCode = result.passed ? 0 : 1;

/**
 * Inserts one vendor (UTC) and its customers, each with a saved sandbox card (4242, which
 * succeeds), an autopay mandate and autopay on since 30 days ago, and `INVOICES` open
 * invoices spread evenly over the customers, all due `today`. Returns the vendor's id.
 */
async function insertAutopayDay(db, today) {
  const started = performance.now();
  const vendor = await createVendor(db, systemClock, { name: VENDOR_NAME });
  const id = (prefix, number) =>
    sql`${prefix} || substr(md5(${vendor.id} || ':' || ${number}), 1, 20)`;
  await db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO customer (id, vendor_id, livemode, external_id, name)
      SELECT ${id('cus_', sql`c`)}, ${vendor.id}, false, 'autopay-bench-' || c,
        'Autopay Customer ' || c
      FROM generate_series(1, ${CUSTOMERS}::int) AS c
    `.execute(trx);
    await sql`
      INSERT INTO payment_method (id, vendor_id, livemode, customer_id, provider, type, brand,
        last4, exp_month, exp_year, saved, provider_ref)
      SELECT ${id('pm_', sql`c`)}, ${vendor.id}, false, ${id('cus_', sql`c`)}, 'sandbox', 'card',
        'visa', '4242', 12, 2034, true, 'succeeds'
      FROM generate_series(1, ${CUSTOMERS}::int) AS c
    `.execute(trx);
    await sql`
      UPDATE customer SET default_payment_method_id = 'pm_' || substr(id, 5)
      WHERE vendor_id = ${vendor.id}
    `.execute(trx);
    await sql`
      INSERT INTO mandate (id, vendor_id, livemode, customer_id, payment_method_id, kind, text,
        accepted_at, ip_address, user_agent)
      SELECT ${id('mdt_', sql`c`)}, ${vendor.id}, false, ${id('cus_', sql`c`)},
        ${id('pm_', sql`c`)}, 'autopay', 'Autopay mandate of the autopay benchmark.',
        now() - interval '30 days', '127.0.0.1', 'bench/autopay.mjs'
      FROM generate_series(1, ${CUSTOMERS}::int) AS c
    `.execute(trx);
    await sql`
      INSERT INTO autopay (customer_id, vendor_id, livemode, status, payment_method_id,
        mandate_id, enabled_on)
      SELECT ${id('cus_', sql`c`)}, ${vendor.id}, false, 'active', ${id('pm_', sql`c`)},
        ${id('mdt_', sql`c`)}, ${today}::date - 30
      FROM generate_series(1, ${CUSTOMERS}::int) AS c
    `.execute(trx);
    // Invoice i belongs to customer ((i - 1) % CUSTOMERS) + 1; amounts are USD 50.00 to 4,999.00.
    await sql`
      INSERT INTO invoice (id, vendor_id, livemode, customer_id, number, status, currency, total,
        amount_due, issue_date, due_date)
      SELECT ${id('inv_', sql`i`)}, ${vendor.id}, false,
        ${id('cus_', sql`((i - 1) % ${CUSTOMERS}::int) + 1`)},
        'AUTOPAY-' || lpad(i::text, 5, '0'), 'open', 'USD', t.total, t.total,
        ${today}::date - 30, ${today}::date
      FROM generate_series(1, ${INVOICES}::int) AS i
      CROSS JOIN LATERAL (SELECT ((50 + floor(random() * 4950)) * 100)::bigint AS total) AS t
    `.execute(trx);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Inserted ${CUSTOMERS} customers with autopay and ${INVOICES} invoices due ${today} in ${fixed(seconds)} s.`,
  );
  return vendor.id;
}

/** Sends 'go' to every runner at once and times until the last one finds nothing to do. */
async function measure(db, vendorId, runners) {
  const started = performance.now();
  const byRunner = await Promise.all(runners.map((runner) => runner.go()));
  const seconds = (performance.now() - started) / 1000;

  const { rows } = await sql`
    SELECT
      count(*) FILTER (WHERE i.status = 'paid' AND a.applications = 1 AND a.payments = 1
        AND a.succeeded = 1)::int AS charged_once,
      (SELECT count(*) FROM payment WHERE vendor_id = ${vendorId})::int AS payments,
      (SELECT count(*) FROM payment_application pa JOIN payment p ON p.id = pa.payment_id
        WHERE p.vendor_id = ${vendorId})::int AS applications
    FROM invoice i
    CROSS JOIN LATERAL (
      SELECT count(*) AS applications, count(DISTINCT pa.payment_id) AS payments,
        count(*) FILTER (WHERE p.status = 'succeeded' AND p.source = 'autopay') AS succeeded
      FROM payment_application pa JOIN payment p ON p.id = pa.payment_id
      WHERE pa.invoice_id = i.id
    ) AS a
    WHERE i.vendor_id = ${vendorId}
  `.execute(db);
  const check = rows[0];
  const passed =
    check.charged_once === INVOICES &&
    check.payments === INVOICES &&
    check.applications === INVOICES;
  return {
    benchmark: 'autopay',
    invoices: INVOICES,
    customers: CUSTOMERS,
    runners: RUNNERS,
    concurrency: Number(process.env.DULY_BENCH_CONCURRENCY ?? 4),
    seconds,
    invoicesPerSecond: INVOICES / seconds,
    chargedOnce: check.charged_once,
    payments: check.payments,
    applications: check.applications,
    byRunner,
    passed,
  };
}

/** Forks a runner process and resolves once it is connected and waiting for 'go'. */
function startRunner() {
  const child = fork(new URL('./lib/autopay-runner-process.mjs', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`A job runner process exited with code ${code}.`));
      child.once('exit', onExit);
      child.on('message', function onMessage(message) {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      });
    });
  return next('ready').then(() => ({
    go: () => {
      const finished = next('finished');
      child.send('go');
      return finished.then((message) => message.totals);
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  }));
}

/** Deletes every row of the benchmark's vendors, children first. */
async function deleteBenchRows(db) {
  await db.transaction().execute(async (trx) => {
    const vendors = sql`(SELECT id FROM vendor WHERE name = ${VENDOR_NAME})`;
    const statements = [
      sql`DELETE FROM job WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM event WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM payment_application WHERE payment_id IN
        (SELECT id FROM payment WHERE vendor_id IN ${vendors})`,
      sql`DELETE FROM payment WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM autopay WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM mandate WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM payment_method WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM invoice_line WHERE invoice_id IN
        (SELECT id FROM invoice WHERE vendor_id IN ${vendors})`,
      sql`DELETE FROM invoice WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM portal_session WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM customer WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM api_key WHERE vendor_id IN ${vendors}`,
      sql`DELETE FROM vendor WHERE name = ${VENDOR_NAME}`,
    ];
    for (const statement of statements) await statement.execute(trx);
  });
}
