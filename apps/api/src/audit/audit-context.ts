import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the vendor API request whose code is running, carried through every `await`
 * of that request, so that `recordEvent` can tag the events the request records without
 * each service passing the id along.
 */
const auditedRequest = new AsyncLocalStorage<string>();

/** Runs `work` as part of the audited request `requestId`. */
export function runInAuditedRequest<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  return auditedRequest.run(requestId, work);
}

/** Returns the id of the audited request running now, or undefined outside one (jobs, portal). */
export function currentAuditedRequestId(): string | undefined {
  return auditedRequest.getStore();
}
