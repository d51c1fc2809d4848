import { z } from 'zod';
import { idSchema, TimestampSchema } from './common.js';

/**
 * One vendor API call that changed something or was rejected trying to: who made it (the
 * key), when, what it asked for (the request body with secrets redacted) and the events it
 * recorded. Entries are never changed or deleted.
 */
export const AuditEntrySchema = z.object({
  object: z.literal('audit_entry'),
  id: idSchema('aud'),
  livemode: z.boolean(),
  api_key: idSchema('key'),
  request_id: idSchema('req'),
  method: z.string(),
  path: z.string(),
  /** The HTTP status of the response: 2xx for a change made, 4xx for a rejected request. */
  status: z.number().int(),
  /** The object the call named in its path or created; null when it named none. */
  object_id: z.string().nullable(),
  /**
   * The JSON request body with every password, secret key and token replaced by
   * `[redacted]`; null when the request had no JSON body.
   */
  request_body: z.unknown().nullable(),
  /** The events the call recorded, in order; empty when it changed nothing. */
  events: z.array(idSchema('evt')),
  created_at: TimestampSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The result of revoking every portal session of one customer. */
export const CustomerSessionRevocationSchema = z.object({
  object: z.literal('portal_session_revocation'),
  customer: idSchema('cus'),
  /** The sessions this call revoked; sessions revoked or expired before are left out. */
  revoked_sessions: z.array(idSchema('ps')),
  revoked_at: TimestampSchema,
});
export type CustomerSessionRevocation = z.infer<typeof CustomerSessionRevocationSchema>;

/** A portal session as revoking it returns it; the token is never shown again. */
export const RevokedPortalSessionSchema = z.object({
  object: z.literal('portal_session'),
  id: idSchema('ps'),
  customer: idSchema('cus'),
  livemode: z.boolean(),
  expires_at: TimestampSchema,
  revoked_at: TimestampSchema,
});
export type RevokedPortalSession = z.infer<typeof RevokedPortalSessionSchema>;
