#!/usr/bin/env node
// The example vendor site's backend. Configuration comes from the environment:
//   DULY_SECRET_KEY  the vendor's secret key, sk_test_... (required)
//   DULY_API_URL     the Duly API, reached by this backend and by browsers
//                    (default http://127.0.0.1:4400)
//   PORT, HOST       where the site listens (default 127.0.0.1:4410)
//   DULY_WEBHOOK_SECRET  the signing secret (whsec_...) of the webhook endpoint that points
//                    at this site's /webhooks/duly; deliveries are refused without it
import { createServer } from 'node:http';
import { createSite } from './site.mjs';

const secretKey = process.env.DULY_SECRET_KEY;
if (!secretKey) {
  console.error('DULY_SECRET_KEY is not set. Set it to the vendor secret key (sk_test_...).');
  process.exit(1);
}
const apiUrl = (process.env.DULY_API_URL ?? 'http://127.0.0.1:4400').replace(/\/+$/, '');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4410);

const server = createServer(
  createSite({ apiUrl, secretKey, webhookSecret: process.env.DULY_WEBHOOK_SECRET || undefined }),
);
server.listen(port, host, () => {
  console.log(`Example vendor site listening on http://${host}:${port} (Duly API ${apiUrl})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
