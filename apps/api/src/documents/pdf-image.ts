/** Color spaces of the images that documents embed. */
export type ImageColorSpace = 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK';

/**
 * A raster image ready to be written as a PDF image XObject: its samples, already encoded
 * with the PDF filter that a viewer decodes them with.
 */
export interface PdfImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  colorSpace: ImageColorSpace;
  /** Always 8: PNG samples of other depths are converted, and JPEG files must use 8. */
  bitsPerComponent: 8;
  /** `DCTDecode` for a JPEG file as it is, `FlateDecode` for samples that Duly compressed. */
  filter: 'DCTDecode' | 'FlateDecode';
  data: Uint8Array;
  /** The `/Decode` array, which inverts the samples of CMYK JPEG files that Adobe wrote. */
  decode?: readonly number[];
  /** Opacity of each pixel as a grayscale image, 255 opaque; absent when every pixel is opaque. */
  softMask?: PdfImage;
}

/** Raised for an image file that cannot be embedded, with the reason in its message. */
export class ImageFormatError extends Error {
  override name = 'ImageFormatError';
}

/** Bounds on what an image file may make the server allocate while it is decoded. */
export interface ImageLimits {
  /** Maximum width times height. */
  maxPixels: number;
}

/**
 * Four million pixels, such as 2000 by 2000: far above what a logo needs, and below 20 MB
 * of decoded RGBA samples.
 */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 4_000_000 };

/**
 * Returns the size in points of an image shrunk to fit inside `maxWidth` by `maxHeight`
 * points with its proportions kept, one pixel per point at most, so small images stay sharp.
 */
export function fitImage(
  image: Pick<PdfImage, 'width' | 'height'>,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1);
  return { width: image.width * scale, height: image.height * scale };
}
