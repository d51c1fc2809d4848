import { deflateSync, inflateSync } from 'node:zlib';
import {
  DEFAULT_IMAGE_LIMITS,
  ImageFormatError,
  type ImageLimits,
  type PdfImage,
} from './pdf-image.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Samples per pixel of each PNG color type. */
const CHANNELS: Partial<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Bit depths the PNG specification allows for each color type. */
const BIT_DEPTHS: Partial<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** The chunks of a PNG file that decoding needs. */
interface PngChunks {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  palette: Uint8Array | undefined;
  transparency: Uint8Array | undefined;
  data: Buffer;
}

/**
 * Decodes a PNG file into 8-bit samples compressed for PDF's FlateDecode filter, with the
 * alpha channel or `tRNS` transparency as a soft mask. Every color type and bit depth of the
 * PNG specification is read; 16-bit samples keep their high byte. Throws `ImageFormatError`
 * for a file that is not a PNG, is damaged, is interlaced, or has more pixels than `limits`.
 */
export function decodePng(bytes: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): PdfImage {
  const png = readChunks(bytes);
  if (png.width * png.height > limits.maxPixels) {
    throw new ImageFormatError(
      `the PNG image is ${png.width} by ${png.height} pixels, above the maximum of ${limits.maxPixels} pixels`,
    );
  }
  // NOTE: Adam7 interlacing is not decoded; logos are rarely interlaced.
  if (png.interlaced) throw new ImageFormatError('the PNG image is interlaced');

  const channels = CHANNELS[png.colorType] as number;
  const bitsPerPixel = channels * png.bitDepth;
  const rowBytes = Math.ceil((png.width * bitsPerPixel) / 8);
  const filtered = inflate(png.data, png.height * (rowBytes + 1));
  const raw = unfilter(filtered, png.height, rowBytes, Math.max(1, bitsPerPixel / 8));
  const { color, alpha, gray } = toEightBit(png, raw, rowBytes);

  const image: PdfImage = {
    width: png.width,
    height: png.height,
    colorSpace: gray ? 'DeviceGray' : 'DeviceRGB',
    bitsPerComponent: 8,
    filter: 'FlateDecode',
    data: deflateSync(color),
  };
  if (alpha?.some((value) => value !== 255)) {
    image.softMask = {
      width: png.width,
      height: png.height,
      colorSpace: 'DeviceGray',
      bitsPerComponent: 8,
      filter: 'FlateDecode',
      data: deflateSync(alpha),
    };
  }
  return image;
}

/** Checks whether `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, index) => bytes[index] === byte);
}

function readChunks(bytes: Uint8Array): PngChunks {
  if (!isPng(bytes)) throw new ImageFormatError('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data: Uint8Array[] = [];
  let header: Omit<PngChunks, 'palette' | 'transparency' | 'data'> | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  let offset = SIGNATURE.length;

  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const start = offset + 8;
    // Each chunk ends with 4 bytes of CRC, which zlib's own checksum makes redundant here.
    if (start + length + 4 > bytes.length) {
      throw new ImageFormatError(`the PNG file ends inside its ${type} chunk`);
    }
    const body = bytes.subarray(start, start + length);

    if (type === 'IHDR') header = readHeader(body);
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset = start + length + 4;
  }

  if (header === undefined) throw new ImageFormatError('the PNG file has no IHDR chunk');
  if (data.length === 0) throw new ImageFormatError('the PNG file has no image data');
  if (header.colorType === 3 && palette === undefined) {
    throw new ImageFormatError('the PNG file has a palette image without a palette');
  }
  return { ...header, palette, transparency, data: Buffer.concat(data) };
}

function readHeader(body: Uint8Array) {
  if (body.length !== 13) throw new ImageFormatError('the PNG IHDR chunk is not 13 bytes');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const bitDepth = body[8] as number;
  const colorType = body[9] as number;

  if (width === 0 || height === 0) throw new ImageFormatError('the PNG image has no pixels');
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth)) {
    throw new ImageFormatError(
      `the PNG image has color type ${colorType} with bit depth ${bitDepth}, which PNG does not define`,
    );
  }
  if (body[10] !== 0 || body[11] !== 0) {
    throw new ImageFormatError('the PNG image uses an unknown compression or filter method');
  }
  return { width, height, bitDepth, colorType, interlaced: body[12] !== 0 };
}

/** Inflates the image data, which must be exactly `expected` bytes. */
function inflate(data: Buffer, expected: number): Buffer {
  let inflated: Buffer;
  try {
    // One byte more than expected separates a file with too much data from one that fits.
    inflated = inflateSync(data, { maxOutputLength: expected + 1 });
  } catch (error) {
    throw new ImageFormatError('the PNG image data is damaged or larger than its size', {
      cause: error,
    });
  }
  if (inflated.length !== expected) {
    throw new ImageFormatError(
      `the PNG image data is ${inflated.length} bytes but its size needs ${expected}`,
    );
  }
  return inflated;
}

/**
 * Reverses the PNG row filters (None, Sub, Up, Average, Paeth) and returns the rows without
 * their filter bytes. `pixelBytes` is the bytes of one pixel, 1 for depths below 8 bits.
 */
function unfilter(
  filtered: Buffer,
  height: number,
  rowBytes: number,
  pixelBytes: number,
): Uint8Array {
  const raw = new Uint8Array(height * rowBytes);
  for (let row = 0; row < height; row += 1) {
    const filter = filtered[row * (rowBytes + 1)];
    const input = row * (rowBytes + 1) + 1;
    const output = row * rowBytes;
    for (let index = 0; index < rowBytes; index += 1) {
      const left = index >= pixelBytes ? (raw[output + index - pixelBytes] as number) : 0;
      const up = row > 0 ? (raw[output - rowBytes + index] as number) : 0;
      const upLeft =
        row > 0 && index >= pixelBytes
          ? (raw[output - rowBytes + index - pixelBytes] as number)
          : 0;
      raw[output + index] =
        ((filtered[input + index] as number) + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return raw;
}

function predictor(filter: number | undefined, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) return left;
      return toUp <= toUpLeft ? up : upLeft;
    }
    default:
      throw new ImageFormatError(`the PNG image has a row with unknown filter type ${filter}`);
  }
}

/**
 * Converts unfiltered rows to 8-bit gray or RGB samples and, when the image has an alpha
 * channel or `tRNS` transparency, 8-bit opacities.
 */
function toEightBit(png: PngChunks, raw: Uint8Array, rowBytes: number) {
  const { width, height, bitDepth, colorType, palette, transparency } = png;
  const gray = colorType === 0 || colorType === 4;
  const colorChannels = gray ? 1 : 3;
  const color = new Uint8Array(width * height * colorChannels);
  const hasAlpha = colorType === 4 || colorType === 6 || transparency !== undefined;
  const alpha = hasAlpha ? new Uint8Array(width * height).fill(255) : undefined;
  const channels = CHANNELS[colorType] as number;
  const maxSample = 2 ** bitDepth - 1;

  // Reads sample `channel` of pixel `x` of `row` at the file's own depth.
  const sample = (row: number, x: number, channel: number): number => {
    const start = row * rowBytes;
    if (bitDepth === 16) return readUint16(raw, start + (x * channels + channel) * 2);
    if (bitDepth === 8) return raw[start + x * channels + channel] as number;
    const bit = x * bitDepth;
    const byte = raw[start + (bit >> 3)] as number;
    return (byte >> (8 - bitDepth - (bit & 7))) & maxSample;
  };
  const toByte = (value: number) =>
    bitDepth === 16 ? value >> 8 : Math.round((value * 255) / maxSample);

  for (let row = 0; row < height; row += 1) {
    for (let x = 0; x < width; x += 1) {
      const pixel = row * width + x;
      if (colorType === 3) {
        const index = sample(row, x, 0);
        if (palette === undefined || index * 3 + 2 >= palette.length) {
          throw new ImageFormatError(`the PNG image uses palette entry ${index}, which is missing`);
        }
        color.set(palette.subarray(index * 3, index * 3 + 3), pixel * 3);
        if (alpha !== undefined) alpha[pixel] = transparency?.[index] ?? 255;
        continue;
      }

      let isKeyColor = transparency !== undefined;
      for (let channel = 0; channel < colorChannels; channel += 1) {
        const value = sample(row, x, channel);
        color[pixel * colorChannels + channel] = toByte(value);
        if (isKeyColor) isKeyColor = readUint16(transparency as Uint8Array, channel * 2) === value;
      }
      if (alpha === undefined) continue;
      if (colorType === 4 || colorType === 6) {
        alpha[pixel] = toByte(sample(row, x, colorChannels));
      } else if (isKeyColor) {
        // A gray or RGB image's tRNS chunk names one fully transparent color, in 16-bit values.
        alpha[pixel] = 0;
      }
    }
  }
  return { color, alpha, gray };
}

function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}
