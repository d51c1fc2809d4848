// Gzipped size of what a browser downloads before `<duly-portal>` paints its first screen:
// `duly.js` and every script or stylesheet it loads up to that moment. The built file is
// loaded in a page in Chromium against a small fake portal API served by this script.
// The scripts and stylesheets that the page started to fetch before the first invoice row
// had a size on screen are gzipped at level 9 and summed. Budget: 40 KB (40,960 bytes).
//
// Environment: CHROME_PATH (else /usr/bin/chromium, else chromium on PATH).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { PORTAL_FEATURES } from '../packages/core/dist/index.js';
import { CHROMIUM_FLAGS, findChromium, missingChromiumMessage } from '../scripts/lib/chromium.mjs';
import { verdict, writeResult } from './lib/results.mjs';
import { table } from './lib/stats.mjs';

const BUDGET_BYTES = 40 * 1024;
const WIDGET_DIST = fileURLToPath(new URL('../packages/widget/dist', import.meta.url));
const SCRIPT_FILE = path.join(WIDGET_DIST, 'duly.js');
/** Resource types that count: code and styles the first screen needs, not API data. */
const COUNTED_TYPES = new Set(['script', 'stylesheet']);

async function measure(browser, server) {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request));
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await recordFirstRow(page);
  await page.goto(`${server.url}/`);
  let firstRowAt;
  try {
    firstRowAt = await firstRowVisibleAt(page);
  } catch (error) {
    throw new Error(
      `The widget did not show an invoice row within 20 s (page errors: ${pageErrors.join('; ') || 'none'}).`,
      { cause: error },
    );
  }
  // Lets chunks that load after the first screen show up, to list them apart.
  await page.waitForTimeout(1000);

  // Requests are split by when the page started them, on the page's own clock, because
  // the widget starts loading its other chunks before Playwright learns that the row is
  // visible.
  const startTimes = new Map(
    await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => [entry.name, entry.startTime]),
    ),
  );
  const startedBefore = (request) => (startTimes.get(request.url()) ?? 0) <= firstRowAt;
  const beforePaint = requests.filter(startedBefore);
  const afterPaint = requests.filter((request) => !startedBefore(request));

  const files = await gzipSizes(beforePaint);
  const lateFiles = await gzipSizes(afterPaint);
  const gzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  return {
    benchmark: 'widget-size',
    moduleScript: server.moduleScript,
    files,
    lateFiles,
    gzipBytes,
    budgetBytes: BUDGET_BYTES,
    passed: gzipBytes <= BUDGET_BYTES,
  };
}

/**
 * Records in the page, from before its first script runs, the `performance.now()` of the
 * first animation frame in which an invoice row has a size on screen. A check that starts
 * after `page.goto` would come too late: the row can show before the page's load event.
 */
async function recordFirstRow(page) {
  await page.addInitScript(() => {
    const check = () => {
      const list = document
        .querySelector('duly-portal')
        ?.shadowRoot?.querySelector('duly-invoice-list');
      const row = list?.shadowRoot?.querySelector('[data-testid="invoice-row"]');
      const box = row?.getBoundingClientRect();
      if (box && box.width > 0 && box.height > 0) window.__dulyFirstRowAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Waits for the first invoice row and returns when it showed, on the page's clock. */
async function firstRowVisibleAt(page) {
  const handle = await page.waitForFunction(() => window.__dulyFirstRowAt, undefined, {
    timeout: 20_000,
  });
  return handle.jsonValue();
}

async function gzipSizes(requests) {
  const files = [];
  for (const request of requests) {
    if (!COUNTED_TYPES.has(request.resourceType())) continue;
    const response = await request.response();
    if (response === null) throw new Error(`${request.url()} got no response.`);
    const body = await response.body();
    files.push({
      path: new URL(request.url()).pathname,
      bytes: body.length,
      gzipBytes: gzipSync(body, { level: 9 }).length,
    });
  }
  return files;
}

/**
 * Serves a host page, the widget's built files and a fake portal API with one vendor, one
 * customer and a few invoices, on 127.0.0.1 and a free port.
 */
async function startServer() {
  const script = readFileSync(SCRIPT_FILE, 'utf8');
  // An ES module build (for example one that splits chunks) must load with type="module".
  const moduleScript = /^\s*(import|export)\b/m.test(script) || /\bimport\(/.test(script);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (url.pathname === '/') return sendHostPage(response, server, moduleScript);
    if (url.pathname.startsWith('/v1/')) return sendFakeApi(request.method, url, response);
    return sendWidgetFile(url.pathname, response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, moduleScript, close: () => server.close() };
}

function sendHostPage(response, server, moduleScript) {
  const api = `http://127.0.0.1:${server.address().port}`;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Duly widget size</title></head>
  <body>
    <duly-portal session="pst_bench" api="${api}"></duly-portal>
    <script src="/duly.js"${moduleScript ? ' type="module"' : ''}></script>
  </body>
</html>`);
}

function sendWidgetFile(pathname, response) {
  const file = path.join(WIDGET_DIST, path.normalize(pathname));
  if (!file.startsWith(WIDGET_DIST) || !existsSync(file) || !file.endsWith('.js')) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    return response.end('not found');
  }
  response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
  response.end(readFileSync(file));
}

const TODAY = new Date().toISOString().slice(0, 10);

function fakeInvoice(index, status) {
  const dueDate = new Date(Date.now() + (index - 5) * 86_400_000).toISOString().slice(0, 10);
  const total = 12_500 + index * 1_000;
  return {
    object: 'invoice',
    id: `inv_bench${String(index).padStart(15, '0')}`,
    number: `INV-${1000 + index}`,
    customer: 'cus_bench000000000000000',
    status,
    currency: 'USD',
    total,
    amount_due: status === 'open' ? total : 0,
    amount_pending: 0,
    amount_payable: status === 'open' ? total : 0,
    issue_date: TODAY,
    due_date: dueDate,
    overdue: status === 'open' && dueDate < TODAY,
    disputed: false,
    payment_notice: null,
    paid_at: status === 'paid' ? new Date().toISOString() : null,
    metadata: {},
    livemode: false,
    created_at: new Date().toISOString(),
  };
}

const FAKE_SESSION = {
  object: 'portal_session',
  vendor: {
    id: 'ven_bench000000000000000',
    name: 'Bench Vendor',
    branding: { logo_url: null, primary_color: null },
    time_zone: 'UTC',
  },
  customer: {
    id: 'cus_bench000000000000000',
    name: 'Bench Customer',
    external_id: 'C-1',
    email: null,
  },
  locale: 'en',
  livemode: false,
  provider: 'sandbox',
  expires_at: new Date(Date.now() + 3_600_000).toISOString(),
  today: TODAY,
  balances: [
    {
      currency: 'USD',
      amount_due: 72_500,
      amount_pending: 0,
      open_count: 5,
      overdue_count: 2,
      overdue_amount: 25_500,
      credit: 0,
    },
  ],
  features: [...PORTAL_FEATURES],
  overdue_count: 2,
};

function sendFakeApi(method, url, response) {
  const headers = {
    'content-type': 'application/json',
    'request-id': 'req_bench',
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'Request-Id',
  };
  if (method === 'OPTIONS') {
    response.writeHead(204, {
      ...headers,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Authorization, Content-Type, Idempotency-Key',
    });
    return response.end();
  }
  let status = 200;
  let body;
  if (url.pathname === '/v1/portal/session') {
    body = FAKE_SESSION;
  } else if (url.pathname === '/v1/portal/invoices') {
    const filter = url.searchParams.get('status') ?? 'open';
    const invoices = [1, 2, 3, 4, 5].map((index) =>
      fakeInvoice(index, filter === 'paid' ? 'paid' : 'open'),
    );
    body = {
      object: 'list',
      data: filter === 'overdue' ? invoices.filter((invoice) => invoice.overdue) : invoices,
      next_cursor: null,
    };
  } else if (url.pathname === '/v1/portal/payments') {
    body = { object: 'list', data: [], next_cursor: null };
  } else {
    status = 404;
    headers['content-type'] = 'application/problem+json';
    body = {
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      detail: `The fake API of the size benchmark has no ${url.pathname}.`,
      request_id: 'req_bench',
    };
  }
  response.writeHead(status, headers);
  response.end(JSON.stringify(body));
}

async function main() {
  if (!existsSync(SCRIPT_FILE)) {
    console.error(`${SCRIPT_FILE} is missing; build the widget first with \`pnpm build\`.`);
    process.exitCode = 1;
    return;
  }

  const executablePath = findChromium();
  if (executablePath === undefined) {
    console.error(missingChromiumMessage());
    process.exitCode = 1;
    return;
  }

  const server = await startServer();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  let result;
  try {
    result = await measure(browser, server);
  } finally {
    await browser.close();
    server.close();
  }

  console.log(
    `duly.js and every file loaded before the first screen, gzipped (zlib level 9), ` +
      `${result.moduleScript ? 'loaded as a module script' : 'loaded as a classic script'}:`,
  );
  console.log(
    table(
      ['file', 'bytes', 'gzipped'],
      result.files.map((file) => [file.path, String(file.bytes), String(file.gzipBytes)]),
    ),
  );
  if (result.lateFiles.length > 0) {
    console.log(
      `Loaded after the first screen (not counted): ${result.lateFiles.map((file) => `${file.path} (${file.gzipBytes} B gzipped)`).join(', ')}`,
    );
  }
  console.log('');
  console.log(
    `Widget before first paint: ${result.gzipBytes} bytes gzipped = ` +
      `${(result.gzipBytes / 1024).toFixed(1)} KB (budget ${BUDGET_BYTES / 1024} KB) ` +
      verdict(result.passed),
  );
  writeResult(result);
  process.exitCode = result.passed ? 0 : 1;
}

await main();
