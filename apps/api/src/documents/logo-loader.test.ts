import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { createLogger } from '../http/logger.js';
import { fetchLogo, LogoLoader } from './logo-loader.js';
import { DEFAULT_IMAGE_LIMITS } from './pdf-image.js';
import { smallRgbaPng } from './png-encoder.js';

const PNG = smallRgbaPng();
const requests: string[] = [];
let server: Server;
let base: string;
let closedPort: number;

/** Serves each path the way one kind of logo server would. */
function serve(request: IncomingMessage, response: ServerResponse): void {
  requests.push(request.url ?? '');
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/logo.png') {
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
  } else if (path === '/mislabelled') {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(PNG);
  } else if (path === '/logo.svg') {
    response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end('<svg/>');
  } else if (path === '/huge') {
    response.writeHead(200, { 'Content-Type': 'image/png' });
    response.end(Buffer.alloc(4096));
  } else if (path === '/slow') {
    // Never responds, so the client's timeout must end the request.
  } else {
    response.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { timeoutMs: 2_000, maxBytes: 1024, limits: DEFAULT_IMAGE_LIMITS, fetch };

describe('fetchLogo', () => {
  it('reads a PNG logo', async () => {
    const result = await fetchLogo(`${base}/logo.png`, options);
    expect(result.image).toMatchObject({ width: 2, height: 2, colorSpace: 'DeviceRGB' });
  });

  it('reads a logo by its bytes, not its Content-Type', async () => {
    const result = await fetchLogo(`${base}/mislabelled`, options);
    expect(result.image?.width).toBe(2);
  });

  it('reads a data URL', async () => {
    const url = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
    expect((await fetchLogo(url, options)).image?.height).toBe(2);
  });

  it('explains each failure', async () => {
    const reasons = async (url: string, overrides = {}) => {
      const result = await fetchLogo(url, { ...options, ...overrides });
      return result.image === undefined ? result.reason : 'loaded';
    };

    expect(await reasons(`${base}/logo.svg`)).toBe('not a PNG or JPEG file');
    expect(await reasons(`${base}/missing.png`)).toBe('the logo server returned HTTP 404');
    expect(await reasons(`${base}/huge`)).toBe('the logo file is larger than 1024 bytes');
    expect(await reasons(`${base}/slow`, { timeoutMs: 50 })).toBe(
      'the logo download timed out after 50 ms',
    );
    expect(await reasons('ftp://127.0.0.1/logo.png')).toBe(
      'logo URLs must use http, https or data, not ftp:',
    );
    expect(await reasons('not a url')).toBe('the logo URL is not a valid URL');
    expect(await reasons(`http://127.0.0.1:${closedPort}/logo.png`)).toBe(
      'the logo download failed: ECONNREFUSED',
    );
  });
});

describe('LogoLoader', () => {
  it('fetches a logo once while it is cached', async () => {
    const clock = new ManualClock('2026-03-15T12:00:00Z');
    const loader = new LogoLoader(clock, { cacheMs: 60_000 });
    const logger = createLogger({ level: 'silent' });
    const url = `${base}/logo.png?cached`;

    const [first, second] = await Promise.all([
      loader.load(url, logger, {}),
      loader.load(url, logger, {}),
    ]);
    await loader.load(url, logger, {});
    expect(first.image).toBeDefined();
    expect(second.image).toBe(first.image);
    expect(requests.filter((path) => path === '/logo.png?cached')).toHaveLength(1);

    clock.advance(60_001);
    await loader.load(url, logger, {});
    expect(requests.filter((path) => path === '/logo.png?cached')).toHaveLength(2);
  });

  it('logs a failure once and retries it sooner', async () => {
    const clock = new ManualClock('2026-03-15T12:00:00Z');
    const loader = new LogoLoader(clock, { cacheMs: 600_000, failureCacheMs: 1_000 });
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
    const url = `${base}/logo.svg?failing`;

    await loader.load(url, logger, { vendor: 'ven_1' });
    await loader.load(url, logger, { vendor: 'ven_1' });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'warn',
        vendor: 'ven_1',
        logo_url: url,
        reason: 'not a PNG or JPEG file',
      }),
    ]);

    clock.advance(1_001);
    await loader.load(url, logger, { vendor: 'ven_1' });
    expect(lines).toHaveLength(2);
  });

  it('skips a vendor without a logo URL', async () => {
    const loader = new LogoLoader(new ManualClock('2026-03-15T12:00:00Z'));
    const result = await loader.load(null, createLogger({ level: 'silent' }), {});
    expect(result).toEqual({ image: undefined, reason: 'no logo URL' });
  });
});
