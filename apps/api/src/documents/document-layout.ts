import { CAP_HEIGHT, type FontName } from './fonts.js';
import {
  BLACK,
  type Color,
  type LineStyle,
  PageContent,
  type TextAlign,
  type TextStyle,
} from './page-content.js';
import { type PdfMetadata, writePdfFile } from './pdf-file.js';
import type { PdfImage } from './pdf-image.js';
import { wrapText } from './text-wrap.js';

/** A page size in points (1/72 inch). */
export interface PageSize {
  width: number;
  height: number;
}

export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
} as const satisfies Record<string, PageSize>;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Text of one page's footer, at its left and right ends. */
export interface PageFooter {
  left?: string;
  right?: string;
}

export interface LayoutOptions {
  /** US Letter when left out. */
  pageSize?: PageSize;
  /** Points from each edge to the content; 54 (three quarters of an inch) when left out. */
  margins?: Partial<Margins>;
  /**
   * The footer of each page, given its number and the page count. Footers are written once
   * the document is finished, so "Page 1 of 3" knows its page count, and sit in the bottom
   * margin.
   */
  footer?: (pageNumber: number, pageCount: number) => PageFooter;
  /** Draws a running header at the top of each page after the first, such as the document's number. */
  continuationHeader?: (layout: DocumentLayout) => void;
}

/** Look of a block of text; the font and color default to Helvetica in black. */
export interface BlockStyle {
  font?: FontName;
  /** Font size in points; 10 when left out. */
  size?: number;
  color?: Color;
  /** Line height as a multiple of the font size; 1.35 when left out. */
  lineHeight?: number;
}

/** A piece of text in a row, placed from the content's left edge. */
export interface Cell extends BlockStyle {
  text: string;
  /** Points from the content's left edge to the cell's left edge; 0 when left out. */
  x?: number;
  /** The cell's width in points; text wraps inside it. The rest of the line when left out. */
  width?: number;
  align?: TextAlign;
}

export interface TableColumn {
  header: string;
  /** The column's share of the table width, relative to the other columns' weights. */
  weight: number;
  align?: TextAlign;
}

export interface Table {
  columns: TableColumn[];
  /** Cell texts, one array per row, in column order. */
  rows: string[][];
  /** Style of the body rows; the header row is the same size in bold gray. */
  style?: BlockStyle;
}

/** A cell broken into lines, at its place on the page. */
interface LaidOutCell {
  lines: string[];
  lineHeight: number;
  style: TextStyle & { align: TextAlign };
  /** Left edge from the page's left edge. */
  x: number;
  width: number;
}

const DEFAULT_SIZE = 10;
const DEFAULT_LINE_HEIGHT = 1.35;
const DEFAULT_MARGIN = 54;
/** Space between two table columns, in points. */
const COLUMN_GAP = 12;
/** Space between a table row's text and the rule under it, in points. */
const ROW_PADDING = 4;

export const GRAY: Color = [0.42, 0.45, 0.5];
export const LIGHT_GRAY: Color = [0.85, 0.86, 0.88];

/**
 * Lays out a document top to bottom on as many pages as it needs. It writes paragraphs that
 * wrap, rows of cells aligned left, center or right (so amounts line up on their last digit),
 * rules, and tables whose header repeats after a page break, then footers with page numbers.
 * Receipts, invoices and statements are built on it; it has no rule of its own for them.
 */
export class DocumentLayout {
  readonly pageSize: PageSize;
  readonly margins: Margins;
  readonly #options: LayoutOptions;
  readonly #pages: PageContent[] = [];
  #y = 0;

  constructor(options: LayoutOptions = {}) {
    this.#options = options;
    this.pageSize = options.pageSize ?? PAGE_SIZES.letter;
    this.margins = {
      top: DEFAULT_MARGIN,
      right: DEFAULT_MARGIN,
      bottom: DEFAULT_MARGIN,
      left: DEFAULT_MARGIN,
      ...options.margins,
    };
    if (this.contentWidth <= 0 || this.#bottom <= this.margins.top) {
      throw new RangeError('The margins leave no room for content on the page.');
    }
    this.addPage();
  }

  /** The page being drawn on. */
  get page(): PageContent {
    return this.#pages.at(-1) as PageContent;
  }

  get pageCount(): number {
    return this.#pages.length;
  }

  /** The cursor: points from the top of the page to where the next block starts. */
  get y(): number {
    return this.#y;
  }

  get left(): number {
    return this.margins.left;
  }

  get right(): number {
    return this.pageSize.width - this.margins.right;
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  /** Points left on this page above the bottom margin. */
  get remainingHeight(): number {
    return this.#bottom - this.#y;
  }

  /** Characters printed as `?` anywhere in the document, because no standard font has them. */
  get replacedCharacters(): string[] {
    return this.#pages.flatMap((page) => page.replacedCharacters);
  }

  get #bottom(): number {
    return this.pageSize.height - this.margins.bottom;
  }

  /** Starts a new page, with the continuation header when there is one. */
  addPage(): void {
    this.#pages.push(new PageContent(this.pageSize.width, this.pageSize.height));
    this.#y = this.margins.top;
    if (this.#pages.length > 1) this.#options.continuationHeader?.(this);
  }

  /**
   * Starts a new page unless `height` points fit on this one, so that a block is never
   * split. A block taller than a whole page starts at the top of one and runs over.
   */
  ensureSpace(height: number): void {
    if (height > this.remainingHeight && this.#y > this.margins.top) this.addPage();
  }

  moveDown(points: number): void {
    this.#y += points;
  }

  /** Writes wrapped text across the content width, or across `cell.width` from `cell.x`. */
  paragraph(text: string, style: Omit<Cell, 'text'> = {}): void {
    this.row([{ ...style, text }]);
  }

  /**
   * Writes cells side by side, each wrapped to its width, and moves the cursor below the
   * tallest. The row moves to the next page whole when it does not fit.
   */
  row(cells: Cell[]): void {
    const laidOut = cells.map((cell) => this.#layOutCell(cell));
    const height = Math.max(0, ...laidOut.map((cell) => cell.lines.length * cell.lineHeight));
    this.ensureSpace(height);
    for (const cell of laidOut) this.#drawCell(cell, this.#y);
    this.#y += height;
  }

  /**
   * Draws `image` at the cursor, `x` points from the content's left edge, scaled to `width`
   * by `height` points. The cursor stays where it is, so text can be written beside the
   * image; move it below with `moveDown(height)`.
   */
  image(image: PdfImage, box: { x?: number; width: number; height: number }): void {
    this.page.image(image, this.left + (box.x ?? 0), this.#y, box.width, box.height);
  }

  /** Draws a horizontal rule across the content width at the cursor and moves below it. */
  rule(style: LineStyle = {}): void {
    const width = style.width ?? 0.5;
    this.page.line(this.left, this.#y + width / 2, this.right, this.#y + width / 2, {
      width,
      color: style.color ?? LIGHT_GRAY,
    });
    this.#y += width;
  }

  /**
   * Writes a table across the content width: a bold header row, then the rows with a rule
   * under each. A row that does not fit starts a new page, which repeats the header.
   */
  table(table: Table): void {
    const totalWeight = table.columns.reduce((sum, column) => sum + column.weight, 0);
    const available = this.contentWidth - COLUMN_GAP * (table.columns.length - 1);
    let x = 0;
    const placed = table.columns.map((column) => {
      const width = (available * column.weight) / totalWeight;
      const cell = { x, width, align: column.align ?? 'left' };
      x += width + COLUMN_GAP;
      return cell;
    });
    const style = table.style ?? {};
    const header = placed.map((cell, index) => ({
      ...style,
      ...cell,
      text: table.columns[index]?.header ?? '',
      font: 'Helvetica-Bold' as const,
      color: GRAY,
    }));

    const writeHeader = () => {
      this.row(header);
      this.moveDown(ROW_PADDING);
      this.rule({ color: GRAY });
    };
    const headerHeight = this.#heightOf(header) + ROW_PADDING;

    // The header needs at least one row under it on its page.
    const firstRow = (table.rows[0] ?? []).map((text, index) => ({
      ...style,
      ...placed[index],
      text,
    }));
    this.ensureSpace(headerHeight + this.#heightOf(firstRow) + 2 * ROW_PADDING);
    writeHeader();

    for (const texts of table.rows) {
      const cells = texts.map((text, index) => ({ ...style, ...placed[index], text }));
      const height = this.#heightOf(cells) + 2 * ROW_PADDING;
      if (height > this.remainingHeight) {
        this.addPage();
        writeHeader();
      }
      this.moveDown(ROW_PADDING);
      this.row(cells);
      this.moveDown(ROW_PADDING);
      this.rule();
    }
  }

  /** Writes the footers and returns the finished PDF file. */
  toPdf(metadata: PdfMetadata): Uint8Array<ArrayBuffer> {
    const footer = this.#options.footer;
    const count = this.#pages.length;
    if (footer !== undefined) {
      const baseline = this.pageSize.height - this.margins.bottom / 2;
      const style: TextStyle = { font: 'Helvetica', size: 8, color: GRAY };
      this.#pages.forEach((page, index) => {
        const { left, right } = footer(index + 1, count);
        if (left !== undefined) page.text(left, this.left, baseline, style);
        if (right !== undefined)
          page.text(right, this.right, baseline, { ...style, align: 'right' });
      });
    }
    return writePdfFile(
      this.#pages.map((page) => page.toPdfPage()),
      metadata,
    );
  }

  #layOutCell(cell: Cell): LaidOutCell {
    const font = cell.font ?? 'Helvetica';
    const size = cell.size ?? DEFAULT_SIZE;
    const x = cell.x ?? 0;
    const width = cell.width ?? this.contentWidth - x;
    return {
      lines: wrapText(cell.text, font, size, width),
      lineHeight: size * (cell.lineHeight ?? DEFAULT_LINE_HEIGHT),
      style: { font, size, color: cell.color ?? BLACK, align: cell.align ?? 'left' },
      x: this.left + x,
      width,
    };
  }

  #heightOf(cells: Cell[]): number {
    return Math.max(
      0,
      ...cells.map((cell) => {
        const laidOut = this.#layOutCell(cell);
        return laidOut.lines.length * laidOut.lineHeight;
      }),
    );
  }

  #drawCell(cell: LaidOutCell, top: number): void {
    const { style } = cell;
    // Centers the capital letters in the line box; descenders stay inside it.
    const baselineOffset = (cell.lineHeight + (style.size * CAP_HEIGHT) / 1000) / 2;
    let anchor = cell.x;
    if (style.align === 'right') anchor = cell.x + cell.width;
    if (style.align === 'center') anchor = cell.x + cell.width / 2;
    cell.lines.forEach((line, index) => {
      if (line === '') return;
      this.page.text(line, anchor, top + index * cell.lineHeight + baselineOffset, style);
    });
  }
}
