import { afterAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { connectDatabase } from '../db/index.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  releaseIdempotencyKey,
} from './index.js';

const db = connectDatabase(inject('databaseUrl'), { max: 2 });
afterAll(() => db.destroy());

function claimFor(key: string, body: unknown) {
  return {
    scope: 'customer:cus_idempotencyTest',
    key,
    requestHash: hashRequest('POST', '/v1/portal/payments', body),
  };
}

describe('idempotency keys', () => {
  it('hash the same body with keys in another order alike', () => {
    expect(hashRequest('POST', '/p', { a: 1, b: [{ c: 2, d: 3 }] })).toBe(
      hashRequest('post', '/p', { b: [{ d: 3, c: 2 }], a: 1 }),
    );
    expect(hashRequest('POST', '/p', { a: 1 })).not.toBe(hashRequest('POST', '/q', { a: 1 }));
  });

  it('replay the stored response for 24 hours, then start afresh', async () => {
    const clock = new ManualClock('2026-03-15T12:00:00Z');
    const claim = claimFor('expiring-key', { amount: 1 });
    expect(await claimIdempotencyKey(db, clock, claim)).toEqual({ kind: 'claimed' });
    await completeIdempotencyKey(db, claim, 201, { id: 'pay_first' });

    clock.advance(24 * 60 * 60 * 1000 - 1);
    expect(await claimIdempotencyKey(db, clock, claim)).toEqual({
      kind: 'replay',
      status: 201,
      body: { id: 'pay_first' },
    });

    clock.advance(1);
    expect(await claimIdempotencyKey(db, clock, claimFor('expiring-key', { amount: 2 }))).toEqual({
      kind: 'claimed',
    });
  });

  it('can be claimed again after a release', async () => {
    const clock = new ManualClock('2026-03-15T12:00:00Z');
    const claim = claimFor('released-key', { amount: 1 });
    await claimIdempotencyKey(db, clock, claim);
    await releaseIdempotencyKey(db, claim);

    expect(await claimIdempotencyKey(db, clock, claim)).toEqual({ kind: 'claimed' });
  });
});
