import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, inject, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import type { AppEnv } from './http/app-env.js';
import { handleError } from './http/error-handler.js';
import { silentLogger } from './http/logger.js';
import { requestContext } from './http/request-id.js';
import { widgetScriptRoutes } from './http/widget-script.js';
import { startServer } from './server.js';

describe('startServer', () => {
  it('serves the API on a free port and stops cleanly', async () => {
    const config = {
      ...loadConfig({
        DATABASE_URL: inject('databaseUrl'),
        LOG_LEVEL: 'silent',
        PORT: '0',
        // A job runner here would settle other test files' payments in the shared database.
        DULY_JOBS: 'off',
      }),
    };
    const server = await startServer(config);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.url).not.toMatch(/:0$/);

      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect(health.headers.get('Request-Id')).toMatch(/^req_/);

      const preflight = await fetch(`${server.url}/v1/portal/session`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://nobody.example', 'Access-Control-Request-Method': 'GET' },
      });
      expect(preflight.status).toBe(403);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

describe('RunningServer.close', () => {
  it('closes a connection still busy after the timeout', async () => {
    const config = loadConfig({
      DATABASE_URL: inject('databaseUrl'),
      LOG_LEVEL: 'silent',
      PORT: '0',
      DULY_JOBS: 'off',
    });
    const server = await startServer(config, { closeTimeoutMs: 300 });
    const { port } = new URL(server.url);
    // Pipelined requests keep the connection busy for far longer than the close timeout.
    const pipelined = 200_000;
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    // The server resets the connection it closes; that reset is the expected outcome.
    const socketErrors: string[] = [];
    socket.on('error', (error: NodeJS.ErrnoException) => socketErrors.push(error.code ?? ''));
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(pipelined));
    // Writing 200,000 requests takes a while on a loaded machine; wait past vitest's 1 s.
    await vi.waitFor(() => expect(received).toContain('HTTP/1.1 200'), { timeout: 10_000 });

    const started = performance.now();
    await server.close();
    const closedAfterMs = performance.now() - started;
    await socketClosed;

    expect(closedAfterMs).toBeGreaterThanOrEqual(290);
    expect(closedAfterMs).toBeLessThan(5000);
    expect(received.split('HTTP/1.1 200').length - 1).toBeLessThan(pipelined);
    const unexpected = socketErrors.filter((code) => code !== 'ECONNRESET' && code !== 'EPIPE');
    expect(unexpected).toEqual([]);
  });
});

describe('GET /duly.js', () => {
  function appServing(file: string | undefined) {
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.use('*', requestContext(silentLogger));
    app.route(
      '/',
      widgetScriptRoutes(() => file),
    );
    return app;
  }

  it('serves the built widget as JavaScript to any origin', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duly-widget-'));
    const file = path.join(dir, 'duly.js');
    await writeFile(file, 'customElements.define("duly-portal", class extends HTMLElement {});');

    const response = await appServing(file).request('/duly.js');

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(await response.text()).toContain('duly-portal');

    const etag = response.headers.get('ETag') as string;
    const again = await appServing(file).request('/duly.js', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('serves a chunk of the build, cached for a year', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duly-widget-'));
    const file = path.join(dir, 'duly.js');
    await writeFile(file, 'import("./duly-pay-1a2B_c-D.js");');
    await writeFile(path.join(dir, 'duly-pay-1a2B_c-D.js'), 'export const pay = "duly-pay";');

    const response = await appServing(file).request('/duly-pay-1a2B_c-D.js');

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('export const pay = "duly-pay";');
  });

  it('answers 404 for a chunk of another build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duly-widget-'));
    const file = path.join(dir, 'duly.js');
    await writeFile(file, 'import("./duly-pay-1a2B_c-D.js");');

    const response = await appServing(file).request('/duly-pay-0ld0ld00.js');
    const body = (await response.json()) as { code: string; detail: string };

    expect(response.status).toBe(404);
    expect(body.code).toBe('route_not_found');
    expect(body.detail).toContain('duly-pay-0ld0ld00.js');
    expect(body.detail).toContain('Reload the page');
  });

  it('serves no file outside the widget folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duly-widget-'));
    const file = path.join(dir, 'widget', 'duly.js');
    await mkdir(path.dirname(file));
    await writeFile(file, 'export {};');
    await writeFile(path.join(dir, 'duly-secret.js'), 'export const secret = 1;');

    for (const address of ['/..%2Fduly-secret.js', '/duly-..%2F..%2Fduly-secret.js', '/x.js']) {
      const response = await appServing(file).request(address);
      expect(response.status, address).toBe(404);
      expect(await response.text(), address).not.toContain('secret = 1');
    }
  });

  it('answers 404 with the build command when the widget is not built', async () => {
    const response = await appServing(undefined).request('/duly.js');
    const body = (await response.json()) as { code: string; detail: string };

    expect(response.status).toBe(404);
    expect(body.code).toBe('route_not_found');
    expect(body.detail).toContain('pnpm build');

    const chunk = await appServing(undefined).request('/duly-pay-1a2B_c-D.js');
    expect(chunk.status).toBe(404);
  });
});
