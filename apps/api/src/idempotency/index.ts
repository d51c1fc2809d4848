export {
  type ClaimResult,
  claimIdempotencyKey,
  completeIdempotencyKey,
  IDEMPOTENCY_KEY_TTL_MS,
  type IdempotencyClaim,
  releaseIdempotencyKey,
} from './idempotency-store.js';
export { readIdempotencyKey, replayResponse, sendJson } from './idempotent-request.js';
export { canonicalJson, hashRequest } from './request-hash.js';
