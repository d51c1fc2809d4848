import { expect } from 'vitest';
import type { ApiFixture } from '../http/api-fixture.js';

/** A request that the API must reject, with the problem it must return. */
export interface ProblemCase {
  method: string;
  path: string;
  /** A secret key or portal session token, sent as a bearer token. */
  auth: string;
  /** Sent as JSON. A case without one sends no body. */
  body?: unknown;
  status: number;
  code: string;
  /** The field the problem must name, or undefined when it must name none. */
  param?: string;
}

/**
 * Sends each case through `api` and checks the status, code and param of the problem it
 * returns, and that it has a detail. A failure names the method, path and body of its case.
 */
export async function expectProblemCases(
  api: ApiFixture,
  cases: readonly ProblemCase[],
): Promise<void> {
  for (const entry of cases) {
    const label = `${entry.method} ${entry.path} ${JSON.stringify(entry.body)}`;
    const response = await api.request(entry.method, entry.path, {
      auth: entry.auth,
      ...(entry.body === undefined ? {} : { body: entry.body }),
    });

    expect(response.status, label).toBe(entry.status);
    expect(response.body.code, label).toBe(entry.code);
    expect(response.body.param, label).toBe(entry.param);
    expect(response.body.detail, label).toEqual(expect.any(String));
  }
}
