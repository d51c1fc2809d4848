import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, providerModules, providerRegistry } from './app.js';
import { type Clock, clockStartingAt, systemClock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase } from './database.js';
import { createLogger, type Logger } from './http/logger.js';
import { createJobRunner, type JobRunner } from './jobs/index.js';
import type { ProviderModule } from './providers/index.js';

/**
 * Milliseconds that closing the server waits for open connections to finish their requests
 * before it closes them.
 */
const CLOSE_TIMEOUT_MS = 10_000;

/** A running API server. */
export interface RunningServer {
  /** The address it listens on, with the real port when the config asked for port 0. */
  url: string;
  /**
   * Stops accepting connections and waits for open requests, stops the job runner after
   * the jobs in hand, then closes the database. Connections still busy after the close
   * timeout (10 s by default) are closed.
   */
  close(): Promise<void>;
}

/**
 * Opens the database (the embedded PostgreSQL when `config.databaseUrl` is not set),
 * brings its schema up to date and serves the API on `config.host` and `config.port`.
 * With `config.jobs` on, it also runs a job runner (autopay, sandbox bank clearing, emails
 * and reminders, webhook deliveries, subscription renewals and retries). Any number of API
 * processes may run one on the same database.
 * `options.closeTimeoutMs` sets how long `close()` lets open connections finish.
 */
export async function startServer(
  config: Config,
  options: { logger?: Logger; closeTimeoutMs?: number } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const database = await openDatabase(config);
  const clock: Clock =
    config.clockStart === undefined ? systemClock : clockStartingAt(config.clockStart);

  // The app and the job runner share one set of provider modules, built once the public
  // URL is known because the Stripe module sends it to Stripe.
  let modules: ProviderModule[] = [];
  let server: ReturnType<typeof serve>;
  let address: AddressInfo;
  try {
    ({ server, address } = await listen(config, (publicUrl) => {
      modules = providerModules(
        { stripe: config.stripe, plaid: config.plaid },
        { db: database.db, clock, logger, publicUrl },
      );
      return createApp({
        db: database.db,
        clock,
        publicUrl,
        sessionTtlSeconds: config.sessionTtlSeconds,
        logger,
        modules,
      });
    }));
  } catch (error) {
    await database.close();
    throw error;
  }

  let jobRunner: JobRunner | undefined;
  if (config.jobs) {
    jobRunner = createJobRunner(
      {
        db: database.db,
        clock,
        logger,
        providers: providerRegistry(modules),
        sandboxAchDelayMs: config.sandboxAchDelayMs,
        publicUrl: config.publicUrl,
        webhookRetryScheduleMs: config.webhookRetryScheduleMs,
        webhookTimeoutMs: config.webhookTimeoutMs,
      },
      { pollIntervalMs: config.jobsPollMs },
    );
    jobRunner.start();
  }

  const url = `http://${formatHost(config.host)}:${address.port}`;
  return {
    url,
    close: async () => {
      // Node keeps serving requests on keep-alive connections that are already open, so a
      // client that never pauses would hold close() open without this timer.
      const forceClose = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS);
      try {
        await Promise.all([
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            // Idle keep-alive connections would hold close() open until they time out.
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
          jobRunner?.stop(),
        ]);
      } finally {
        clearTimeout(forceClose);
      }
      await database.close();
    },
  };
}

/**
 * Listens and builds the app once the real port is known, so that a public URL derived
 * from the host and port (the default) names the port actually in use.
 */
async function listen(
  config: Config,
  buildApp: (publicUrl: string) => { fetch: (request: Request) => Response | Promise<Response> },
) {
  let fetchHandler: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 });
  const server = serve({
    fetch: (request, env) => fetchHandler(request, env),
    hostname: config.host,
    port: config.port,
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', reject);
  });

  const derivedUrl = `http://${config.host}:${config.port}`;
  const publicUrl =
    config.publicUrl === derivedUrl
      ? `http://${formatHost(config.host)}:${address.port}`
      : config.publicUrl;
  let app: { fetch: (request: Request, env: unknown) => Response | Promise<Response> };
  try {
    app = buildApp(publicUrl) as typeof app;
  } catch (error) {
    // The port is already bound; release it, or the process would never exit.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  fetchHandler = (request, env) => app.fetch(request, env);
  return { server, address };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
