import { type ImageColorSpace, ImageFormatError, type PdfImage } from './pdf-image.js';

/**
 * Start-of-frame markers that PDF's DCTDecode filter reads: baseline, extended sequential
 * and progressive Huffman-coded JPEG. Lossless, hierarchical and arithmetic-coded frames
 * are not part of what PDF 1.4 viewers must decode.
 */
const SUPPORTED_FRAMES = new Set([0xc0, 0xc1, 0xc2]);

/** Every other start-of-frame marker; 0xC4, 0xC8 and 0xCC share the range but are not frames. */
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const COLOR_SPACES: Partial<Record<number, ImageColorSpace>> = {
  1: 'DeviceGray',
  3: 'DeviceRGB',
  4: 'DeviceCMYK',
};

/**
 * Reads a JPEG file's frame header and returns the file, unchanged, as an image for the
 * DCTDecode filter, which PDF viewers decode themselves. Throws `ImageFormatError` for a
 * file that is not JPEG or that viewers cannot be relied on to decode.
 */
export function readJpeg(bytes: Uint8Array): PdfImage {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ImageFormatError('not a JPEG file');
  let adobe = false;
  let offset = 2;

  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new ImageFormatError('the JPEG file has a broken segment');
    const marker = bytes[offset + 1] as number;
    // 0xFF bytes before a marker are padding.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break;
    const length = readUint16(bytes, offset + 2);
    const segment = offset + 4;
    if (length < 2 || segment + length - 2 > bytes.length) {
      throw new ImageFormatError('the JPEG file ends inside a segment');
    }

    if (marker === 0xee && latin1(bytes, segment, 5) === 'Adobe') adobe = true;
    if (OTHER_FRAMES.has(marker)) {
      throw new ImageFormatError('the JPEG file is lossless, hierarchical or arithmetic-coded');
    }
    if (SUPPORTED_FRAMES.has(marker)) {
      if (length < 8) throw new ImageFormatError('the JPEG frame header is too short');
      return frameImage(bytes, segment, adobe);
    }
    offset = segment + length - 2;
  }
  throw new ImageFormatError('the JPEG file has no frame header');
}

function frameImage(bytes: Uint8Array, segment: number, adobe: boolean): PdfImage {
  const precision = bytes[segment];
  const height = readUint16(bytes, segment + 1);
  const width = readUint16(bytes, segment + 3);
  const components = bytes[segment + 5] as number;
  const colorSpace = COLOR_SPACES[components];

  if (precision !== 8) throw new ImageFormatError(`the JPEG file has ${precision}-bit samples`);
  if (width === 0 || height === 0) throw new ImageFormatError('the JPEG file has no size');
  if (colorSpace === undefined) {
    throw new ImageFormatError(`the JPEG file has ${components} color components`);
  }
  return {
    width,
    height,
    colorSpace,
    bitsPerComponent: 8,
    filter: 'DCTDecode',
    data: bytes,
    // Adobe applications write CMYK JPEG files with inverted samples.
    ...(colorSpace === 'DeviceCMYK' && adobe ? { decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
  };
}

function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function latin1(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
