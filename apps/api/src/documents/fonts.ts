import { HELVETICA_BOLD_WIDTHS, HELVETICA_WIDTHS } from './helvetica-widths.js';
import { encodeWinAnsi } from './win-ansi.js';

/** The standard PDF fonts that documents use; every PDF viewer has them, so none is embedded. */
export type FontName = 'Helvetica' | 'Helvetica-Bold';

export const FONT_NAMES: readonly FontName[] = ['Helvetica', 'Helvetica-Bold'];

const WIDTHS: Record<FontName, readonly number[]> = {
  Helvetica: HELVETICA_WIDTHS,
  'Helvetica-Bold': HELVETICA_BOLD_WIDTHS,
};

/**
 * Top of the capital letters above the baseline, in thousandths of the font size (`CapHeight`
 * of both AFM files). Layouts use it to put the top of a line's letters where they want it.
 */
export const CAP_HEIGHT = 718;

/** Returns the width in points of WinAnsiEncoding `bytes` set in `font` at `size` points. */
export function measureBytes(bytes: Uint8Array, font: FontName, size: number): number {
  const widths = WIDTHS[font];
  let thousandths = 0;
  for (const byte of bytes) thousandths += byte < 32 ? 0 : (widths[byte - 32] ?? 0);
  return (thousandths * size) / 1000;
}

/**
 * Returns the width in points of `text` set in `font` at `size` points, as a viewer draws it:
 * the AFM advance widths of its WinAnsiEncoding bytes, without kerning (documents write no
 * kerning either).
 */
export function measureText(text: string, font: FontName, size: number): number {
  return measureBytes(encodeWinAnsi(text).bytes, font, size);
}
