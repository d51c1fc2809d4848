/** The text that replaces a secret in the audit log. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values are secrets whatever they look like: an SMTP password, a
 * webhook signing secret, any token. Matched anywhere in the name, case-insensitively.
 */
const SECRET_FIELD = /password|secret|token|credential|private_key|cvc|account_number/i;

/**
 * Secrets Duly issues, recognised by their prefix wherever they appear in a string:
 * secret API keys, portal session tokens, pay-link tokens and webhook signing secrets.
 */
const ISSUED_SECRET = /\b(sk_(?:test|live)_|pst_|plt_|whsec_)[0-9A-Za-z]+/g;

/**
 * Returns a copy of a parsed JSON request body with secrets replaced by `[redacted]`. The
 * whole value of a field named like a secret is replaced. In any other string, each secret
 * Duly issued is replaced but keeps its prefix, so the entry still shows what kind it was.
 */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ISSUED_SECRET, `$1${REDACTED}`);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(value)) {
      copy[name] = SECRET_FIELD.test(name) && field !== null ? REDACTED : redactSecrets(field);
    }
    return copy;
  }
  return value;
}
