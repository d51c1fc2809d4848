// Child process of the latency and throughput benchmarks: serves the real API and, for the
// throughput comparison, a bare Hono route that runs the API's own listing query without
// authentication, both in this one process on one connection pool. Running the servers
// apart from the load generator keeps the two from sharing one event loop.
//
// Sends `{ apiUrl, bareUrl }` over IPC once both listen, and exits on the message 'stop'.

import { setTimeout } from 'node:timers/promises';
import { createApp, listCustomerInvoices, openDatabase, systemClock } from '@duly/api';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { benchConfig } from './bench-database.mjs';

const CLOSE_TIMEOUT_MS = 3000;

const open = await openDatabase(benchConfig(), { max: 10 });
const app = createApp({ db: open.db, clock: systemClock, publicUrl: 'http://127.0.0.1' });

// `GET /bare/invoices?vendor=&customer=`: the first page of a customer's invoices (all
// statuses, 25 rows), with no session, no CORS and no mapping to API objects.
const bare = new Hono();
bare.get('/bare/invoices', async (c) => {
  const rows = await listCustomerInvoices(
    open.db,
    { vendorId: c.req.query('vendor'), livemode: false },
    {
      customerId: c.req.query('customer'),
      filter: 'all',
      today: systemClock.now().toISOString().slice(0, 10),
      limit: 25,
      after: undefined,
    },
  );
  return c.json(rows);
});

const apiServer = await listen(app);
const bareServer = await listen(bare);
process.send({ apiUrl: apiServer.url, bareUrl: bareServer.url });

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await Promise.all([close(apiServer.server), close(bareServer.server)]);
  // postgres.js can leave end() pending forever once a connection was reserved and released
  // (porsager/postgres#925, seen with 3.4.x here), so the pool gets a few seconds to close.
  await Promise.race([open.close(), setTimeout(CLOSE_TIMEOUT_MS)]);
  process.exit(0);
});

function listen(honoApp) {
  return new Promise((resolve) => {
    const server = serve({ fetch: honoApp.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

function close(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
