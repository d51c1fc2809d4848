import { type Db, PostgresDb } from '../db/index.js';
import type { Logger } from '../http/logger.js';
import { PortalSessionCache } from './session-cache.js';
import {
  findSessionByTokenHash,
  PORTAL_SESSION_REVOKED_CHANNEL,
  type PortalSessionRecord,
} from './session-repository.js';

/** Milliseconds a cached session look-up is served before it is read again. */
export const SESSION_CACHE_LIFETIME_MS = 30_000;

/** Maximum number of session look-ups one app keeps, an estimated 1 KB each. */
export const SESSION_CACHE_MAX_ENTRIES = 10_000;

/** Finds a portal session by the hash of its token, revoked ones included. */
export type PortalSessionLookup = (tokenHash: string) => Promise<PortalSessionRecord | undefined>;

/**
 * Builds the session look-up of one app. On a `PostgresDb` (what `connectDatabase`
 * returns), look-ups are cached for `SESSION_CACHE_LIFETIME_MS` while the app listens on
 * `PORTAL_SESSION_REVOKED_CHANNEL`. Listening starts with the first look-up, and the cache
 * stays off while the listener is not connected. Any other `Db` is read on every look-up.
 */
export function createPortalSessionLookup(db: Db, logger: Logger): PortalSessionLookup {
  const load = (tokenHash: string) => findSessionByTokenHash(db, tokenHash);
  if (!(db instanceof PostgresDb)) return load;

  const cache = new PortalSessionCache({
    lifetimeMs: SESSION_CACHE_LIFETIME_MS,
    maxEntries: SESSION_CACHE_MAX_ENTRIES,
  });
  let subscribed = false;
  const subscribe = () => {
    const fields = { channel: PORTAL_SESSION_REVOKED_CHANNEL };
    db.listen(PORTAL_SESSION_REVOKED_CHANNEL, {
      notify: (sessionId) => cache.revoke(sessionId),
      listening: () => {
        cache.enable();
        logger.info('portal session cache on: listening for revocations', fields);
      },
      dropped: () => {
        cache.disable();
        logger.warn(
          'portal session cache off until the revocation listener reconnects; portal requests read their session from the database',
          fields,
        );
      },
    });
  };

  return (tokenHash) => {
    if (!subscribed) {
      subscribed = true;
      subscribe();
    }
    return cache.find(tokenHash, load);
  };
}
