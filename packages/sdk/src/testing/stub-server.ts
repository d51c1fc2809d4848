import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the stub server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, such as `/v1/portal/invoices?status=open`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface StubResponse {
  status: number;
  body?: unknown;
  /** Sent as is instead of JSON, for responses that are not JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface StubServer {
  /** Base address, such as `http://127.0.0.1:41234`. */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a real HTTP server on a free port of 127.0.0.1 that records every request and
 * replies with the result of `respond`. Error bodies are sent as `application/problem+json`.
 */
export async function startStubServer(
  respond: (request: ReceivedRequest) => StubResponse | Promise<StubResponse>,
): Promise<StubServer> {
  const requests: ReceivedRequest[] = [];

  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request: ReceivedRequest = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: incoming.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
    requests.push(request);

    const response = await respond(request);
    const contentType =
      response.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8';
    outgoing.writeHead(response.status, { 'Content-Type': contentType, ...response.headers });
    outgoing.end(response.rawBody ?? JSON.stringify(response.body ?? null));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A problem document as the API writes it. */
export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
): StubResponse {
  const requestId = `req_${code}`;
  return {
    status,
    headers: { 'Request-Id': requestId },
    body: {
      type: `https://duly.dev/problems/${code}`,
      title: code,
      status,
      code,
      detail: `Detail of ${code}.`,
      request_id: requestId,
      ...extra,
    },
  };
}
