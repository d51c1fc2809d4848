import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createApp, createVendor, loadConfig, openDatabase, systemClock } from '@duly/api';
import { sql } from 'kysely';
import postgres from 'postgres';

/** Name of the seeded database on the server of `DATABASE_URL`, kept between runs. */
export const BENCH_DATABASE_NAME = 'duly_bench';

/**
 * Port of the embedded PostgreSQL that the benchmarks start when `DATABASE_URL` is not set.
 * Its files stay in `.duly/bench/postgres`, so the seeded rows survive between runs.
 */
const DEFAULT_EMBEDDED_PORT = 4554;

const CLOSE_TIMEOUT_MS = 3000;

/** The two customers of the one bench vendor, and how many invoices each has. */
export const BENCH_CUSTOMERS = {
  big: { externalId: 'bench-big', name: 'Big Customer', invoices: 1_000_000, prefix: 'BIG' },
  small: { externalId: 'bench-small', name: 'Small Customer', invoices: 10_000, prefix: 'SMALL' },
};

/**
 * Version of the seed below. Bump it when the seeded rows change so that a database seeded
 * by an older script is seeded again.
 */
const SEED_VERSION = 'invoices-v1';

/** Due dates span eight years, ending about three months after the day of seeding. */
const DUE_DATE_SPAN_DAYS = 2922;
const DUE_DATE_DAYS_AHEAD = 92;

/** Share of invoices due more than 30 days ago that are still open (long overdue). */
const OVERDUE_SHARE = 0.15;

/** Config for the bench database: `DATABASE_URL`'s server, else an embedded PostgreSQL. */
export function benchConfig(env = process.env) {
  if (env.DATABASE_URL) {
    return loadConfig({ DATABASE_URL: benchDatabaseUrl(env.DATABASE_URL), LOG_LEVEL: 'silent' });
  }
  return loadConfig({
    DULY_DATA_DIR: path.join('.duly', 'bench'),
    DULY_EMBEDDED_PG_PORT: env.DULY_BENCH_PG_PORT ?? String(DEFAULT_EMBEDDED_PORT),
    LOG_LEVEL: 'silent',
  });
}

function benchDatabaseUrl(serverUrl) {
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DATABASE_NAME}`;
  return url.toString();
}

/**
 * Opens the bench database, seeding it first when it has no seed or a seed made for another
 * schema or seed version: one vendor, two customers, 1,000,000 and 10,000 invoices.
 * `DULY_BENCH_RESEED=1` forces a new seed. Returns the pool, the seeded ids and a secret key.
 */
export async function openBenchDatabase({ log = console.log, env = process.env } = {}) {
  if (env.DATABASE_URL) await createDatabaseIfMissing(env.DATABASE_URL, BENCH_DATABASE_NAME);
  const config = benchConfig(env);
  let open = await openDatabase(config, { max: 10 });

  const fingerprint = seedFingerprint();
  let seed = await readSeed(open.db);
  let seededNow = false;
  if (seed === undefined || seed.fingerprint !== fingerprint || env.DULY_BENCH_RESEED === '1') {
    log(
      seed === undefined
        ? 'No seeded bench database found; seeding one (a minute or two, once).'
        : 'The bench database was seeded for another schema or seed; seeding it again.',
    );
    await resetSchema(open.db);
    // Reopening migrates the emptied schema.
    await open.close();
    open = await openDatabase(config, { max: 10 });
    seed = await seedDatabase(open.db, fingerprint, log);
    seededNow = true;
  }

  const version = await sql`SHOW server_version`.execute(open.db);
  const server = `PostgreSQL ${version.rows[0].server_version}`;
  return {
    db: open.db,
    config,
    seed,
    seededNow,
    description: env.DATABASE_URL
      ? `${server} at DATABASE_URL, database ${BENCH_DATABASE_NAME}`
      : `embedded ${server} in .duly/bench, port ${config.embeddedPostgresPort}`,
    close: () => closeWithin(open, CLOSE_TIMEOUT_MS),
  };
}

/**
 * Opens the bench database without looking at its seed, for benchmarks that bring their own
 * rows: creates it on the server of `DATABASE_URL` when missing and migrates it. Returns the
 * pool and how to close it.
 */
export async function openUnseededBenchDatabase({ env = process.env, max = 10 } = {}) {
  if (env.DATABASE_URL) await createDatabaseIfMissing(env.DATABASE_URL, BENCH_DATABASE_NAME);
  const config = benchConfig(env);
  const open = await openDatabase(config, { max });
  const version = await sql`SHOW server_version`.execute(open.db);
  const server = `PostgreSQL ${version.rows[0].server_version}`;
  return {
    db: open.db,
    config,
    description: env.DATABASE_URL
      ? `${server} at DATABASE_URL, database ${BENCH_DATABASE_NAME}`
      : `embedded ${server} in .duly/bench, port ${config.embeddedPostgresPort}`,
    close: () => closeWithin(open, CLOSE_TIMEOUT_MS),
  };
}

/**
 * Closes the pool, giving up after `milliseconds`: postgres.js can leave end() pending
 * forever once a connection was reserved and released (porsager/postgres#925, seen with
 * 3.4.x here).
 */
async function closeWithin(open, milliseconds) {
  const closed = await Promise.race([open.close().then(() => true), delay(milliseconds, false)]);
  if (!closed) {
    console.warn(
      `The bench database pool did not close within ${milliseconds} ms; exiting anyway.` +
        (open.embedded ? ' The embedded PostgreSQL may still run; a later run reuses it.' : ''),
    );
  }
}

async function createDatabaseIfMissing(serverUrl, name) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Hashes the API's built migrations and the seed version: a seed is reused only while both
 * are unchanged, because the migration is still edited in place before any release.
 */
function seedFingerprint() {
  const apiEntry = fileURLToPath(import.meta.resolve('@duly/api'));
  const migrations = path.join(path.dirname(apiEntry), 'db', 'migrations');
  const hash = createHash('sha256').update(SEED_VERSION);
  for (const file of readdirSync(migrations)
    .filter((name) => name.endsWith('.js'))
    .sort()) {
    hash.update(file).update(readFileSync(path.join(migrations, file)));
  }
  return hash.digest('hex');
}

async function readSeed(db) {
  const exists = await sql`SELECT to_regclass('bench.seed') AS name`.execute(db);
  if (exists.rows[0].name === null) return undefined;
  const result = await sql`SELECT * FROM bench.seed`.execute(db);
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return {
    fingerprint: row.fingerprint,
    vendorId: row.vendor_id,
    secretKey: row.secret_key,
    customers: {
      big: { id: row.big_customer_id, invoices: BENCH_CUSTOMERS.big.invoices },
      small: { id: row.small_customer_id, invoices: BENCH_CUSTOMERS.small.invoices },
    },
    seededAt: new Date(row.seeded_at).toISOString(),
    seedSeconds: Number(row.seed_seconds),
  };
}

/** Empties the database: the API's tables, the migration log and the seed record. */
async function resetSchema(db) {
  await sql`DROP SCHEMA IF EXISTS bench CASCADE`.execute(db);
  await sql`DROP SCHEMA public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public`.execute(db);
}

async function seedDatabase(db, fingerprint, log) {
  const started = performance.now();
  const vendor = await createVendor(db, systemClock, { name: 'Bench Vendor' });
  const app = createApp({ db, clock: systemClock, publicUrl: 'http://127.0.0.1' });

  const customers = {};
  for (const [key, customer] of Object.entries(BENCH_CUSTOMERS)) {
    const id = await createCustomer(app, vendor.secret_key, customer);
    const insertStarted = performance.now();
    await insertInvoices(db, { vendorId: vendor.id, customerId: id, ...customer });
    const seconds = (performance.now() - insertStarted) / 1000;
    log(`  inserted ${customer.invoices.toLocaleString('en')} invoices in ${seconds.toFixed(1)} s`);
    customers[key] = { id, invoices: customer.invoices };
  }
  await sql`ANALYZE`.execute(db);
  const seedSeconds = (performance.now() - started) / 1000;
  log(`  seeded and analyzed in ${seedSeconds.toFixed(1)} s`);

  await sql`CREATE SCHEMA bench`.execute(db);
  await sql`
    CREATE TABLE bench.seed (
      fingerprint text NOT NULL,
      vendor_id text NOT NULL,
      -- A test-mode key of a vendor that exists only in this benchmark database.
      secret_key text NOT NULL,
      big_customer_id text NOT NULL,
      small_customer_id text NOT NULL,
      seeded_at timestamptz NOT NULL DEFAULT now(),
      seed_seconds numeric NOT NULL
    )
  `.execute(db);
  await sql`
    INSERT INTO bench.seed
      (fingerprint, vendor_id, secret_key, big_customer_id, small_customer_id, seed_seconds)
    VALUES (${fingerprint}, ${vendor.id}, ${vendor.secret_key}, ${customers.big.id},
      ${customers.small.id}, ${seedSeconds})
  `.execute(db);
  return readSeed(db);
}

/** Creates a customer through the vendor API, so that it has every field the API sets. */
async function createCustomer(app, secretKey, customer) {
  const response = await app.request('/v1/customers', {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: customer.name, external_id: customer.externalId }),
  });
  if (response.status !== 201) {
    throw new Error(
      `POST /v1/customers returned ${response.status}: ${await response.text()}; ` +
        'the benchmark needs it to create its customers.',
    );
  }
  return (await response.json()).id;
}

/**
 * Inserts `invoices` invoices of one customer in one statement. Due dates run evenly over
 * eight years in insertion order, as a real ledger grows. Invoices due in the last 30 days
 * or later are open. Older ones are paid, except for a share left open (overdue). Amounts
 * are USD 50.00 to 4,999.00. No lines or payments are inserted, because the invoice list
 * reads neither.
 */
async function insertInvoices(db, { vendorId, customerId, invoices, prefix }) {
  await sql`
    INSERT INTO invoice (id, vendor_id, livemode, customer_id, number, status, currency, total,
      amount_due, amount_pending, issue_date, due_date, disputed, paid_at, created_at,
      updated_at)
    SELECT
      'inv_' || substr(md5(${customerId} || ':' || i), 1, 20),
      ${vendorId}, false, ${customerId},
      ${prefix} || '-' || lpad(i::text, 7, '0'),
      CASE WHEN d.is_open THEN 'open' ELSE 'paid' END,
      'USD',
      d.total,
      CASE WHEN d.is_open THEN d.total ELSE 0 END,
      0,
      d.due_date - 30,
      d.due_date,
      d.is_open AND random() < 0.02,
      CASE WHEN d.is_open THEN NULL
        ELSE (d.due_date + floor(random() * 40)::int - 10) + time '15:00' END,
      (d.due_date - 30) + time '09:00',
      (d.due_date - 30) + time '09:00'
    FROM generate_series(1, ${invoices}::int) AS i
    CROSS JOIN LATERAL (
      SELECT
        x.due_date,
        (x.due_date >= current_date - 30 OR random() < ${OVERDUE_SHARE}::float8) AS is_open,
        ((50 + floor(random() * 4950)) * 100)::bigint AS total
      FROM (
        SELECT current_date - ${DUE_DATE_SPAN_DAYS - DUE_DATE_DAYS_AHEAD}::int
          + ((i - 1)::bigint * ${DUE_DATE_SPAN_DAYS}::int / ${invoices}::int)::int AS due_date
      ) AS x
    ) AS d
  `.execute(db);
}
