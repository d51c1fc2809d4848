import type { FontName } from './fonts.js';
import type { PdfImage } from './pdf-image.js';
import { pdfDate, pdfNumber, pdfTextString } from './pdf-syntax.js';

/** One finished page: its size in points, its content stream and the images it draws. */
export interface PdfPage {
  width: number;
  height: number;
  /** Page description operators, ASCII; written uncompressed. */
  content: Uint8Array;
  /** The images that the content draws with `Do`, by resource name such as `Im1`. */
  images?: ReadonlyMap<string, PdfImage>;
}

/** The document information dictionary: what viewers show as the title and author. */
export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  /** Written as the creation date; pass the document's own date, so the same input gives the same bytes. */
  createdAt: Date;
}

/** Resource names of the fonts in every page's resources, as content streams use them (`/F1 10 Tf`). */
export const FONT_RESOURCES: Record<FontName, string> = {
  Helvetica: 'F1',
  'Helvetica-Bold': 'F2',
};

const CATALOG_ID = 1;
const PAGES_ID = 2;
const INFO_ID = 3;
const FIRST_FONT_ID = 4;

/**
 * Serializes pages into a PDF 1.4 file. It contains a catalog, a page tree, the two standard
 * fonts with WinAnsiEncoding (standard fonts need no widths or font file) and an information
 * dictionary. Each page has an uncompressed content stream, and the cross-reference table
 * lists the byte offset of every object. An image drawn on several pages is written once.
 */
export function writePdfFile(
  pages: readonly PdfPage[],
  metadata: PdfMetadata,
): Uint8Array<ArrayBuffer> {
  if (pages.length === 0) throw new Error('A PDF document needs at least one page.');

  const fonts = Object.entries(FONT_RESOURCES) as Array<[FontName, string]>;
  const firstPageId = FIRST_FONT_ID + fonts.length;
  const pageIds = pages.map((_, index) => firstPageId + index * 2);
  const fontDictionary = fonts
    .map(([, resource], index) => `/${resource} ${FIRST_FONT_ID + index} 0 R`)
    .join(' ');

  const objects: Array<string | Uint8Array> = [];
  objects[CATALOG_ID] = `<< /Type /Catalog /Pages ${PAGES_ID} 0 R >>`;
  objects[PAGES_ID] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[INFO_ID] = infoDictionary(metadata);
  fonts.forEach(([font], index) => {
    objects[FIRST_FONT_ID + index] =
      `<< /Type /Font /Subtype /Type1 /BaseFont /${font} /Encoding /WinAnsiEncoding >>`;
  });
  // Images follow the pages, each numbered when a page first draws it.
  const imageIds = new Map<PdfImage, number>();
  let nextImageId = firstPageId + pages.length * 2;
  const imageId = (image: PdfImage): number => {
    const known = imageIds.get(image);
    if (known !== undefined) return known;
    const maskId = image.softMask === undefined ? undefined : imageId(image.softMask);
    const id = nextImageId;
    nextImageId += 1;
    objects[id] = imageXObject(image, maskId);
    imageIds.set(image, id);
    return id;
  };

  pages.forEach((page, index) => {
    const pageId = pageIds[index] as number;
    const mediaBox = `[0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)}]`;
    let xObjects = '';
    for (const [name, image] of page.images ?? []) xObjects += ` /${name} ${imageId(image)} 0 R`;
    const resources =
      xObjects === ''
        ? `<< /Font << ${fontDictionary} >> /ProcSet [/PDF /Text] >>`
        : `<< /Font << ${fontDictionary} >> /XObject <<${xObjects} >> ` +
          '/ProcSet [/PDF /Text /ImageB /ImageC] >>';
    objects[pageId] =
      `<< /Type /Page /Parent ${PAGES_ID} 0 R /MediaBox ${mediaBox} ` +
      `/Resources ${resources} /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = contentStream(page.content);
  });

  return serialize(objects);
}

/** Writes an image XObject: its dictionary, then its encoded samples as the stream. */
function imageXObject(image: PdfImage, softMaskId: number | undefined): Uint8Array {
  const entries = [
    '/Type /XObject /Subtype /Image',
    `/Width ${image.width} /Height ${image.height}`,
    `/ColorSpace /${image.colorSpace} /BitsPerComponent ${image.bitsPerComponent}`,
    `/Filter /${image.filter}`,
    image.decode === undefined ? '' : `/Decode [${image.decode.join(' ')}]`,
    softMaskId === undefined ? '' : `/SMask ${softMaskId} 0 R`,
    `/Length ${image.data.length}`,
  ];
  const dictionary = entries.filter((entry) => entry !== '').join(' ');
  return Buffer.concat([
    Buffer.from(`<< ${dictionary} >>\nstream\n`, 'latin1'),
    image.data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

function infoDictionary(metadata: PdfMetadata): string {
  const entries = [
    `/Title ${pdfTextString(metadata.title)}`,
    metadata.author === undefined ? '' : `/Author ${pdfTextString(metadata.author)}`,
    metadata.subject === undefined ? '' : `/Subject ${pdfTextString(metadata.subject)}`,
    '/Producer (Duly)',
    `/CreationDate (${pdfDate(metadata.createdAt)})`,
  ];
  return `<< ${entries.filter((entry) => entry !== '').join(' ')} >>`;
}

function contentStream(content: Uint8Array): Uint8Array {
  const head = Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1');
  const tail = Buffer.from('\nendstream', 'latin1');
  return Buffer.concat([head, content, tail]);
}

/** Writes the header, the numbered objects, the cross-reference table and the trailer. */
function serialize(
  objects: ReadonlyArray<string | Uint8Array | undefined>,
): Uint8Array<ArrayBuffer> {
  // The second line's bytes above 127 tell transfer tools that the file is binary.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];

  for (let id = 1; id < objects.length; id += 1) {
    const body = objects[id];
    if (body === undefined) throw new Error(`PDF object ${id} was never written.`);
    offsets[id] = length;
    const chunk = Buffer.concat([
      Buffer.from(`${id} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(chunk);
    length += chunk.length;
  }

  // Each cross-reference entry is exactly 20 bytes, its line end being a space and a newline.
  let xref = `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id += 1) {
    xref += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  }
  xref +=
    `trailer\n<< /Size ${objects.length} /Root ${CATALOG_ID} 0 R /Info ${INFO_ID} 0 R >>\n` +
    `startxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
