import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { connectDatabase } from './connection.js';
import type { ChannelSubscriber } from './notification-listener.js';

const applicationName = `duly-listener-test-${randomBytes(4).toString('hex')}`;
const db = connectDatabase(inject('databaseUrl'), { max: 2, applicationName });
afterAll(() => db.destroy());

/** Builds a subscriber that records its callbacks in order. */
function recordingSubscriber() {
  const events: string[] = [];
  const subscriber: ChannelSubscriber = {
    notify: (payload) => events.push(`notify:${payload}`),
    listening: () => events.push('listening'),
    dropped: () => events.push('dropped'),
  };
  return { events, subscriber };
}

async function notify(channel: string, payload: string): Promise<void> {
  await sql`SELECT pg_notify(${channel}, ${payload})`.execute(db);
}

/** Terminates this file's listener connection, as a restart or a network fault would. */
async function terminateListener(): Promise<number> {
  const { rows } = await sql<{ terminated: boolean }>`
    SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
    WHERE application_name = ${applicationName} AND query ILIKE 'LISTEN%'`.execute(db);
  return rows.length;
}

describe('PostgresDb.listen', () => {
  it('delivers notifications once listening', async () => {
    const { events, subscriber } = recordingSubscriber();
    db.listen('duly_test_delivery', subscriber);
    await vi.waitFor(() => expect(events).toEqual(['listening']));

    await notify('duly_test_delivery', 'first');
    await notify('duly_test_other_channel', 'elsewhere');
    await notify('duly_test_delivery', 'second');

    await vi.waitFor(() => expect(events).toEqual(['listening', 'notify:first', 'notify:second']));
  });

  it('reports a dropped connection and relistens', async () => {
    const { events, subscriber } = recordingSubscriber();
    db.listen('duly_test_reconnect', subscriber);
    await vi.waitFor(() => expect(events).toEqual(['listening']));

    expect(await terminateListener()).toBe(1);
    await vi.waitFor(() => expect(events).toEqual(['listening', 'dropped', 'listening']));
    await notify('duly_test_reconnect', 'after');

    await vi.waitFor(() =>
      expect(events).toEqual(['listening', 'dropped', 'listening', 'notify:after']),
    );
  });

  it('tells a late subscriber it is listening', async () => {
    const first = recordingSubscriber();
    const second = recordingSubscriber();
    db.listen('duly_test_shared', first.subscriber);
    await vi.waitFor(() => expect(first.events).toEqual(['listening']));

    db.listen('duly_test_shared', second.subscriber);
    await notify('duly_test_shared', 'both');

    await vi.waitFor(() => expect(second.events).toEqual(['listening', 'notify:both']));
    expect(first.events).toEqual(['listening', 'notify:both']);
  });

  it('stops delivering after unsubscribe', async () => {
    const kept = recordingSubscriber();
    const removed = recordingSubscriber();
    db.listen('duly_test_unsubscribe', kept.subscriber);
    const unsubscribe = db.listen('duly_test_unsubscribe', removed.subscriber);
    await vi.waitFor(() => expect(removed.events).toEqual(['listening']));

    unsubscribe();
    await notify('duly_test_unsubscribe', 'later');

    await vi.waitFor(() => expect(kept.events).toEqual(['listening', 'notify:later']));
    expect(removed.events).toEqual(['listening']);
  });

  it('closes with the pool', async () => {
    const closing = connectDatabase(inject('databaseUrl'), { max: 1 });
    const { events, subscriber } = recordingSubscriber();
    closing.listen('duly_test_close', subscriber);
    await vi.waitFor(() => expect(events).toEqual(['listening']));

    await closing.destroy();

    expect(events).toEqual(['listening']);
    expect(() => closing.listen('duly_test_close', subscriber)).toThrow(/database is closed/);
  });
});
