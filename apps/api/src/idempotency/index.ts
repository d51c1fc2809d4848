export {
  type ClaimResult,
  claimIdempotencyKey,
  completeIdempotencyKey,
  IDEMPOTENCY_KEY_TTL_MS,
  type IdempotencyClaim,
  releaseIdempotencyKey,
} from './idempotency-store.js';
export {
  type IdempotentOperation,
  type KeptResponse,
  runIdempotentOperation,
} from './idempotent-operation.js';
export { readIdempotencyKey, replayResponse, sendKeptResponse } from './idempotent-request.js';
export { canonicalJson, hashRequest } from './request-hash.js';
