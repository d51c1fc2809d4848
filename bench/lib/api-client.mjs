import { fork } from 'node:child_process';
import http from 'node:http';

/**
 * Starts `api-process.mjs` and resolves once its servers listen. Its standard output (the
 * API's request log) is dropped; errors still reach standard error.
 */
export function startApiProcess() {
  const child = fork(new URL('./api-process.mjs', import.meta.url), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: process.env.DULY_BENCH_API_NODE_OPTIONS?.split(' ') ?? [],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The API process exited with code ${code}.`)));
    child.once('message', (urls) => {
      child.removeAllListeners('exit');
      resolve({
        ...urls,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

/**
 * Keep-alive connection for sequential requests, so each timing covers one request and
 * not a TCP handshake.
 */
export const sequentialAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Sends a GET and reads the whole body. Resolves with the status, the parsed JSON body and
 * the time from sending to the last byte, in milliseconds.
 */
export function getJson(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const request = http.get(url, { headers, agent: sequentialAgent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
        const text = Buffer.concat(chunks).toString('utf8');
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        resolve({ status: response.statusCode, body, milliseconds });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Sends a JSON POST with the vendor's secret key; throws unless the status is `expected`. */
export async function postJson(url, secretKey, body, expected = 201) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`POST ${url} returned ${response.status}, expected ${expected}: ${text}`);
  }
  return JSON.parse(text);
}

/** Mints a portal session for `customerId` through the vendor API and returns its token. */
export async function mintPortalSession(apiUrl, secretKey, customerId) {
  const session = await postJson(`${apiUrl}/v1/portal_sessions`, secretKey, {
    customer: customerId,
    expires_in: 86_400,
  });
  return session.token;
}
