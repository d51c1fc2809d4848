import { type FontName, measureBytes } from './fonts.js';
import { FONT_RESOURCES } from './pdf-file.js';
import { decodeWinAnsi } from './win-ansi.js';

/** One `Tj` as the reader found it, in points from the page's top-left corner. */
export interface TextRun {
  text: string;
  font: FontName;
  size: number;
  /** Left end of the text. */
  x: number;
  /** Right end of the text: `x` plus its width from the font metrics. */
  right: number;
  /** The baseline, from the top of the page. */
  y: number;
}

/** One image XObject as the reader found it drawn with `Do`, in points from the top-left corner. */
export interface DrawnImage {
  /** Left edge. */
  x: number;
  /** Top edge, from the top of the page. */
  y: number;
  width: number;
  height: number;
  /** Size in pixels and encoding, from the image's dictionary. */
  pixelWidth: number;
  pixelHeight: number;
  colorSpace: string;
  filter: string;
  /** Whether the image has a soft mask, such as a PNG alpha channel. */
  softMask: boolean;
  /** Bytes of the encoded samples. */
  length: number;
}

export interface ReadPage {
  width: number;
  height: number;
  runs: TextRun[];
  images: DrawnImage[];
  /** The page's text, one string per baseline from top to bottom, runs joined by spaces. */
  lines: string[];
}

export interface ReadDocument {
  pages: ReadPage[];
  /** The information dictionary's literal strings, such as `Title`. */
  info: Record<string, string>;
}

const FONT_BY_RESOURCE = new Map(
  Object.entries(FONT_RESOURCES).map(([font, resource]) => [resource, font as FontName]),
);

/**
 * Reads back the text of a PDF that `DocumentLayout` wrote, for tests: it follows the
 * cross-reference table and the page tree, checking each object's offset, and parses the
 * uncompressed content streams for `Tf`, `Td` and `Tj`, and for images placed with `cm` and
 * drawn with `Do`. It reads this writer's files and is no general PDF parser: compressed
 * content streams, other text operators and incremental updates are not supported. Test-only code; nothing in the API imports it.
 */
export function readPdf(file: Uint8Array): ReadDocument {
  const bytes = Buffer.from(file);
  const text = bytes.toString('latin1');
  if (!text.startsWith('%PDF-1.4\n')) throw new Error('The file does not start with %PDF-1.4.');

  const objects = readObjects(text);
  const trailer = /trailer\s*<<(.*?)>>/s.exec(text)?.[1] ?? '';
  const root = objects.get(referenceIn(trailer, 'Root')) ?? '';
  const pageTree = objects.get(referenceIn(root, 'Pages')) ?? '';
  const kids = /\/Kids \[([^\]]*)\]/.exec(pageTree)?.[1] ?? '';
  const pageIds = [...kids.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));

  const pages = pageIds.map((pageId) => {
    const page = objects.get(pageId) ?? '';
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(page);
    if (box === null) throw new Error(`Page object ${pageId} has no MediaBox.`);
    const height = Number(box[2]);
    const content = streamOf(objects.get(referenceIn(page, 'Contents')) ?? '');
    const { runs, draws } = readContent(content, height);
    const images = draws.map((draw) => ({
      ...draw.box,
      ...readImageDictionary(objects, referenceIn(page, draw.name)),
    }));
    return { width: Number(box[1]), height, runs, images, lines: linesOf(runs) };
  });

  const infoObject = objects.get(referenceIn(trailer, 'Info')) ?? '';
  const info: Record<string, string> = {};
  for (const match of infoObject.matchAll(/\/(\w+) \(((?:\\.|[^\\)])*)\)/g)) {
    info[match[1] as string] = decodeWinAnsi(unescapeLiteral(match[2] as string));
  }
  return { pages, info };
}

/** Parses the cross-reference table and returns each object's body, checking every offset. */
function readObjects(text: string): Map<number, string> {
  const startxref = /startxref\n(\d+)\n%%EOF\n$/.exec(text);
  if (startxref === null) throw new Error('The file does not end with startxref and %%EOF.');
  const xrefAt = Number(startxref[1]);
  if (!text.startsWith('xref\n', xrefAt)) throw new Error(`startxref ${xrefAt} is not at "xref".`);

  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(xrefAt)) ?? [];
  const entriesAt = text.indexOf('\n', text.indexOf('\n', xrefAt) + 1) + 1;
  const offsets: Array<[id: number, offset: number]> = [];
  for (let index = 1; index < Number(count); index += 1) {
    const entry = text.slice(entriesAt + index * 20, entriesAt + (index + 1) * 20);
    const match = /^(\d{10}) 00000 n \n$/.exec(entry);
    if (match === null) throw new Error(`Cross-reference entry ${index} is malformed: ${entry}`);
    const id = Number(first) + index;
    const offset = Number(match[1]);
    const header = `${id} 0 obj\n`;
    if (!text.startsWith(header, offset)) {
      throw new Error(
        `Object ${id} not found at offset ${offset}, the offset in its cross-reference entry.`,
      );
    }
    offsets.push([id, offset]);
  }

  // An object ends where the next one starts, so binary image data cannot end it early.
  const starts = offsets.map(([, offset]) => offset).sort((a, b) => a - b);
  const objects = new Map<number, string>();
  for (const [id, offset] of offsets) {
    const next = starts.find((start) => start > offset) ?? xrefAt;
    const body = text.slice(offset + `${id} 0 obj\n`.length, next);
    if (!body.endsWith('\nendobj\n')) throw new Error(`Object ${id} does not end with endobj.`);
    objects.set(id, body.slice(0, -'\nendobj\n'.length));
  }
  return objects;
}

function referenceIn(dictionary: string, key: string): number {
  const match = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  if (match === null) throw new Error(`No /${key} reference in ${dictionary.slice(0, 80)}`);
  return Number(match[1]);
}

/** Returns the bytes of a stream object, as many as its `/Length`. */
function streamOf(object: string): string {
  const match = /^<< \/Length (\d+) >>\nstream\n/.exec(object);
  if (match === null) throw new Error('The page contents are not an uncompressed stream.');
  const start = match[0].length;
  const length = Number(match[1]);
  if (object.slice(start + length) !== '\nendstream') {
    throw new Error('The stream /Length does not end at endstream.');
  }
  return object.slice(start, start + length);
}

const TOKEN = /\((?:\\.|[^\\)])*\)|\/?[^\s()/]+/gs;

/** An image drawn on a page: its resource name and where the `cm` before it placed it. */
interface ImageDraw {
  name: string;
  box: { x: number; y: number; width: number; height: number };
}

function readContent(content: string, pageHeight: number) {
  const runs: TextRun[] = [];
  const draws: ImageDraw[] = [];
  let operands: string[] = [];
  let font: FontName = 'Helvetica';
  let size = 0;
  let x = 0;
  let y = 0;
  let matrix = [1, 0, 0, 1, 0, 0];
  for (const [token] of content.matchAll(TOKEN)) {
    if (token === 'Tf') {
      const resource = operands.at(-2)?.slice(1) ?? '';
      font = FONT_BY_RESOURCE.get(resource) ?? font;
      size = Number(operands.at(-1));
    } else if (token === 'Td') {
      x = Number(operands.at(-2));
      y = pageHeight - Number(operands.at(-1));
    } else if (token === 'Tj') {
      const bytes = unescapeLiteral((operands.at(-1) ?? '()').slice(1, -1));
      const width = measureBytes(Uint8Array.from(bytes), font, size);
      runs.push({ text: decodeWinAnsi(bytes), font, size, x, right: x + width, y });
    } else if (token === 'cm') {
      // Writers here scale and move only, so the matrix is [width 0 0 height left bottom].
      matrix = operands.slice(-6).map(Number);
    } else if (token === 'Do') {
      const [width = 0, , , height = 0, left = 0, bottom = 0] = matrix;
      const name = (operands.at(-1) ?? '').slice(1);
      draws.push({ name, box: { x: left, y: pageHeight - bottom - height, width, height } });
    } else if (token === 'Q') {
      matrix = [1, 0, 0, 1, 0, 0];
    }
    operands = /^[A-Za-z*']+$/.test(token) ? [] : [...operands, token];
  }
  return { runs, draws };
}

/** Reads an image XObject's size and encoding from its dictionary. */
function readImageDictionary(objects: Map<number, string>, id: number) {
  const object = objects.get(id) ?? '';
  const dictionary = object.slice(0, object.indexOf('>>\nstream\n'));
  if (!dictionary.includes('/Subtype /Image')) throw new Error(`Object ${id} is not an image.`);
  const value = (key: string) => new RegExp(`/${key} /?(\\w+)`).exec(dictionary)?.[1] ?? '';
  return {
    pixelWidth: Number(value('Width')),
    pixelHeight: Number(value('Height')),
    colorSpace: value('ColorSpace'),
    filter: value('Filter'),
    softMask: dictionary.includes('/SMask '),
    length: Number(value('Length')),
  };
}

function unescapeLiteral(literal: string): number[] {
  const bytes: number[] = [];
  for (let index = 0; index < literal.length; index += 1) {
    const character = literal[index] as string;
    if (character !== '\\') {
      bytes.push(character.charCodeAt(0));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(literal.slice(index + 1));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
    } else {
      bytes.push((literal[index + 1] ?? '').charCodeAt(0));
      index += 1;
    }
  }
  return bytes;
}

/** Groups runs by baseline, top to bottom, and joins each group left to right. */
function linesOf(runs: TextRun[]): string[] {
  const byBaseline = new Map<number, TextRun[]>();
  for (const run of runs) {
    const key = Math.round(run.y * 10) / 10;
    byBaseline.set(key, [...(byBaseline.get(key) ?? []), run]);
  }
  return [...byBaseline.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, group]) =>
      group
        .sort((a, b) => a.x - b.x)
        .map((run) => run.text)
        .join(' '),
    );
}
