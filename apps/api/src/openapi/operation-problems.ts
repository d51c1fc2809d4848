import { type PortalFeature, PROBLEM_CODES, type ProblemCode } from '@duly/core';
import { INVOICE_SESSION_ROUTES } from '../pay-links/invoice-session-guard.js';
import type { ApiOperation } from './operation.js';

const SECRET_KEY_PROBLEMS: readonly ProblemCode[] = ['authentication_required', 'api_key_invalid'];

const PORTAL_SESSION_PROBLEMS: readonly ProblemCode[] = [
  'authentication_required',
  'session_invalid',
  'session_expired',
  'origin_not_allowed',
];

const JSON_BODY_PROBLEMS: readonly ProblemCode[] = [
  'unsupported_media_type',
  'malformed_json',
  'validation_failed',
  'payload_too_large',
];

/**
 * Lists every problem code `operation` can return: its own, and those that follow from its
 * credential, its body and query, its `Idempotency-Key`, the payment rate limit and the
 * portal feature that guards it. Sorted by HTTP status, then by code.
 */
export function problemsOf(
  operation: ApiOperation,
  feature: PortalFeature | undefined,
): ProblemCode[] {
  const codes = new Set<ProblemCode>(operation.problems);
  const add = (list: readonly ProblemCode[]) => {
    for (const code of list) codes.add(code);
  };

  if (operation.auth === 'secret_key') add(SECRET_KEY_PROBLEMS);
  if (operation.auth === 'portal_session') add(PORTAL_SESSION_PROBLEMS);
  if (operation.auth === 'portal_session' && limitsInvoiceSessions(operation)) {
    codes.add('session_limited_to_invoice');
  }
  if (feature !== undefined) codes.add('feature_disabled');
  if (operation.body !== undefined) add(JSON_BODY_PROBLEMS);
  if (operation.query !== undefined) codes.add('validation_failed');
  if (operation.query?.shape.cursor !== undefined) codes.add('invalid_cursor');
  if (operation.idempotencyKey === 'required') codes.add('idempotency_key_missing');
  if (operation.idempotencyKey !== undefined) {
    add(['idempotency_key_reused', 'idempotency_key_in_use']);
  }
  if (operation.rateLimited === true) codes.add('rate_limited');

  return [...codes].sort(
    (a, b) => PROBLEM_CODES[a].status - PROBLEM_CODES[b].status || a.localeCompare(b, 'en'),
  );
}

/**
 * Tells whether a session made by a pay link can be rejected on `operation`: on a route the
 * invoice guard does not list, or one it allows only for the link's invoice or its payments.
 */
function limitsInvoiceSessions(operation: ApiOperation): boolean {
  const honoPath = operation.path.replace(/^\/v1\/portal/, '').replace(/\{(\w+)\}/g, ':$1');
  const route = INVOICE_SESSION_ROUTES.find(
    (candidate) =>
      candidate.path === honoPath && candidate.method === operation.method.toUpperCase(),
  );
  return route === undefined || (route.rule !== 'pass' && route.rule !== 'answer');
}
