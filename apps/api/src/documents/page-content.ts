import { type FontName, measureBytes } from './fonts.js';
import { FONT_RESOURCES, type PdfPage } from './pdf-file.js';
import type { PdfImage } from './pdf-image.js';
import { pdfLiteralString, pdfNumber } from './pdf-syntax.js';
import { encodeWinAnsi } from './win-ansi.js';

/** An RGB color, each part from 0 to 1. */
export type Color = readonly [red: number, green: number, blue: number];

export const BLACK: Color = [0, 0, 0];

/** Position of `x` on a line of text: its start, its middle or its end. */
export type TextAlign = 'left' | 'center' | 'right';

export interface TextStyle {
  font: FontName;
  /** Font size in points. */
  size: number;
  color?: Color;
}

export interface LineStyle {
  /** Stroke width in points. */
  width?: number;
  color?: Color;
}

/**
 * The drawing on one page, in points from the page's top-left corner, `y` growing
 * downwards as on screen. It writes PDF operators, whose origin is the bottom-left
 * corner, into an uncompressed content stream.
 */
export class PageContent {
  readonly width: number;
  readonly height: number;
  /** Characters drawn as `?` because the standard fonts have no glyph for them, in order. */
  readonly replacedCharacters: string[] = [];
  readonly #operators: string[] = [];
  readonly #images = new Map<string, PdfImage>();

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
  }

  /**
   * Draws one line of text with its baseline at `y`. With `align` `right`, `x` is where
   * the text ends, which lines up amounts of any length on their last digit; with
   * `center`, its middle. Returns the text's width in points.
   */
  text(text: string, x: number, y: number, style: TextStyle & { align?: TextAlign }): number {
    const { bytes, replaced } = encodeWinAnsi(text);
    this.replacedCharacters.push(...replaced);
    const width = measureBytes(bytes, style.font, style.size);
    const align = style.align ?? 'left';
    let start = x;
    if (align === 'right') start = x - width;
    if (align === 'center') start = x - width / 2;

    this.#operators.push(
      `BT ${colorOperator(style.color ?? BLACK, 'rg')} /${FONT_RESOURCES[style.font]} ${pdfNumber(style.size)} Tf ` +
        `${pdfNumber(start)} ${pdfNumber(this.height - y)} Td ${pdfLiteralString(bytes)} Tj ET`,
    );
    return width;
  }

  /** Draws a straight line from (`x1`, `y1`) to (`x2`, `y2`). */
  line(x1: number, y1: number, x2: number, y2: number, style: LineStyle = {}): void {
    this.#operators.push(
      `q ${colorOperator(style.color ?? BLACK, 'RG')} ${pdfNumber(style.width ?? 0.5)} w ` +
        `${pdfNumber(x1)} ${pdfNumber(this.height - y1)} m ` +
        `${pdfNumber(x2)} ${pdfNumber(this.height - y2)} l S Q`,
    );
  }

  /** Fills a rectangle whose top-left corner is (`x`, `y`). */
  fillRect(x: number, y: number, width: number, height: number, color: Color): void {
    this.#operators.push(
      `q ${colorOperator(color, 'rg')} ${pdfNumber(x)} ${pdfNumber(this.height - y - height)} ` +
        `${pdfNumber(width)} ${pdfNumber(height)} re f Q`,
    );
  }

  /**
   * Draws `image` scaled to `width` by `height` points with its top-left corner at (`x`,
   * `y`). An image drawn twice on a page is one resource of the page.
   */
  image(image: PdfImage, x: number, y: number, width: number, height: number): void {
    let name = [...this.#images].find(([, drawn]) => drawn === image)?.[0];
    if (name === undefined) {
      name = `Im${this.#images.size + 1}`;
      this.#images.set(name, image);
    }
    // The unit square of image space, stretched to the box and moved to its bottom-left corner.
    this.#operators.push(
      `q ${pdfNumber(width)} 0 0 ${pdfNumber(height)} ${pdfNumber(x)} ` +
        `${pdfNumber(this.height - y - height)} cm /${name} Do Q`,
    );
  }

  /** Returns the page with its content stream and images, for `writePdfFile`. */
  toPdfPage(): PdfPage {
    return {
      width: this.width,
      height: this.height,
      content: new Uint8Array(Buffer.from(this.#operators.join('\n'), 'latin1')),
      images: new Map(this.#images),
    };
  }
}

function colorOperator(color: Color, operator: 'rg' | 'RG'): string {
  for (const part of color) {
    if (!(part >= 0 && part <= 1)) {
      throw new RangeError(`Color parts must be between 0 and 1; received [${color.join(', ')}].`);
    }
  }
  return `${color.map(pdfNumber).join(' ')} ${operator}`;
}
