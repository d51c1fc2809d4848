import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';

/** Returns the path of the widget's script-tag build, or undefined when it is not built. */
export type WidgetScriptLocator = () => string | undefined;

/** Finds `@duly/widget/duly.js` through the package's export map. */
export const locateWidgetScript: WidgetScriptLocator = () => {
  try {
    return createRequire(import.meta.url).resolve('@duly/widget/duly.js');
  } catch {
    return undefined;
  }
};

/**
 * `GET /duly.js`: the widget's script-tag build, readable from any origin because it is a
 * public static file. Browsers revalidate it after 5 minutes by its ETag, so a new build
 * reaches pages soon without each page view downloading it again.
 */
export function widgetScriptRoutes(locate: WidgetScriptLocator = locateWidgetScript) {
  return new Hono<AppEnv>().get('/duly.js', async (c) => {
    const file = await readWidgetScript(locate);
    const etag = `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`;
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('ETag', etag);
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);

    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(file.contents);
  });
}

async function readWidgetScript(locate: WidgetScriptLocator) {
  const notBuilt = new ApiError(
    'route_not_found',
    'The widget script is not built. Run `pnpm build` at the repository root, then reload.',
  );
  const path = locate();
  if (path === undefined) throw notBuilt;
  try {
    const [contents, info] = await Promise.all([readFile(path), stat(path)]);
    return { contents: new Uint8Array(contents), size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    throw notBuilt;
  }
}
