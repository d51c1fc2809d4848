import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config.js';
import { type RunningServer, startServer } from '../server.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { API_VERSION, REFERENCE_PAGE_CSP } from './openapi-routes.js';
import { API_AREAS } from './operations/index.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer(
    loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      HOST: '127.0.0.1',
      PORT: '4620',
      DULY_JOBS: 'off',
      LOG_LEVEL: 'error',
    }),
  );
});
afterAll(() => server?.close());

describe('GET /openapi.json', () => {
  it('serves the built document', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const expected = buildOpenApiDocument(API_AREAS, {
      serverUrl: server.url,
      version: API_VERSION,
    });
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe('GET /docs/api', () => {
  it('serves the page under a strict policy', async () => {
    const response = await fetch(`${server.url}/docs/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(REFERENCE_PAGE_CSP);
    expect(REFERENCE_PAGE_CSP).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="/docs/api.css">');
  });

  it('lists every operation with its problems', async () => {
    const html = await (await fetch(`${server.url}/docs/api`)).text();
    const document = buildOpenApiDocument(API_AREAS, { serverUrl: server.url, version: '1' });
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        expect(html).toContain(`<article id="${operation.operationId}" class="operation">`);
      }
    }
    const createInvoice = html.slice(
      html.indexOf('<article id="createInvoice"'),
      html.indexOf('</article>', html.indexOf('<article id="createInvoice"')),
    );
    expect(createInvoice).toContain('<code class="path">/v1/invoices</code>');
    expect(createInvoice).toContain('<a href="#problem-invoice_number_exists">');
    expect(createInvoice).toContain('<a href="#schema-CreateInvoiceRequest">');
    expect(html).toContain('<tr id="problem-invoice_number_exists">');
  });

  it('serves its stylesheet', async () => {
    const response = await fetch(`${server.url}/docs/api.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toContain('prefers-color-scheme: dark');
  });
});
