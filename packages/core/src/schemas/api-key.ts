import { z } from 'zod';
import { idSchema, TimestampSchema } from './common.js';

/** Maximum grace period of a rolled key: 7 days, in seconds. */
export const MAX_ROLL_GRACE_SECONDS = 7 * 24 * 60 * 60;

/**
 * Statuses of a key at the time it is read. An `active` key authenticates (until
 * `expires_at` when a roll set one), an `expired` key was rolled and its grace period is
 * over, and a `revoked` key was revoked.
 */
export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;

/** A secret API key as the vendor API lists it: never the secret, only its last 4 characters. */
export const ApiKeySchema = z.object({
  object: z.literal('api_key'),
  id: idSchema('key'),
  livemode: z.boolean(),
  last4: z.string(),
  status: z.enum(API_KEY_STATUSES),
  created_at: TimestampSchema,
  /** When a rolled key stops working; null for a key that was never rolled. */
  expires_at: TimestampSchema.nullable(),
  revoked_at: TimestampSchema.nullable(),
  /** The key that replaced this one when it was rolled. */
  rolled_to: idSchema('key').nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** The new key a roll returns, with its secret: shown this once, only its hash is stored. */
export const RolledApiKeySchema = ApiKeySchema.extend({
  secret_key: z.string(),
  /** The key that was rolled, with the `expires_at` its grace period ends at. */
  rolled_from: ApiKeySchema,
});
export type RolledApiKey = z.infer<typeof RolledApiKeySchema>;

export const RollApiKeyRequestSchema = z.strictObject({
  /** The key to roll; the key that authenticates the request when left out. */
  key: idSchema('key').optional(),
  /**
   * Seconds the rolled key keeps working, so that servers can move to the new key: 0 (the
   * default, it stops at once) to 7 days.
   */
  expires_in_seconds: z.number().int().min(0).max(MAX_ROLL_GRACE_SECONDS).optional(),
});
export type RollApiKeyRequest = z.infer<typeof RollApiKeyRequestSchema>;

export const RevokeApiKeyRequestSchema = z.strictObject({
  /** Revokes the key even when it is the mode's last working key, which locks the API out. */
  force: z.boolean().optional(),
});
export type RevokeApiKeyRequest = z.infer<typeof RevokeApiKeyRequestSchema>;
