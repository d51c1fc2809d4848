import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentLayout } from './document-layout.js';
import { readImageFile } from './image-file.js';
import { readJpeg } from './jpeg-image.js';
import { fitImage, ImageFormatError, type PdfImage } from './pdf-image.js';
import { readPdf } from './pdf-reader.js';
import { encodePng, smallRgbaPng } from './png-encoder.js';
import { decodePng } from './png-image.js';

const CREATED_AT = new Date('2026-03-15T12:00:00Z');

function samples(image: PdfImage | undefined): number[] {
  return [...inflateSync(image?.data ?? new Uint8Array())];
}

/** Builds a JPEG file's markers up to its frame header, which is all the reader reads. */
function jpegHeader(options: { frame?: number; components?: number; adobe?: boolean } = {}) {
  const components = options.components ?? 3;
  const frame = [0xff, options.frame ?? 0xc0, 0, 8 + 3 * components, 8, 0x01, 0x2c, 0x02, 0x58];
  frame.push(components);
  for (let index = 0; index < components; index += 1) frame.push(index + 1, 0x11, 0);
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const adobe = [0xff, 0xee, 0, 14, 0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 0];
  return Uint8Array.from([
    0xff,
    0xd8,
    ...app0,
    ...(options.adobe ? adobe : []),
    ...frame,
    0xff,
    0xd9,
  ]);
}

describe('decodePng', () => {
  it('reverses every row filter', () => {
    const rows = Array.from({ length: 5 }, (_, row) =>
      Uint8Array.from({ length: 4 * 3 }, (_, index) => (row * 53 + index * 29 + 7) & 0xff),
    );
    const png = encodePng({
      width: 4,
      height: 5,
      colorType: 2,
      bitDepth: 8,
      rows,
      filters: [0, 1, 2, 3, 4],
      dataChunks: 3,
    });

    const image = decodePng(png);
    expect(image).toMatchObject({ width: 4, height: 5, colorSpace: 'DeviceRGB' });
    expect(image.softMask).toBeUndefined();
    expect(samples(image)).toEqual(rows.flatMap((row) => [...row]));
  });

  it('splits RGBA into color and soft mask', () => {
    const image = decodePng(smallRgbaPng());

    expect(image.colorSpace).toBe('DeviceRGB');
    expect(samples(image)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    expect(image.softMask?.colorSpace).toBe('DeviceGray');
    expect(samples(image.softMask)).toEqual([255, 255, 255, 128]);
  });

  it('drops an alpha channel that is all opaque', () => {
    const png = encodePng({
      width: 1,
      height: 1,
      colorType: 6,
      bitDepth: 8,
      rows: [Uint8Array.of(10, 20, 30, 255)],
    });
    expect(decodePng(png).softMask).toBeUndefined();
  });

  it('expands a palette with transparency', () => {
    const png = encodePng({
      width: 3,
      height: 1,
      colorType: 3,
      bitDepth: 2,
      rows: [Uint8Array.of(0b00_01_10_00)],
      palette: Uint8Array.of(255, 0, 0, 0, 128, 0, 1, 2, 3),
      transparency: Uint8Array.of(0, 200),
    });

    const image = decodePng(png);
    expect(samples(image)).toEqual([255, 0, 0, 0, 128, 0, 1, 2, 3]);
    expect(samples(image.softMask)).toEqual([0, 200, 255]);
  });

  it('scales 1-bit gray to 8 bits', () => {
    const png = encodePng({
      width: 10,
      height: 1,
      colorType: 0,
      bitDepth: 1,
      rows: [Uint8Array.of(0b1010_0000, 0b1100_0000)],
    });

    const image = decodePng(png);
    expect(image.colorSpace).toBe('DeviceGray');
    expect(samples(image)).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255, 255]);
  });

  it('keeps the high byte of 16-bit samples', () => {
    const png = encodePng({
      width: 1,
      height: 1,
      colorType: 4,
      bitDepth: 16,
      rows: [Uint8Array.of(0x12, 0x34, 0x80, 0xff)],
    });

    const image = decodePng(png);
    expect(samples(image)).toEqual([0x12]);
    expect(samples(image.softMask)).toEqual([0x80]);
  });

  it('makes the tRNS key color transparent', () => {
    const png = encodePng({
      width: 2,
      height: 1,
      colorType: 2,
      bitDepth: 8,
      rows: [Uint8Array.of(1, 2, 3, 4, 5, 6)],
      transparency: Uint8Array.of(0, 4, 0, 5, 0, 6),
    });
    expect(samples(decodePng(png).softMask)).toEqual([255, 0]);
  });

  it('rejects interlaced, oversized and damaged files', () => {
    const png = smallRgbaPng();
    const interlaced = Uint8Array.from(png);
    interlaced[28] = 1;
    const truncated = png.subarray(0, png.length - 20);

    expect(() => decodePng(interlaced)).toThrow('the PNG image is interlaced');
    expect(() => decodePng(png, { maxPixels: 3 })).toThrow(
      'the PNG image is 2 by 2 pixels, above the maximum of 3 pixels',
    );
    expect(() => decodePng(truncated)).toThrow(ImageFormatError);
    expect(() => decodePng(Uint8Array.of(1, 2, 3))).toThrow('not a PNG file');
  });

  it('rejects data longer than the image', () => {
    const png = encodePng({
      width: 1,
      height: 1,
      colorType: 0,
      bitDepth: 8,
      rows: [Uint8Array.of(1, 2, 3)],
    });
    expect(() => decodePng(png)).toThrow(ImageFormatError);
  });
});

describe('readJpeg', () => {
  it('reads size and components from the frame', () => {
    const image = readJpeg(jpegHeader());
    expect(image).toMatchObject({
      width: 600,
      height: 300,
      colorSpace: 'DeviceRGB',
      filter: 'DCTDecode',
    });
    expect(image.decode).toBeUndefined();
  });

  it('inverts Adobe CMYK and reads progressive frames', () => {
    expect(readJpeg(jpegHeader({ components: 4, adobe: true })).decode).toEqual([
      1, 0, 1, 0, 1, 0, 1, 0,
    ]);
    expect(readJpeg(jpegHeader({ frame: 0xc2, components: 1 })).colorSpace).toBe('DeviceGray');
  });

  it('rejects lossless and arithmetic frames', () => {
    expect(() => readJpeg(jpegHeader({ frame: 0xc3 }))).toThrow(ImageFormatError);
    expect(() => readJpeg(jpegHeader({ frame: 0xc9 }))).toThrow(ImageFormatError);
  });
});

describe('readImageFile', () => {
  it('tells formats apart by their bytes', () => {
    expect(readImageFile(smallRgbaPng()).filter).toBe('FlateDecode');
    expect(readImageFile(jpegHeader()).filter).toBe('DCTDecode');
    expect(() => readImageFile(new TextEncoder().encode('GIF89a'))).toThrow(
      'not a PNG or JPEG file',
    );
    expect(() =>
      readImageFile(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toThrow('not a PNG or JPEG file');
  });
});

describe('fitImage', () => {
  it('keeps proportions and never enlarges', () => {
    expect(fitImage({ width: 400, height: 100 }, 160, 48)).toEqual({ width: 160, height: 40 });
    expect(fitImage({ width: 100, height: 200 }, 160, 48)).toEqual({ width: 24, height: 48 });
    expect(fitImage({ width: 20, height: 10 }, 160, 48)).toEqual({ width: 20, height: 10 });
  });
});

describe('images in PDF files', () => {
  it('embeds an image with its soft mask once', () => {
    const logo = decodePng(smallRgbaPng());
    const layout = new DocumentLayout();
    layout.image(logo, { width: 40, height: 40 });
    layout.moveDown(40);
    layout.paragraph('After the logo');
    layout.addPage();
    layout.image(logo, { x: 100, width: 20, height: 20 });

    const file = layout.toPdf({ title: 'Logo', createdAt: CREATED_AT });
    const { pages } = readPdf(file);
    expect(pages[0]?.images).toEqual([
      {
        x: 54,
        y: 54,
        width: 40,
        height: 40,
        pixelWidth: 2,
        pixelHeight: 2,
        colorSpace: 'DeviceRGB',
        filter: 'FlateDecode',
        softMask: true,
        length: logo.data.length,
      },
    ]);
    expect(pages[0]?.lines).toEqual(['After the logo']);
    expect(pages[1]?.images[0]).toMatchObject({ x: 154, y: 54, width: 20, height: 20 });
    const text = Buffer.from(file).toString('latin1');
    expect(text.match(/\/Subtype \/Image/g)).toHaveLength(2);
  });
});
