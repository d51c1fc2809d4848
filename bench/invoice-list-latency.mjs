// Latency of `GET /v1/portal/invoices` for a customer with 1,000,000 invoices against one with
// 10,000 in the same database: first pages and deep pages of each filter. The listing is
// keyset-paginated on an index, so a page should cost the same whatever the ledger's size.
// The target is a ratio of medians (big / small) of at most 1.5 in every case.
//
// Requests go one at a time over one keep-alive connection to the real API in a child
// process, alternating between the two customers (and which one goes first) so that noise
// on the machine hits both alike.
//
// Environment: DATABASE_URL (else an embedded PostgreSQL in .duly/bench),
// DULY_BENCH_SAMPLES (requests per customer and case, default 300), DULY_BENCH_RESEED=1.
import { availableParallelism } from 'node:os';
import { getJson, mintPortalSession, startApiProcess } from './lib/api-client.mjs';
import { openBenchDatabase } from './lib/bench-database.mjs';
import { verdict, writeResult } from './lib/results.mjs';
import { fixed, median, quantile, table } from './lib/stats.mjs';

const MAX_RATIO = 1.5;
const PAGE_SIZE = 25;
/** How far in the deep pages start, in pages, unless the small customer's list is shorter. */
const MAX_DEPTH_PAGES = 200;
const FILTERS = ['open', 'overdue', 'paid', 'all'];
const SAMPLES = Number(process.env.DULY_BENCH_SAMPLES ?? 300);
const WARMUP_SAMPLES = 30;

const database = await openBenchDatabase();
const { seed } = database;
console.log(`Database: ${database.description}`);
console.log(
  database.seededNow
    ? `Seeded now in ${fixed(seed.seedSeconds, 1)} s.`
    : `Reusing the seed of ${seed.seededAt} (seeding took ${fixed(seed.seedSeconds, 1)} s).`,
);

const api = await startApiProcess();
let result;
try {
  result = await measure(api.apiUrl);
} finally {
  await api.stop();
  await database.close();
}

console.log('');
console.log(
  `GET /v1/portal/invoices, limit ${PAGE_SIZE}, ${SAMPLES} requests per customer and case ` +
    `(${availableParallelism()} CPUs), milliseconds:`,
);
console.log(
  table(
    ['case', 'page', 'big median', 'big p95', 'small median', 'small p95', 'ratio'],
    result.cases.map((row) => [
      row.case,
      String(row.page),
      fixed(row.big.median),
      fixed(row.big.p95),
      fixed(row.small.median),
      fixed(row.small.p95),
      fixed(row.ratio),
    ]),
  ),
);
console.log('');
console.log(
  `Worst median ratio big/small: ${fixed(result.worstRatio)} (target <= ${MAX_RATIO}) ${verdict(result.passed)}`,
);
writeResult(result);
process.exitCode = result.passed ? 0 : 1;

async function measure(apiUrl) {
  const customers = {
    big: await mintPortalSession(apiUrl, seed.secretKey, seed.customers.big.id),
    small: await mintPortalSession(apiUrl, seed.secretKey, seed.customers.small.id),
  };
  const listUrl = (filter, limit, cursor) => {
    const query = new URLSearchParams({ status: filter, limit: String(limit) });
    if (cursor !== undefined) query.set('cursor', cursor);
    return `${apiUrl}/v1/portal/invoices?${query}`;
  };
  const request = async (token, url) => {
    const response = await getJson(url, { authorization: `Bearer ${token}` });
    if (response.status !== 200 || response.body.data.length !== PAGE_SIZE) {
      throw new Error(
        `GET ${url} returned ${response.status} with ${response.body?.data?.length} invoices, ` +
          `expected 200 with ${PAGE_SIZE}: ${JSON.stringify(response.body).slice(0, 300)}`,
      );
    }
    return response.milliseconds;
  };

  const cases = [];
  for (const filter of FILTERS) {
    const smallRows = await countRows(customers.small, (limit, cursor) =>
      listUrl(filter, limit, cursor),
    );
    const depthPages = Math.min(MAX_DEPTH_PAGES, Math.floor(smallRows / PAGE_SIZE / 2));
    const deepCursors = {};
    for (const [name, token] of Object.entries(customers)) {
      deepCursors[name] = await cursorAfter(token, depthPages * PAGE_SIZE, (limit, cursor) =>
        listUrl(filter, limit, cursor),
      );
    }

    cases.push(
      await compare(`${filter}, first page`, 1, {
        big: () => request(customers.big, listUrl(filter, PAGE_SIZE)),
        small: () => request(customers.small, listUrl(filter, PAGE_SIZE)),
      }),
    );
    cases.push(
      await compare(`${filter}, deep page`, depthPages + 1, {
        big: () => request(customers.big, listUrl(filter, PAGE_SIZE, deepCursors.big)),
        small: () => request(customers.small, listUrl(filter, PAGE_SIZE, deepCursors.small)),
      }),
    );
  }

  const worstRatio = Math.max(...cases.map((row) => row.ratio));
  return {
    benchmark: 'invoice-list-latency',
    samples: SAMPLES,
    seedSeconds: seed.seedSeconds,
    seededNow: database.seededNow,
    database: database.description,
    cases,
    worstRatio,
    maxRatio: MAX_RATIO,
    passed: worstRatio <= MAX_RATIO,
  };
}

/** Measures both customers' requests, alternating which goes first in each round. */
async function compare(name, page, send) {
  const times = { big: [], small: [] };
  for (let round = 0; round < WARMUP_SAMPLES + SAMPLES; round += 1) {
    const order = round % 2 === 0 ? ['big', 'small'] : ['small', 'big'];
    for (const customer of order) {
      const milliseconds = await send[customer]();
      if (round >= WARMUP_SAMPLES) times[customer].push(milliseconds);
    }
  }
  const summary = (values) => ({ median: median(values), p95: quantile(values, 0.95) });
  const big = summary(times.big);
  const small = summary(times.small);
  return { case: name, page, big, small, ratio: big.median / small.median };
}

/** Counts a list's rows by walking it 100 at a time (the largest page the API allows). */
async function countRows(token, urlFor) {
  let rows = 0;
  let cursor;
  do {
    const response = await getJson(urlFor(100, cursor), { authorization: `Bearer ${token}` });
    rows += response.body.data.length;
    cursor = response.body.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return rows;
}

/**
 * Walks `rowCount` rows into a list and returns the cursor of the next row. A keyset cursor
 * names a row, not a page size, so walking by 100 reaches the same cursor as by 25.
 */
async function cursorAfter(token, rowCount, urlFor) {
  let walked = 0;
  let cursor;
  while (walked < rowCount) {
    const limit = Math.min(100, rowCount - walked);
    const response = await getJson(urlFor(limit, cursor), { authorization: `Bearer ${token}` });
    walked += response.body.data.length;
    cursor = response.body.next_cursor;
    if (cursor === null) throw new Error(`The list ended after ${walked} of ${rowCount} rows.`);
  }
  return cursor;
}
