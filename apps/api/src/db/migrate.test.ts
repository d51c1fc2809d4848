import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from './connection.js';
import { migrateToLatest } from './migrate.js';

const db = connectDatabase(inject('databaseUrl'), { max: 2 });
afterAll(() => db.destroy());

describe('migrations', () => {
  it('are idempotent when run again', async () => {
    await migrateToLatest(db);
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    expect(rows.map((row) => row.name)).toEqual(['0001-initial']);
  });

  it('keep dates as plain YYYY-MM-DD strings', async () => {
    const { rows } = await sql<{ day: string }>`SELECT date '2013-11-30' AS day`.execute(db);
    expect(rows[0]?.day).toBe('2013-11-30');
  });
});
