import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app.js';
import { ManualClock } from '../clock.js';
import { connectDatabase } from '../db/index.js';
import { silentLogger } from '../http/logger.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { API_AREAS } from './operations/index.js';

const db = connectDatabase(inject('databaseUrl'), { max: 1 });
afterAll(() => db.destroy());

/**
 * The app with every provider module on, so that the Stripe and Plaid routes are mounted
 * too. Their addresses point at ports nothing listens on: listing routes calls neither.
 */
const app = createApp({
  db,
  clock: new ManualClock('2026-03-15T12:00:00Z'),
  publicUrl: 'http://127.0.0.1:4620',
  logger: silentLogger,
  stripe: {
    secretKey: 'sk_test_routecoverage',
    publishableKey: 'pk_test_routecoverage',
    webhookSecret: 'whsec_routecoverage',
    apiUrl: 'http://127.0.0.1:4621',
  },
  plaid: {
    clientId: 'route-coverage',
    secret: 'route-coverage',
    environment: 'sandbox',
    apiUrl: 'http://127.0.0.1:4622',
  },
});

/**
 * Lists the app's `/v1` routes as `METHOD /path/{param}`. Middleware registered with `use`
 * has the method ALL and is left out. The feature guards share their route's method and
 * path, so they add no entry of their own.
 */
function appRoutes(): Set<string> {
  const routes = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/v1/')) continue;
    routes.add(`${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return routes;
}

function documentedOperations(): Set<string> {
  const document = buildOpenApiDocument(API_AREAS, { serverUrl: 'http://127.0.0.1', version: '1' });
  const operations = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) operations.add(`${method.toUpperCase()} ${path}`);
  }
  return operations;
}

describe('OpenAPI route coverage', () => {
  it('finds the app routes to compare', () => {
    const routes = appRoutes();
    expect(routes.has('POST /v1/invoices')).toBe(true);
    expect(routes.has('GET /v1/portal/invoices/{id}')).toBe(true);
    expect(routes.has('POST /v1/portal/payment_methods/stripe')).toBe(true);
    expect(routes.has('POST /v1/portal/plaid/link_token')).toBe(true);
  });

  it('documents every /v1 route', () => {
    const documented = documentedOperations();
    const undocumented = [...appRoutes()].filter((route) => !documented.has(route)).sort();
    // Add each one to an area under src/openapi/operations/.
    expect(undocumented).toEqual([]);
  });

  it('documents no route the app lacks', () => {
    const routes = appRoutes();
    const missing = [...documentedOperations()]
      .filter((operation) => !routes.has(operation))
      .sort();
    expect(missing).toEqual([]);
  });
});
