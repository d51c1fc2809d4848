import { createHash } from 'node:crypto';
import { randomToken } from './ids.js';

/**
 * Hashes a secret key or token for storage and look-up. The secrets are 192 bits of
 * randomness, so a plain SHA-256 suffices: there is nothing to brute-force that a slow
 * password hash would protect.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret API key: `sk_test_` or `sk_live_` and 32 random characters. */
export function newSecretKey(livemode: boolean): string {
  return `sk_${livemode ? 'live' : 'test'}_${randomToken(32)}`;
}

/** A new portal session token: `pst_` and 43 random characters (about 256 bits). */
export function newSessionToken(): string {
  return `pst_${randomToken(43)}`;
}

/** Returns a new pay-link token: `plt_` and 43 random characters (about 256 bits). */
export function newPayLinkToken(): string {
  return `plt_${randomToken(43)}`;
}
