import { describe, expect, it } from 'vitest';
import { PortalSessionCache } from './session-cache.js';
import type { PortalSessionRecord } from './session-repository.js';

function sessionRecord(
  id: string,
  revokedAt: Date | null = null,
  features: string[] | null = null,
): PortalSessionRecord {
  return {
    id,
    vendor_id: 'ven_cacheTest',
    livemode: false,
    customer_id: 'cus_cacheTest',
    locale: 'en',
    allowed_origin: null,
    features,
    invoice_id: null,
    expires_at: new Date('2026-03-15T13:00:00Z'),
    revoked_at: revokedAt,
    time_zone: 'UTC',
    allowed_origins: ['https://billing.example.com'],
  };
}

/** Builds a cache on a hand-moved clock, with a database stand-in that records reads. */
function cacheWithStore(options: { lifetimeMs?: number; maxEntries?: number } = {}) {
  let now = 0;
  const rows = new Map<string, PortalSessionRecord>();
  const reads: string[] = [];
  const cache = new PortalSessionCache({
    lifetimeMs: options.lifetimeMs ?? 30_000,
    maxEntries: options.maxEntries ?? 100,
    now: () => now,
  });
  const load = async (tokenHash: string) => {
    reads.push(tokenHash);
    return rows.get(tokenHash);
  };
  return {
    cache,
    rows,
    reads,
    load,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('PortalSessionCache', () => {
  it('reads every time until enabled', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));

    await cache.find('hash-a', load);
    await cache.find('hash-a', load);

    expect(reads).toEqual(['hash-a', 'hash-a']);
    expect(cache.size).toBe(0);
  });

  it('serves a stored session once enabled', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));
    cache.enable();

    const first = await cache.find('hash-a', load);
    const second = await cache.find('hash-a', load);

    expect(reads).toEqual(['hash-a']);
    expect(second).toBe(first);
  });

  it('serves the stored features of a session', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a', null, ['pay', 'statements']));
    cache.enable();

    await cache.find('hash-a', load);
    const cached = await cache.find('hash-a', load);

    expect(reads).toEqual(['hash-a']);
    expect(cached?.features).toEqual(['pay', 'statements']);
  });

  it('reads again after the lifetime', async () => {
    const { cache, rows, reads, load, advance } = cacheWithStore({ lifetimeMs: 30_000 });
    rows.set('hash-a', sessionRecord('ps_a'));
    cache.enable();

    await cache.find('hash-a', load);
    advance(29_999);
    await cache.find('hash-a', load);
    advance(1);
    await cache.find('hash-a', load);

    expect(reads).toEqual(['hash-a', 'hash-a']);
  });

  it('stores no unknown or revoked session', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-r', sessionRecord('ps_r', new Date('2026-03-15T12:00:00Z')));
    cache.enable();

    expect(await cache.find('hash-missing', load)).toBeUndefined();
    expect((await cache.find('hash-r', load))?.revoked_at).not.toBeNull();
    await cache.find('hash-missing', load);
    await cache.find('hash-r', load);

    expect(reads).toEqual(['hash-missing', 'hash-r', 'hash-missing', 'hash-r']);
    expect(cache.size).toBe(0);
  });

  it('drops a revoked session at once', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));
    rows.set('hash-b', sessionRecord('ps_b'));
    cache.enable();
    await cache.find('hash-a', load);
    await cache.find('hash-b', load);

    rows.set('hash-a', sessionRecord('ps_a', new Date('2026-03-15T12:00:00Z')));
    cache.revoke('ps_a');
    const revoked = await cache.find('hash-a', load);
    await cache.find('hash-b', load);

    expect(revoked?.revoked_at).not.toBeNull();
    expect(reads).toEqual(['hash-a', 'hash-b', 'hash-a']);
  });

  it('skips storing a read that a revocation overtook', async () => {
    const { cache, rows, reads } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));
    cache.enable();
    // The read returns the row as it was before the revocation committed.
    const slowLoad = async (tokenHash: string) => {
      reads.push(tokenHash);
      const before = rows.get(tokenHash);
      cache.revoke('ps_a');
      return before;
    };

    await cache.find('hash-a', slowLoad);
    rows.set('hash-a', sessionRecord('ps_a', new Date('2026-03-15T12:00:00Z')));
    const after = await cache.find('hash-a', slowLoad);

    expect(reads).toEqual(['hash-a', 'hash-a']);
    expect(after?.revoked_at).not.toBeNull();
  });

  it('empties and bypasses itself when disabled', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));
    cache.enable();
    await cache.find('hash-a', load);

    cache.disable();
    await cache.find('hash-a', load);
    await cache.find('hash-a', load);

    expect(cache.enabled).toBe(false);
    expect(cache.size).toBe(0);
    expect(reads).toEqual(['hash-a', 'hash-a', 'hash-a']);
  });

  it('skips storing a read that a disconnect overtook', async () => {
    const { cache, rows, reads } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));
    cache.enable();
    // The listener drops and reconnects while the read is under way.
    const slowLoad = async (tokenHash: string) => {
      reads.push(tokenHash);
      cache.disable();
      cache.enable();
      return rows.get(tokenHash);
    };

    await cache.find('hash-a', slowLoad);

    expect(cache.size).toBe(0);
  });

  it('starts empty when enabled again', async () => {
    const { cache, rows, reads, load } = cacheWithStore();
    rows.set('hash-a', sessionRecord('ps_a'));
    cache.enable();
    await cache.find('hash-a', load);

    cache.enable();
    await cache.find('hash-a', load);

    expect(reads).toEqual(['hash-a', 'hash-a']);
  });

  it('drops the oldest entry when full', async () => {
    const { cache, rows, reads, load } = cacheWithStore({ maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) rows.set(`hash-${name}`, sessionRecord(`ps_${name}`));
    cache.enable();

    await cache.find('hash-a', load);
    await cache.find('hash-b', load);
    await cache.find('hash-c', load);
    reads.length = 0;
    await cache.find('hash-b', load);
    await cache.find('hash-c', load);
    await cache.find('hash-a', load);

    expect(cache.size).toBe(2);
    expect(reads).toEqual(['hash-a']);
  });
});
