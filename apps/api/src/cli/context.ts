import { type Clock, clockStartingAt, systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../database.js';
import type { Db } from '../db/index.js';

/** Environment and output streams of a command. */
export interface CliContext {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Loads the configuration from the environment, opens and migrates the database (the
 * embedded PostgreSQL when `DATABASE_URL` is not set), runs `work`, and closes the
 * database whether `work` succeeds or throws.
 */
export async function withDatabase<T>(
  context: CliContext,
  work: (db: Db, clock: Clock) => Promise<T>,
): Promise<T> {
  const config = loadConfig(context.env);
  const clock = config.clockStart === undefined ? systemClock : clockStartingAt(config.clockStart);
  const database = await openDatabase(config, { max: 2 });
  try {
    return await work(database.db, clock);
  } finally {
    await database.close();
  }
}

/** Prints `value` as indented JSON on stdout, for people and for `jq` alike. */
export function printJson(context: CliContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
