import type { Clock } from '../clock.js';
import type { Logger } from '../http/logger.js';
import { readImageFile } from './image-file.js';
import {
  DEFAULT_IMAGE_LIMITS,
  ImageFormatError,
  type ImageLimits,
  type PdfImage,
} from './pdf-image.js';

/** Limits of one logo download, and how long results are kept. */
export interface LogoLoaderOptions {
  /** Time allowed for the whole download, headers and body; 2,000 ms when left out. */
  timeoutMs?: number;
  /** Largest logo file accepted; 1 MiB when left out. */
  maxBytes?: number;
  limits?: ImageLimits;
  /** How long a logo is reused before it is fetched again; 10 minutes when left out. */
  cacheMs?: number;
  /** How long a failed download is reused; 1 minute when left out. */
  failureCacheMs?: number;
  fetch?: typeof fetch;
}

/** A logo ready to embed, or the reason there is none. */
export type LogoResult = { image: PdfImage } | { image: undefined; reason: string };

const DEFAULTS = {
  timeoutMs: 2_000,
  maxBytes: 1024 * 1024,
  cacheMs: 10 * 60_000,
  failureCacheMs: 60_000,
};

/** Most logo URLs kept at once; each vendor has one. */
const MAX_CACHED_LOGOS = 256;

/**
 * Fetches vendors' logos (PNG or JPEG at `vendor.logo_url`) for documents. Results, failures
 * included, are kept for a while per URL, so a batch of PDFs downloads a logo once and a
 * logo server that is down delays one PDF, not each. Requests for a URL that is being
 * fetched share that download.
 */
export class LogoLoader {
  readonly #clock: Clock;
  readonly #options: Required<Omit<LogoLoaderOptions, 'fetch'>> & { fetch: typeof fetch };
  readonly #cache = new Map<string, { result: Promise<LogoResult>; expiry: { at: number } }>();

  constructor(clock: Clock, options: LogoLoaderOptions = {}) {
    this.#clock = clock;
    this.#options = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
      limits: options.limits ?? DEFAULT_IMAGE_LIMITS,
      cacheMs: options.cacheMs ?? DEFAULTS.cacheMs,
      failureCacheMs: options.failureCacheMs ?? DEFAULTS.failureCacheMs,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  /**
   * Returns the logo at `url`, or the reason it cannot be used: no URL, a download that
   * failed or timed out, a file too large, or a file that is not a PNG or JPEG image. A
   * failure is logged with `fields` when it happens, not each time it is reused.
   */
  async load(
    url: string | null,
    logger: Logger,
    fields: Record<string, unknown>,
  ): Promise<LogoResult> {
    if (url === null || url.trim() === '') return { image: undefined, reason: 'no logo URL' };
    const now = this.#clock.now().getTime();
    const cached = this.#cache.get(url);
    if (cached !== undefined && cached.expiry.at > now) return cached.result;

    const expiry = { at: now + this.#options.cacheMs };
    const result = fetchLogo(url, this.#options).then((outcome) => {
      if (outcome.image === undefined) {
        logger.warn('vendor logo left out of a document', {
          ...fields,
          logo_url: url,
          reason: outcome.reason,
        });
        expiry.at = now + this.#options.failureCacheMs;
      }
      return outcome;
    });
    this.#cache.delete(url);
    this.#cache.set(url, { result, expiry });
    if (this.#cache.size > MAX_CACHED_LOGOS) {
      // A Map iterates in insertion order, and a URL is inserted again on each fetch.
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return result;
  }
}

/** Schemes a logo may be fetched from; `data:` URLs carry the file itself. */
const LOGO_SCHEMES = new Set(['http:', 'https:', 'data:']);

/**
 * Downloads the logo at `url` and reads it as a PNG or JPEG image, within `timeoutMs` for
 * the whole download and `maxBytes` for the file. Never throws: a failure is returned with
 * its reason.
 */
export async function fetchLogo(
  url: string,
  options: Pick<Required<LogoLoaderOptions>, 'timeoutMs' | 'maxBytes' | 'limits' | 'fetch'>,
): Promise<LogoResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { image: undefined, reason: 'the logo URL is not a valid URL' };
  }
  if (!LOGO_SCHEMES.has(parsed.protocol)) {
    return {
      image: undefined,
      reason: `logo URLs must use http, https or data, not ${parsed.protocol}`,
    };
  }

  // NOTE: the URL is fetched wherever it points, private addresses included: vendors are
  // created by the operator, so logo URLs are trusted like the rest of the vendor's settings.
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await options.fetch(parsed, {
      signal,
      headers: { Accept: 'image/png, image/jpeg' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      return { image: undefined, reason: `the logo server returned HTTP ${response.status}` };
    }
    const bytes = await readCapped(response, options.maxBytes);
    if (bytes === undefined) {
      return { image: undefined, reason: `the logo file is larger than ${options.maxBytes} bytes` };
    }
    return { image: readImageFile(bytes, options.limits) };
  } catch (error) {
    if (error instanceof ImageFormatError) return { image: undefined, reason: error.message };
    if (signal.aborted) {
      return {
        image: undefined,
        reason: `the logo download timed out after ${options.timeoutMs} ms`,
      };
    }
    // fetch() throws "fetch failed" and puts what happened, such as ECONNREFUSED, in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? String(error);
    return { image: undefined, reason: `the logo download failed: ${detail}` };
  }
}

/** Reads a response body of at most `maxBytes`, or returns undefined as soon as it is longer. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) return new Uint8Array();

  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
