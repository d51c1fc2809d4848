import { PORTAL_FEATURES, type PortalFeature } from '@duly/core';
import type { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../http/api-error.js';
import type { AppEnv, PortalAuth } from '../http/app-env.js';

/** The action of each feature, in the words of the `feature_disabled` message. */
const FEATURE_ACTIONS: Record<PortalFeature, string> = {
  pay: 'paying invoices',
  autopay: 'autopay',
  payment_methods: 'managing saved payment methods',
  subscriptions: 'managing subscriptions',
  statements: 'statements of account',
  disputes: 'questions and disputes about invoices',
  credit_requests: 'the credit limit and requests for a higher one',
  billing_details: 'billing details',
};

/** A portal route that only sessions with `feature` may call, below `/v1/portal`. */
export interface FeatureRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  feature: PortalFeature;
}

/**
 * The portal routes each feature guards. Reading invoices, payments, receipts and threads
 * stays open to every session. Creating a payment method with `save: true` is guarded by
 * `payment_methods` inside the routes that create methods, because the same routes make
 * one-off methods for `pay`.
 */
export const FEATURE_ROUTES: readonly FeatureRoute[] = [
  { method: 'POST', path: '/payments', feature: 'pay' },
  { method: 'POST', path: '/payments/preview', feature: 'pay' },
  { method: 'POST', path: '/credit_applications', feature: 'pay' },
  { method: 'POST', path: '/payment_notices', feature: 'pay' },
  { method: 'POST', path: '/payments/:id/sandbox_challenge', feature: 'pay' },
  { method: 'GET', path: '/autopay', feature: 'autopay' },
  { method: 'PUT', path: '/autopay', feature: 'autopay' },
  { method: 'DELETE', path: '/payment_methods/:id', feature: 'payment_methods' },
  { method: 'POST', path: '/payment_methods/:id/default', feature: 'payment_methods' },
  { method: 'POST', path: '/setup_intents', feature: 'payment_methods' },
  { method: 'GET', path: '/statement', feature: 'statements' },
  { method: 'GET', path: '/statement.pdf', feature: 'statements' },
  { method: 'GET', path: '/statement.csv', feature: 'statements' },
  { method: 'POST', path: '/invoices/:id/threads', feature: 'disputes' },
  { method: 'POST', path: '/threads/:id/messages', feature: 'disputes' },
  { method: 'GET', path: '/credit', feature: 'credit_requests' },
  { method: 'POST', path: '/credit_requests', feature: 'credit_requests' },
  { method: 'GET', path: '/billing_details', feature: 'billing_details' },
  { method: 'GET', path: '/subscriptions', feature: 'subscriptions' },
  { method: 'GET', path: '/subscriptions/:id', feature: 'subscriptions' },
  { method: 'GET', path: '/subscription_options', feature: 'subscriptions' },
  { method: 'POST', path: '/subscriptions/:id/preview', feature: 'subscriptions' },
  { method: 'POST', path: '/subscriptions/:id/change', feature: 'subscriptions' },
  { method: 'POST', path: '/subscriptions/:id/cancel', feature: 'subscriptions' },
  { method: 'POST', path: '/subscriptions/:id/resume', feature: 'subscriptions' },
  { method: 'POST', path: '/subscriptions/:id/pause', feature: 'subscriptions' },
  { method: 'POST', path: '/subscriptions/:id/unpause', feature: 'subscriptions' },
  { method: 'PUT', path: '/billing_details', feature: 'billing_details' },
];

/** Resolves a session's stored features: null means every feature, and unknown names drop. */
export function sessionFeatures(stored: readonly string[] | null): PortalFeature[] {
  if (stored === null) return [...PORTAL_FEATURES];
  return PORTAL_FEATURES.filter((feature) => stored.includes(feature));
}

/** Throws `feature_disabled` unless the session `portal` has `feature`. */
export function requireFeatureOf(portal: PortalAuth, feature: PortalFeature): void {
  if (portal.features.includes(feature)) return;
  throw new ApiError(
    'feature_disabled',
    `The vendor turned off the "${feature}" feature (${FEATURE_ACTIONS[feature]}) for this portal. Ask the vendor if you need it.`,
  );
}

/**
 * Middleware that refuses the request with `feature_disabled` unless the portal session on
 * the context has `feature`. It runs after `requirePortalSession`.
 */
export function requireFeature(feature: PortalFeature) {
  if (!PORTAL_FEATURES.includes(feature)) {
    throw new Error(
      `requireFeature: "${String(feature)}" is not a portal feature; use one of ${PORTAL_FEATURES.join(', ')}.`,
    );
  }
  return createMiddleware<AppEnv>(async function requireFeature(c, next) {
    requireFeatureOf(c.get('portal'), feature);
    await next();
  });
}

/**
 * Registers `requireFeature` on `portalApi` for every route of `FEATURE_ROUTES`. Call it
 * before the routes themselves are added, so that the check runs first.
 */
export function guardFeatureRoutes(portalApi: Hono<AppEnv>): void {
  for (const route of FEATURE_ROUTES) {
    portalApi.on(route.method, route.path, requireFeature(route.feature));
  }
}
