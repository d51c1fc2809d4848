/**
 * Creates a fresh `Idempotency-Key` (a random UUID) for one attempt to move money. Send the
 * same key again only to retry that same attempt, for example after a network failure; a new
 * attempt (another card, other amounts) needs a new key.
 */
export function createIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
