import { type FontName, measureText } from './fonts.js';

/**
 * Breaks `text` into lines no wider than `maxWidth` points. Lines break at newlines and at
 * spaces, never at no-break spaces, so an amount such as "1 234,56 €" stays whole. A word
 * wider than a whole line is cut between characters rather than run past the edge.
 */
export function wrapText(text: string, font: FontName, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measureText(candidate, font, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (line.length > 1 && measureText(line, font, size) > maxWidth) {
        const fit = longestFittingPrefix(line, font, size, maxWidth);
        lines.push(line.slice(0, fit));
        line = line.slice(fit);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Returns the length in UTF-16 units of the longest prefix that fits, at least one character. */
function longestFittingPrefix(word: string, font: FontName, size: number, maxWidth: number) {
  const characters = Array.from(word);
  let units = characters[0]?.length ?? 1;
  let prefix = characters[0] ?? '';
  for (const character of characters.slice(1)) {
    if (measureText(prefix + character, font, size) > maxWidth) break;
    prefix += character;
    units += character.length;
  }
  return units;
}
