import { expect } from 'vitest';
import type { ApiFixture } from '../http/api-fixture.js';

/** The problem that the API must return for a request it rejects. */
export interface ExpectedProblem {
  status: number;
  code: string;
  /** The field the problem must name, or undefined when it must name none. */
  param?: string;
}

/** A request that the API must reject, with the problem it must return. */
export interface ProblemCase extends ExpectedProblem {
  method: string;
  path: string;
  /** A secret key or portal session token, sent as a bearer token. */
  auth: string;
  /** Sent as JSON. A case without one sends no body. */
  body?: unknown;
}

/**
 * Checks the status, code and param of the problem in `response`, and that it has a
 * detail. `label` names the case in a failure.
 */
export function expectProblem(
  response: { status: number; body: { code?: unknown; param?: unknown; detail?: unknown } },
  expected: ExpectedProblem,
  label: string,
): void {
  expect(response.status, label).toBe(expected.status);
  expect(response.body.code, label).toBe(expected.code);
  expect(response.body.param, label).toBe(expected.param);
  expect(response.body.detail, label).toEqual(expect.any(String));
}

/**
 * Sends each case through `api` and checks the problem it returns with `expectProblem`. A
 * failure names the method, path and body of its case.
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
    expectProblem(response, entry, label);
  }
}
