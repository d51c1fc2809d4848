import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Context, Hono } from 'hono';
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
 * Names of the chunks that `duly.js` imports from its own folder. The widget's build puts
 * a content hash in each (`duly-pay-1a2B3c4D.js`), so a chunk's contents never change.
 */
const CHUNK_NAME = /^duly-[A-Za-z0-9_-]+\.js$/;

/**
 * `GET /duly.js` and `GET /duly-*.js`: the widget's script-tag build, an ES module, and the
 * chunks it loads. Both are readable from any origin because they are public static files,
 * and module scripts from another origin need CORS. Browsers revalidate `duly.js` after 5
 * minutes by its ETag, so a new build reaches pages soon without each page view
 * downloading it again. Chunks are cached for a year, since a new build names its chunks
 * anew. A page still running the previous `duly.js` after a deploy gets 404 for the old
 * chunks it requests and shows its retry; a reload fetches the new build.
 */
export function widgetScriptRoutes(locate: WidgetScriptLocator = locateWidgetScript) {
  return new Hono<AppEnv>()
    .get('/duly.js', async (c) => {
      const file = await readWidgetFile(locate, undefined);
      c.header('Cache-Control', 'public, max-age=300');
      return sendWidgetFile(c, file);
    })
    .get('/:chunk{duly-[A-Za-z0-9_-]+\\.js}', async (c) => {
      const file = await readWidgetFile(locate, c.req.param('chunk'));
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return sendWidgetFile(c, file);
    });
}

interface WidgetFile {
  contents: Uint8Array<ArrayBuffer>;
  size: number;
  mtimeMs: number;
}

function sendWidgetFile(c: Context<AppEnv>, file: WidgetFile): Response {
  const etag = `"${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}"`;
  c.header('Access-Control-Allow-Origin', '*');
  c.header('ETag', etag);
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304);

  c.header('Content-Type', 'text/javascript; charset=utf-8');
  return c.body(file.contents);
}

/**
 * Reads `duly.js`, or the chunk named `chunk` from the same folder. Throws `route_not_found`
 * when the widget is not built or has no such chunk.
 */
async function readWidgetFile(
  locate: WidgetScriptLocator,
  chunk: string | undefined,
): Promise<WidgetFile> {
  const notBuilt = new ApiError(
    'route_not_found',
    'The widget script is not built. Run `pnpm build` at the repository root, then reload.',
  );
  const entry = locate();
  if (entry === undefined) throw notBuilt;
  if (chunk !== undefined && !CHUNK_NAME.test(chunk)) {
    throw new ApiError('route_not_found', `No widget file is named ${chunk}.`);
  }

  const file = chunk === undefined ? entry : path.join(path.dirname(entry), chunk);
  try {
    const [contents, info] = await Promise.all([readFile(file), stat(file)]);
    return { contents: new Uint8Array(contents), size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    if (chunk === undefined) throw notBuilt;
    throw new ApiError(
      'route_not_found',
      `The widget has no file ${chunk}: it may belong to an earlier build. Reload the page to load the current one.`,
    );
  }
}
