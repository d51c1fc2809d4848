import { en, type Messages } from './en.js';
import { es } from './es.js';

export type { Messages } from './en.js';

const CATALOGUES: Readonly<Record<string, Messages>> = { en, es };

/** The language the widget speaks: its messages and the locale for numbers and dates. */
export interface Localization {
  /** BCP 47 tag passed to `Intl`, such as `es-MX`. */
  locale: string;
  messages: Messages;
}

/**
 * Chooses the catalogue for the first of `candidates` whose language has one (`es-MX`
 * uses `es`), else English. Numbers and dates follow the chosen tag, so a page never mixes
 * English words with, say, French number formats.
 */
export function resolveLocalization(...candidates: Array<string | null | undefined>): Localization {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = canonicalTag(candidate);
    const messages = tag && CATALOGUES[tag.split('-')[0]?.toLowerCase() ?? ''];
    if (tag && messages) return { locale: tag, messages };
  }
  return { locale: 'en', messages: en };
}

function canonicalTag(candidate: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(candidate.trim())[0];
  } catch {
    return undefined;
  }
}
