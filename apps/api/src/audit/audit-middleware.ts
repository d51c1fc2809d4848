import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { AppEnv } from '../http/app-env.js';
import { newId } from '../ids.js';
import { runInAuditedRequest } from './audit-context.js';
import { insertAuditEntry, listRequestEvents } from './audit-repository.js';
import { redactSecrets } from './redaction.js';

/** Methods that only read; calls with any other method are recorded. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A path segment that is an object id made by `newId`, such as `inv_` and 20 characters. */
const OBJECT_ID_SEGMENT = /^[a-z]+_[0-9A-Za-z]{20}$/;

/**
 * Records each vendor API call that may change something (any method but GET, HEAD and
 * OPTIONS) in the audit log once the response is ready. An entry has the key, the time,
 * the path, the status (successes and rejections both), the redacted request body and the
 * events the call recorded. It runs after `requireSecretKey`, so calls with a bad key are
 * not recorded.
 *
 * NOTE: the entry is written after the call's own transaction commits, so a process that
 * dies between the two leaves a change without its entry. The events of that change still
 * carry its request id.
 */
export function recordVendorCalls(db: Db, clock: Clock) {
  return createMiddleware<AppEnv>(async function recordVendorCalls(c, next) {
    if (READ_METHODS.has(c.req.method)) return next();

    const requestId = c.get('requestId');
    let status: number | undefined;
    try {
      await runInAuditedRequest(requestId, async () => {
        await next();
      });
      status = c.res.status;
    } finally {
      // An error the app's handler did not turn into a response ends as a 500.
      await writeEntry(c, db, clock, status ?? 500);
    }
  });
}

async function writeEntry(c: Context<AppEnv>, db: Db, clock: Clock, status: number) {
  const vendor = c.get('vendor');
  const requestId = c.get('requestId');
  try {
    const events = await listRequestEvents(db, requestId);
    const objectId = objectIdOfPath(c.req.path) ?? events[0]?.object_id ?? null;
    await insertAuditEntry(
      db,
      {
        id: newId('aud'),
        vendorId: vendor.vendorId,
        livemode: vendor.livemode,
        apiKeyId: vendor.keyId,
        requestId,
        method: c.req.method,
        path: c.req.path,
        status,
        objectId,
        requestBody: redactSecrets(await readJsonBody(c)),
        createdAt: clock.now(),
      },
      events.map((event) => event.id),
    );
  } catch (error) {
    // The call's response is kept, because failing it now would report a change as not made.
    c.get('logger').error('audit entry not written', {
      request_id: requestId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Returns the last object id in the path, such as `inv_...` in `/v1/invoices/inv_.../void`. */
function objectIdOfPath(path: string): string | undefined {
  return path
    .split('/')
    .reverse()
    .find((segment) => OBJECT_ID_SEGMENT.test(segment));
}

/**
 * Reads the request body as JSON, from the copy Hono keeps once the handler has read it.
 * Returns null for no body or a body that is not JSON.
 */
async function readJsonBody(c: Context<AppEnv>): Promise<unknown> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return null;
  }
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
