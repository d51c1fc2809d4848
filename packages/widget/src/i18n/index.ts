import { en, type Messages } from './en.js';
import { es } from './es.js';

export type { Messages } from './en.js';

/** The languages the widget speaks. */
export type Language = 'en' | 'es';

const CATALOGUES: Readonly<Record<Language, Messages>> = { en, es };

/**
 * The messages of one part of the widget in every language. A part that loads in a chunk
 * of its own keeps its messages in that chunk, so that the first screen does not download
 * them.
 */
export type PartMessages<T> = Readonly<Record<Language, T>>;

/** Returns a part's messages in the language of `l10n`. */
export function partMessages<T>(catalogue: PartMessages<T>, l10n: Localization): T {
  return catalogue[l10n.messages.languageTag as Language] ?? catalogue.en;
}

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
    const language = tag?.split('-')[0]?.toLowerCase() ?? '';
    const messages = tag && (CATALOGUES as Readonly<Record<string, Messages>>)[language];
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
