/**
 * Writes a number as PDF syntax: at most two decimals (a hundredth of a point is far below
 * what a printer shows), no exponent, no negative zero.
 */
export function pdfNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`A PDF number must be finite; received ${value}.`);
  }
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * Writes bytes as a PDF literal string `( ... )`. Parentheses and backslashes are escaped,
 * and every byte outside printable ASCII is written as a three-digit octal escape, so the
 * file's text parts stay ASCII and a test can read strings back from the raw bytes.
 */
export function pdfLiteralString(bytes: Uint8Array): string {
  let out = '(';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) {
      out += `\\${String.fromCharCode(byte)}`;
    } else if (byte < 0x20 || byte > 0x7e) {
      out += `\\${byte.toString(8).padStart(3, '0')}`;
    } else {
      out += String.fromCharCode(byte);
    }
  }
  return `${out})`;
}

/**
 * Writes a PDF text string, as the document information dictionary uses them: a literal for
 * printable ASCII, else UTF-16BE with a byte order mark in hexadecimal, which every reader
 * decodes to the same characters.
 */
export function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) {
    return pdfLiteralString(Uint8Array.from(text, (character) => character.charCodeAt(0)));
  }
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index += 1) {
    hex += text.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  }
  return `<${hex}>`;
}

/** Writes an instant as a PDF date, `D:YYYYMMDDHHmmSSZ`, in UTC. */
export function pdfDate(instant: Date): string {
  const digits = instant.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `D:${digits}Z`;
}
