import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from './connection.js';

describe('connectDatabase', () => {
  it('closes with queries in flight', async () => {
    const db = connectDatabase(inject('databaseUrl'), { max: 4 });
    const queries = Array.from({ length: 100 }, () =>
      sql`SELECT pg_sleep(0.001)`.execute(db).then(
        () => 'done',
        () => 'failed',
      ),
    );
    await Promise.race(queries);

    const started = performance.now();
    await db.destroy();
    const seconds = (performance.now() - started) / 1000;
    const outcomes = await Promise.all(queries);

    expect(seconds).toBeLessThan(10);
    expect(outcomes).toContain('done');
  });
});
