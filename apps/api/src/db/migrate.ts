import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './connection.js';
import * as initial from './migrations/0001-initial.js';

/** Every migration, in order. Listed in code so the built `dist/` needs no file scan. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
};

const provider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/**
 * Brings the schema up to date. Safe to call from several processes at once: Kysely holds
 * an advisory lock while it migrates. Throws with the failing migration's name.
 */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const name = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${name}: ${String(error)}`, { cause: error });
  }
}
