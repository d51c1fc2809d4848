import { z } from 'zod';
import { ApiError } from '../http/api-error.js';

/** The locale of a vendor's document when neither the request nor the customer sets one. */
export const DEFAULT_DOCUMENT_LOCALE = 'en-US';

/** `?locale=` of the vendor API's documents: a BCP 47 language tag for amounts and dates. */
export const DocumentLocaleSchema = z.string().min(1).max(35).optional();

/** Returns the canonical form of a BCP 47 tag, or undefined when it is not one. */
export function canonicalLocale(tag: string | null): string | undefined {
  if (tag === null) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * Picks the locale of a document the vendor downloads: `?locale=` when given (rejected with
 * `invalid_parameter` when it is not a language tag), else the customer's own locale, else
 * US English.
 */
export function vendorDocumentLocale(requested: string | undefined, customerLocale: string | null) {
  if (requested === undefined) return canonicalLocale(customerLocale) ?? DEFAULT_DOCUMENT_LOCALE;
  const locale = canonicalLocale(requested);
  if (locale === undefined) {
    throw new ApiError(
      'invalid_parameter',
      `"${requested}" is not a BCP 47 language tag; use one such as en-US or de-DE.`,
      { param: 'locale' },
    );
  }
  return locale;
}
