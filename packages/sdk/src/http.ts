import type { Problem } from '@duly/core';
import { DulyApiError, DulyConnectionError, type DulyError, errorForStatus } from './errors.js';

/** The `fetch` the SDK calls; the global one unless a caller passes its own. */
export type FetchFunction = typeof fetch;

/** One API call. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the API's base address, such as `v1/portal/invoices`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Secret key or portal session token, sent as `Authorization: Bearer`. */
  token: string;
  idempotencyKey?: string | undefined;
  /**
   * The media type of a file to download, such as `application/pdf`: `send` returns the
   * response's bytes as a `Uint8Array` instead of parsed JSON. JSON when left out.
   */
  accept?: string;
}

/** Sends API requests and turns problem documents into typed errors. */
export interface Transport {
  /**
   * Sends `request` and returns the parsed JSON body (`undefined` when it is empty), or the
   * body's bytes as a `Uint8Array` when `accept` names a file type.
   */
  send<T>(request: ApiRequest): Promise<T>;
  /** Sends `request` and returns the body as a `Blob`, for files such as a receipt PDF. */
  sendForBlob(request: ApiRequest): Promise<Blob>;
}

/**
 * Checks that `api` is an absolute http(s) address and returns it with a trailing slash,
 * so that relative paths resolve below it (`https://host/duly/` + `v1/...`).
 */
export function normalizeBaseUrl(api: unknown, caller: string): string {
  let url: URL | undefined;
  if (typeof api === 'string') {
    try {
      url = new URL(api);
    } catch {
      url = undefined;
    }
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(
      `${caller}: \`api\` must be the absolute address of the Duly API, such as ` +
        `"https://api.example.com"; received ${JSON.stringify(api)}.`,
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** How long a request may take before it fails as `timed_out`, unless a caller sets another. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export function createTransport(
  baseUrl: string,
  fetchFunction?: FetchFunction,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Transport {
  // Looked up per call, not bound once, so that a test or polyfill that replaces the global
  // `fetch` later is still used, and browsers never see `fetch` called on another `this`.
  const callFetch: FetchFunction =
    fetchFunction ?? ((input, init) => globalThis.fetch(input, init));

  const fetchResponse = async (request: ApiRequest): Promise<Response> => {
    const url = new URL(request.path, baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }

    const headers: Record<string, string> = {
      Accept:
        request.accept === undefined
          ? 'application/json'
          : `${request.accept}, application/problem+json`,
      Authorization: `Bearer ${request.token}`,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = request.idempotencyKey;

    let response: Response;
    try {
      response = await callFetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'TimeoutError') {
        throw new DulyConnectionError({
          code: 'timed_out',
          detail: `The Duly API at ${url.origin} did not answer within ${timeoutMs} ms. Try again.`,
          cause,
        });
      }
      throw new DulyConnectionError({
        code: 'connection_failed',
        detail: `Could not reach the Duly API at ${url.origin}. Check the network and try again.`,
        cause,
      });
    }

    if (!response.ok) throw await errorFromResponse(response);
    return response;
  };

  return {
    async send<T>(request: ApiRequest): Promise<T> {
      const response = await fetchResponse(request);
      if (request.accept !== undefined) return new Uint8Array(await response.arrayBuffer()) as T;
      return (await readJson(response)) as T;
    },

    async sendForBlob(request: ApiRequest): Promise<Blob> {
      return (await fetchResponse(request)).blob();
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DulyApiError({
      code: 'invalid_response',
      status: response.status,
      detail: `The Duly API answered ${response.status} with a body that is not JSON.`,
      requestId: response.headers.get('Request-Id') ?? undefined,
      cause,
    });
  }
}

/** Reads an error response: a problem document when there is one, else the bare status. */
async function errorFromResponse(response: Response): Promise<DulyError> {
  const headerRequestId = response.headers.get('Request-Id') ?? undefined;
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }

  const problem = isProblemLike(body) ? body : undefined;
  if (!problem) {
    return errorForStatus(response.status, {
      code: 'unexpected_response',
      status: response.status,
      detail: `The Duly API answered ${response.status} ${response.statusText} without a problem document.`,
      requestId: headerRequestId,
    });
  }
  return errorForStatus(response.status, {
    code: problem.code,
    status: response.status,
    detail: problem.detail ?? problem.title ?? problem.code,
    param: problem.param,
    requestId: problem.request_id ?? headerRequestId,
    problem,
  });
}

/**
 * Whether a body looks like a problem document. Only `code` is required, so that a
 * proxy's partial document still yields its code; the SDK does not ship zod to browsers.
 */
function isProblemLike(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string'
  );
}
