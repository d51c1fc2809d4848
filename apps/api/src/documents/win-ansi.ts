/**
 * Unicode code points of WinAnsiEncoding's codes 0x80 to 0x9F, which follow Windows code
 * page 1252; 0 marks the five codes that the encoding leaves unused. Codes 0x20 to 0x7E are
 * ASCII and 0xA0 to 0xFF are Latin-1, the same numbers as their code points.
 */
const CODES_0X80_TO_0X9F = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const NO_BREAK_SPACE = 0xa0;
const SPACE = 0x20;
const HYPHEN_MINUS = 0x2d;

/** The byte printed in place of a character that the standard fonts cannot show. */
export const REPLACEMENT_BYTE = 0x3f;

/**
 * Characters outside WinAnsiEncoding that have a same-looking character inside it. Number
 * and date formats of `Intl` produce several of them, such as the narrow no-break space of
 * French amounts and the minus sign of Swedish ones.
 */
const STAND_INS: ReadonlyMap<number, number> = new Map([
  // No-break spaces stay no-break, so that a wrapped line never splits an amount.
  [0x2007, NO_BREAK_SPACE],
  [0x202f, NO_BREAK_SPACE],
  [0x2000, SPACE],
  [0x2001, SPACE],
  [0x2002, SPACE],
  [0x2003, SPACE],
  [0x2004, SPACE],
  [0x2005, SPACE],
  [0x2006, SPACE],
  [0x2008, SPACE],
  [0x2009, SPACE],
  [0x200a, SPACE],
  [0x205f, SPACE],
  [0x3000, SPACE],
  [0x09, SPACE],
  [0x2010, HYPHEN_MINUS],
  [0x2011, HYPHEN_MINUS],
  [0x2012, HYPHEN_MINUS],
  [0x2212, HYPHEN_MINUS],
]);

/**
 * Format characters, which steer layout and have no glyph: bidirectional marks that `Intl`
 * puts around amounts in right-to-left locales, zero-width joiners and spaces, the byte order
 * mark. They are left out rather than printed as replacements.
 */
const FORMAT_CHARACTERS: ReadonlySet<number> = new Set([
  0x061c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060,
  0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
]);

function buildEncodeTable(): ReadonlyMap<number, number> {
  const table = new Map<number, number>();
  for (let code = 0x20; code <= 0x7e; code += 1) table.set(code, code);
  for (let code = 0xa0; code <= 0xff; code += 1) table.set(code, code);
  CODES_0X80_TO_0X9F.forEach((codePoint, index) => {
    if (codePoint !== 0) table.set(codePoint, 0x80 + index);
  });
  return table;
}

const ENCODE_TABLE = buildEncodeTable();

/** Text as the bytes of a PDF string in WinAnsiEncoding. */
export interface WinAnsiText {
  bytes: Uint8Array;
  /** Characters printed as `?` because WinAnsiEncoding has no code for them, in order. */
  replaced: string[];
}

/**
 * Encodes `text` in WinAnsiEncoding, the encoding of the standard PDF fonts that covers
 * Western European text and the €, £ and ¥ signs. The text is first composed (NFC), so that
 * an "e" followed by a combining accent prints as "é". A character without a code and without
 * a stand-in prints as `?` and is listed in `replaced`. Only the glyphless format characters
 * above are left out.
 */
export function encodeWinAnsi(text: string): WinAnsiText {
  const bytes: number[] = [];
  const replaced: string[] = [];
  for (const character of text.normalize('NFC')) {
    const codePoint = character.codePointAt(0) as number;
    if (FORMAT_CHARACTERS.has(codePoint)) continue;

    const byte = ENCODE_TABLE.get(STAND_INS.get(codePoint) ?? codePoint);
    if (byte === undefined) {
      bytes.push(REPLACEMENT_BYTE);
      replaced.push(character);
    } else {
      bytes.push(byte);
    }
  }
  return { bytes: Uint8Array.from(bytes), replaced };
}

/** Decodes WinAnsiEncoding bytes back to text; the inverse of `encodeWinAnsi` for its output. */
export function decodeWinAnsi(bytes: Iterable<number>): string {
  let text = '';
  for (const byte of bytes) {
    const codePoint = byte >= 0x80 && byte <= 0x9f ? CODES_0X80_TO_0X9F[byte - 0x80] : byte;
    text += String.fromCodePoint(codePoint === 0 || codePoint === undefined ? 0xfffd : codePoint);
  }
  return text;
}
