import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test-only: a real HTTP server on 127.0.0.1 that receives webhook deliveries, records
 * each request's raw body and headers, and responds with the status the test picks. Nothing in
 * the API imports it.
 */

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Picks the status of one request. It may wait, which keeps the request open. */
export type Responder = (request: ReceivedRequest) => number | Promise<number>;

export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  respond: Responder = () => 200;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(port: number): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const request = {
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        receiver?.requests.push(request);
        const status = await (receiver?.respond(request) ?? 200);
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(String(status));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address() as AddressInfo;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${address.port}`);
    return receiver;
  }

  /** Returns the requests made to `path`, in order of arrival. */
  requestsTo(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
