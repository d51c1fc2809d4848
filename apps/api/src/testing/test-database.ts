import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  connectDatabase,
  dropDatabase,
  ensureDatabase,
  migrateToLatest,
  startEmbeddedPostgres,
} from '../db/index.js';
import { findWorkspaceRoot } from '../workspace.js';

/** A fresh, migrated database for one test run or one test file. */
export interface TestDatabase {
  url: string;
  /** Drops the database, and stops the embedded server if this run started it. */
  drop(): Promise<void>;
}

/** Port of the embedded PostgreSQL that test runs share, apart from the demo's. */
const TEST_EMBEDDED_PORT = 54339;

/**
 * Creates an empty database named `duly_test_<random>` with the schema migrated: on the
 * server of `DATABASE_URL` when it is set, else on an embedded PostgreSQL kept in
 * `.duly/test-postgres`.
 */
export async function createTestDatabase(
  env: Record<string, string | undefined> = process.env,
): Promise<TestDatabase> {
  const server = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(findWorkspaceRoot(), '.duly', 'test-postgres'),
        port: TEST_EMBEDDED_PORT,
      });
  const adminUrl = env.DATABASE_URL ?? (server?.adminUrl as string);
  const database = await createMigratedDatabase(adminUrl, 'duly_test');

  return {
    url: database.url,
    drop: async () => {
      await database.drop();
      await server?.stop();
    },
  };
}

/**
 * Creates an empty database named `<prefix>_<random>` on the server that `serverUrl`
 * connects to, with the schema migrated. Its `drop` leaves the server running.
 */
export async function createMigratedDatabase(
  serverUrl: string,
  prefix: string,
): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl, name);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = connectDatabase(url.toString(), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }

  return { url: url.toString(), drop: () => dropDatabase(serverUrl, name) };
}
