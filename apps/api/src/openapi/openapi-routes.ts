import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';
import { API_AREAS } from './operations/index.js';
import { REFERENCE_STYLESHEET_PATH, renderReferencePage } from './reference-page.js';
import { REFERENCE_STYLESHEET } from './reference-page-styles.js';

/** The version of the API the document describes: the `/v1` routes. */
export const API_VERSION = '1';

/**
 * The reference page's policy: nothing but its own stylesheet loads, no script runs, and
 * no other site may frame it.
 */
export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const DOCUMENT_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'public, max-age=300',
};

/**
 * Builds `GET /openapi.json` (the OpenAPI 3.1 document, readable from any origin because it
 * contains nothing secret), `GET /docs/api` (the reference page) and its stylesheet. The
 * document and page are built on the first request and kept for the life of the app.
 */
export function openApiRoutes(publicUrl: string) {
  let document: OpenApiDocument | undefined;
  let page: string | undefined;
  const readDocument = () => {
    document ??= buildOpenApiDocument(API_AREAS, { serverUrl: publicUrl, version: API_VERSION });
    return document;
  };

  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => {
      return c.json(readDocument(), 200, {
        ...DOCUMENT_HEADERS,
        'Access-Control-Allow-Origin': '*',
      });
    })
    .get('/docs/api', (c) => {
      page ??= renderReferencePage(readDocument());
      return c.html(page, 200, {
        ...DOCUMENT_HEADERS,
        'Content-Security-Policy': REFERENCE_PAGE_CSP,
      });
    })
    .get(REFERENCE_STYLESHEET_PATH, (c) => {
      return c.body(REFERENCE_STYLESHEET, 200, {
        ...DOCUMENT_HEADERS,
        'Content-Type': 'text/css; charset=utf-8',
      });
    });
}
