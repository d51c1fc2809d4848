// Throughput of `GET /v1/portal/invoices` against a bare Hono route that runs the API's own
// listing query (`listCustomerInvoices`) with no authentication, in the same process on
// the same pool. The API request is the first page of all statuses, 25 invoices, with its
// portal session check, CORS, request id and mapping to API objects. Target: the API
// serves at least 0.6 of the bare route's requests per second.
//
// Both run in one child process; autocannon drives them from this one with the same load,
// alternating API and bare route after a warm-up of each, so that drift on the machine
// hits both alike.
//
// Environment: DATABASE_URL (else an embedded PostgreSQL in .duly/bench),
// DULY_BENCH_CONNECTIONS (default 10), DULY_BENCH_SECONDS (per round, default 10),
// DULY_BENCH_ROUNDS (rounds of each, default 2), DULY_BENCH_RESEED=1.
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { getJson, mintPortalSession, startApiProcess } from './lib/api-client.mjs';
import { openBenchDatabase } from './lib/bench-database.mjs';
import { verdict, writeResult } from './lib/results.mjs';
import { fixed, mean, table } from './lib/stats.mjs';

const MIN_RATIO = 0.6;
const CONNECTIONS = Number(process.env.DULY_BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.DULY_BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.DULY_BENCH_ROUNDS ?? 2);
const WARMUP_SECONDS = 3;

const database = await openBenchDatabase();
const { seed } = database;
console.log(`Database: ${database.description}`);

const api = await startApiProcess();
let result;
try {
  result = await measure(api);
} finally {
  await api.stop();
  await database.close();
}

console.log('');
console.log(
  `${CONNECTIONS} connections, ${SECONDS} s per round, ${availableParallelism()} CPUs, ` +
    `customer with ${seed.customers.big.invoices.toLocaleString('en')} invoices:`,
);
console.log(
  table(
    ['round', 'target', 'requests/s', 'p50 ms', 'p99 ms'],
    result.rounds.map((round) => [
      String(round.round),
      round.target,
      fixed(round.requestsPerSecond, 0),
      String(round.p50),
      String(round.p99),
    ]),
  ),
);
console.log('');
console.log(`API:  ${fixed(result.api, 0)} requests/s (mean of ${ROUNDS} rounds)`);
console.log(`bare: ${fixed(result.bare, 0)} requests/s (mean of ${ROUNDS} rounds)`);
console.log(
  `Ratio API/bare: ${fixed(result.ratio)} (target >= ${MIN_RATIO}) ${verdict(result.passed)}`,
);
writeResult(result);
process.exitCode = result.passed ? 0 : 1;

async function measure({ apiUrl, bareUrl }) {
  const token = await mintPortalSession(apiUrl, seed.secretKey, seed.customers.big.id);
  const targets = {
    api: {
      url: `${apiUrl}/v1/portal/invoices?status=all&limit=25`,
      headers: { authorization: `Bearer ${token}` },
    },
    bare: {
      url: `${bareUrl}/bare/invoices?${new URLSearchParams({
        vendor: seed.vendorId,
        customer: seed.customers.big.id,
      })}`,
      headers: {},
    },
  };
  await checkTargets(targets);

  for (const target of Object.values(targets)) await load(target, WARMUP_SECONDS);
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const name of ['api', 'bare']) {
      const figures = await load(targets[name], SECONDS);
      rounds.push({ round, target: name, ...figures });
    }
  }

  const average = (name) =>
    mean(rounds.filter((round) => round.target === name).map((round) => round.requestsPerSecond));
  const ratio = average('api') / average('bare');
  return {
    benchmark: 'invoice-list-throughput',
    connections: CONNECTIONS,
    seconds: SECONDS,
    rounds,
    api: average('api'),
    bare: average('bare'),
    ratio,
    minRatio: MIN_RATIO,
    passed: ratio >= MIN_RATIO,
  };
}

/** Checks that both targets return the page before any load is sent. */
async function checkTargets(targets) {
  for (const [name, target] of Object.entries(targets)) {
    const response = await getJson(target.url, target.headers);
    const rows = Array.isArray(response.body) ? response.body : response.body?.data;
    if (response.status !== 200 || !(rows?.length >= 25)) {
      throw new Error(
        `${name}: GET ${target.url} returned ${response.status}, expected 200 with 25 invoices: ` +
          JSON.stringify(response.body).slice(0, 300),
      );
    }
  }
}

/** Runs autocannon for `seconds`; throws if any request failed or got a status other than 2xx. */
async function load(target, seconds) {
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `Load on ${target.url}: ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${result.non2xx} responses other than 2xx; the figures would not be comparable.`,
    );
  }
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
