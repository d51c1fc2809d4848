import path from 'node:path';
import type { Config } from './config.js';
import {
  connectDatabase,
  type Db,
  type EmbeddedDatabase,
  ensureDatabase,
  migrateToLatest,
  startEmbeddedPostgres,
} from './db/index.js';

/** An open, migrated database and how to close it. */
export interface OpenDatabase {
  db: Db;
  /** Whether the embedded PostgreSQL serves it (no `DATABASE_URL`). */
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE_NAME = 'duly';

/**
 * Connects to `DATABASE_URL`, or when it is not set to the embedded PostgreSQL in
 * `<data dir>/postgres` (starting it if no other process has), and brings the schema up
 * to date.
 */
export async function openDatabase(
  config: Config,
  options: { max?: number } = {},
): Promise<OpenDatabase> {
  let server: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    server = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPostgresPort,
    });
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
    url = server.urlFor(EMBEDDED_DATABASE_NAME);
  }

  const db = connectDatabase(url, options);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    await server?.stop();
    throw error;
  }
  return {
    db,
    embedded: server !== undefined,
    close: async () => {
      await db.destroy();
      await server?.stop();
    },
  };
}
