import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { LogFields } from '../http/logger.js';

/** A rendered PDF document. */
export interface RenderedPdf {
  bytes: Uint8Array<ArrayBuffer>;
  /** Characters printed as `?` because the standard PDF fonts have no glyph for them. */
  replacedCharacters: string[];
}

/** A downloadable file: its bytes, media type and the name a browser saves it under. */
export interface DocumentFile {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  fileName: string;
}

/**
 * Sends a PDF as a download, and logs a warning naming the characters that the PDF printed
 * as `?`, with `fields` to tell which document it was.
 */
export function sendPdf(
  c: Context<AppEnv>,
  pdf: RenderedPdf,
  fileName: string,
  fields: LogFields,
): Response {
  if (pdf.replacedCharacters.length > 0) {
    c.get('logger').warn('PDF printed characters outside WinAnsiEncoding as "?"', {
      ...fields,
      characters: [...new Set(pdf.replacedCharacters)].join(''),
    });
  }
  return sendFile(c, { bytes: pdf.bytes, contentType: 'application/pdf', fileName });
}

/**
 * Sends a file as a download. Documents name the customer and change as the ledger does, so
 * no cache keeps them.
 */
export function sendFile(c: Context<AppEnv>, file: DocumentFile): Response {
  c.header('Content-Type', file.contentType);
  c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  c.header('Cache-Control', 'private, no-store');
  // A widget on another origin reads the file name only when the header is exposed to it.
  const exposed = c.res.headers.get('Access-Control-Expose-Headers');
  if (exposed !== null) {
    c.header('Access-Control-Expose-Headers', `${exposed}, Content-Disposition`);
  }
  return c.body(file.bytes);
}
