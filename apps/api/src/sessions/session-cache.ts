import type { PortalSessionRecord } from './session-repository.js';

/** Options of `PortalSessionCache`. */
export interface SessionCacheOptions {
  /** Milliseconds an entry is served before the next request reads the session again. */
  lifetimeMs: number;
  /** Maximum number of entries. When full, the entry stored first makes room. */
  maxEntries: number;
  /** Monotonic milliseconds, `performance.now` when left out. */
  now?: () => number;
}

interface CacheEntry {
  session: PortalSessionRecord;
  storedAt: number;
}

/**
 * Portal session look-ups kept in memory by token hash, so that most portal requests make
 * one database round trip instead of two. The cache is only as fresh as the revocation
 * notices it receives: it serves nothing until `enable()` (the revocation channel is
 * listened to), and `disable()` (the listener dropped) empties it and turns it off again.
 *
 * Only live, unrevoked sessions are stored. Expiry is not the cache's concern: callers
 * compare a session's `expires_at` with their clock on every request. A change that sends
 * no revocation notice, such as a direct SQL update of the session or of its vendor's
 * allowed origins, is seen once the entry's lifetime ends.
 */
export class PortalSessionCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #lifetimeMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  #enabled = false;
  /**
   * Increments on every revocation and state change, so that a look-up that began before
   * one does not store what it read.
   */
  #generation = 0;

  constructor(options: SessionCacheOptions) {
    this.#lifetimeMs = options.lifetimeMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Whether look-ups are served from memory and stored. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Entries held, fresh or not yet found stale. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Returns the session of `tokenHash` from memory when a fresh entry exists, else loads
   * it with `load` and stores it if it is live and nothing was revoked meanwhile.
   */
  async find(
    tokenHash: string,
    load: (tokenHash: string) => Promise<PortalSessionRecord | undefined>,
  ): Promise<PortalSessionRecord | undefined> {
    if (this.#enabled) {
      const entry = this.#entries.get(tokenHash);
      if (entry !== undefined && this.#now() - entry.storedAt < this.#lifetimeMs) {
        return entry.session;
      }
      this.#entries.delete(tokenHash);
    }

    const generation = this.#generation;
    const session = await load(tokenHash);
    if (
      session !== undefined &&
      session.revoked_at === null &&
      this.#enabled &&
      generation === this.#generation
    ) {
      this.#store(tokenHash, session);
    }
    return session;
  }

  /** Drops the entries of the revoked session `sessionId`. */
  revoke(sessionId: string): void {
    this.#generation += 1;
    for (const [tokenHash, entry] of this.#entries) {
      if (entry.session.id === sessionId) this.#entries.delete(tokenHash);
    }
  }

  /** Starts serving from memory, with nothing stored from before. */
  enable(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#enabled = true;
  }

  /** Empties the cache and stops serving from it until `enable()`. */
  disable(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#enabled = false;
  }

  #store(tokenHash: string, session: PortalSessionRecord): void {
    this.#entries.delete(tokenHash);
    if (this.#entries.size >= this.#maxEntries) {
      // A Map iterates in insertion order, so this is the entry stored first.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(tokenHash, { session, storedAt: this.#now() });
  }
}
