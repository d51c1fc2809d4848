import { readJpeg } from './jpeg-image.js';
import {
  DEFAULT_IMAGE_LIMITS,
  ImageFormatError,
  type ImageLimits,
  type PdfImage,
} from './pdf-image.js';
import { decodePng, isPng } from './png-image.js';

/**
 * Reads a PNG or JPEG file, recognized by its first bytes rather than by a file name or a
 * Content-Type header, which are often wrong. Throws `ImageFormatError` for any other file.
 */
export function readImageFile(
  bytes: Uint8Array,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): PdfImage {
  if (isPng(bytes)) return decodePng(bytes, limits);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const image = readJpeg(bytes);
    if (image.width * image.height > limits.maxPixels) {
      throw new ImageFormatError(
        `the JPEG image is ${image.width} by ${image.height} pixels, above the maximum of ${limits.maxPixels} pixels`,
      );
    }
    return image;
  }
  throw new ImageFormatError('not a PNG or JPEG file');
}
