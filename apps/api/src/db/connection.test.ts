import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from './connection.js';

describe('connectDatabase', () => {
  it('closes with queries in flight', async () => {
    const db = connectDatabase(inject('databaseUrl'), { max: 4 });
    let finished = 0;
    // With postgres.js 3.4.10, one to three of these never settle once the pool is
    // terminated, so the test counts results instead of awaiting them all.
    const queries = Array.from({ length: 100 }, () =>
      sql`SELECT pg_sleep(0.001)`.execute(db).then(
        () => {
          finished += 1;
        },
        () => {},
      ),
    );
    await Promise.race(queries);

    const started = performance.now();
    await db.destroy();
    const seconds = (performance.now() - started) / 1000;

    expect(seconds).toBeLessThan(10);
    expect(finished).toBeGreaterThan(0);
  });
});
