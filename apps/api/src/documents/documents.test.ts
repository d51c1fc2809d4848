import { describe, expect, it } from 'vitest';
import { DocumentLayout, PAGE_SIZES } from './document-layout.js';
import { measureText } from './fonts.js';
import { PageContent } from './page-content.js';
import { writePdfFile } from './pdf-file.js';
import { readPdf } from './pdf-reader.js';
import { wrapText } from './text-wrap.js';
import { decodeWinAnsi, encodeWinAnsi } from './win-ansi.js';

const CREATED_AT = new Date('2026-03-15T12:00:00Z');

describe('encodeWinAnsi', () => {
  it('encodes the euro, pound and yen signs', () => {
    expect([...encodeWinAnsi('€£¥').bytes]).toEqual([0x80, 0xa3, 0xa5]);
  });

  it('encodes Windows-1252 codes 128 to 159', () => {
    // Node's TextDecoder reads windows-1252 as Latin-1, so the characters are written out.
    const characters = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
    const codes = [
      0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92,
      0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f,
    ];
    expect([...encodeWinAnsi(characters).bytes]).toEqual(codes);
    expect(decodeWinAnsi(codes)).toBe(characters);
  });

  it('encodes ASCII and Latin-1 unchanged', () => {
    for (const [first, last] of [
      [0x20, 0x7e],
      [0xa0, 0xff],
    ] as const) {
      for (let code = first; code <= last; code += 1) {
        const character = String.fromCharCode(code);
        expect([...encodeWinAnsi(character).bytes], character).toEqual([code]);
        expect(decodeWinAnsi([code])).toBe(character);
      }
    }
  });

  it('replaces unencodable characters visibly', () => {
    const encoded = encodeWinAnsi('Łódź 東京 ₹');
    expect(decodeWinAnsi(encoded.bytes)).toBe('?ód? ?? ?');
    expect(encoded.replaced).toEqual(['Ł', 'ź', '東', '京', '₹']);
  });

  it('composes combining accents before encoding', () => {
    expect(decodeWinAnsi(encodeWinAnsi('Cafe\u0301').bytes)).toBe('Café');
  });

  it('maps the spaces and minus signs of Intl formats', () => {
    const french = encodeWinAnsi('1\u202f234,56\u00a0€');
    expect([...french.bytes]).toEqual([0x31, 0xa0, 0x32, 0x33, 0x34, 0x2c, 0x35, 0x36, 0xa0, 0x80]);
    expect(decodeWinAnsi(encodeWinAnsi('\u221212,00').bytes)).toBe('-12,00');
    expect(encodeWinAnsi('\u200f12\u200e').replaced).toEqual([]);
    expect(decodeWinAnsi(encodeWinAnsi('\u200f12\u200e').bytes)).toBe('12');
  });
});

describe('measureText', () => {
  it('sums the AFM widths of Helvetica', () => {
    // H 722, e 556, l 222, l 222, o 556 thousandths.
    expect(measureText('Hello', 'Helvetica', 10)).toBeCloseTo(22.78, 10);
  });

  it('uses the bold widths for Helvetica-Bold', () => {
    // H 722, e 556, l 278, l 278, o 611 thousandths.
    expect(measureText('Hello', 'Helvetica-Bold', 10)).toBeCloseTo(24.45, 10);
  });

  it('gives the euro sign and digits their widths', () => {
    expect(measureText('€', 'Helvetica', 1000)).toBe(556);
    expect(measureText('0123456789', 'Helvetica', 100)).toBeCloseTo(556, 10);
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width', () => {
    // "one two three" is 60.59 points wide at 10 points.
    const lines = wrapText('one two three four five six', 'Helvetica', 10, 61);
    expect(lines).toEqual(['one two three', 'four five six']);
    for (const line of lines) expect(measureText(line, 'Helvetica', 10)).toBeLessThanOrEqual(61);
  });

  it('keeps newlines and no-break spaces', () => {
    expect(wrapText('a\nb', 'Helvetica', 10, 100)).toEqual(['a', 'b']);
    expect(wrapText('Total 1\u00a0234,56\u00a0€', 'Helvetica', 10, 60)).toEqual([
      'Total',
      '1\u00a0234,56\u00a0€',
    ]);
  });

  it('cuts a word longer than the line', () => {
    const lines = wrapText('x'.repeat(30), 'Helvetica', 10, 50);
    expect(lines.join('')).toBe('x'.repeat(30));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureText(line, 'Helvetica', 10)).toBeLessThanOrEqual(50);
  });
});

describe('writePdfFile', () => {
  it('cross-reference offsets match objects', () => {
    const page = new PageContent(612, 792);
    page.text('Hello (world) \\ back', 72, 100, { font: 'Helvetica', size: 12 });
    const file = writePdfFile([page.toPdfPage()], { title: 'Test', createdAt: CREATED_AT });

    const document = readPdf(file);
    expect(document.pages).toHaveLength(1);
    expect(document.pages[0]?.lines).toEqual(['Hello (world) \\ back']);
    expect(document.info).toMatchObject({ Title: 'Test', Producer: 'Duly' });
  });

  it('writes the same bytes for the same input', () => {
    const write = () => {
      const layout = new DocumentLayout();
      layout.paragraph('Same every time');
      return Buffer.from(layout.toPdf({ title: 'Same', createdAt: CREATED_AT })).toString('hex');
    };
    expect(write()).toBe(write());
  });

  it('writes a non-ASCII title as UTF-16', () => {
    const layout = new DocumentLayout();
    const text = Buffer.from(layout.toPdf({ title: 'Reçu 東京', createdAt: CREATED_AT })).toString(
      'latin1',
    );
    expect(text).toContain('/Title <FEFF0052006500E70075002067714EAC>');
  });

  it('keeps content streams uncompressed', () => {
    const layout = new DocumentLayout();
    layout.paragraph('Readable');
    const text = Buffer.from(layout.toPdf({ title: 'Plain', createdAt: CREATED_AT })).toString(
      'latin1',
    );
    expect(text).not.toContain('/Filter');
    expect(text).toContain('(Readable) Tj');
  });
});

describe('DocumentLayout', () => {
  it('ends right-aligned text on one edge', () => {
    const layout = new DocumentLayout();
    for (const amount of ['$1.00', '$1,234.56', '€999,999.99', '¥1,000']) {
      layout.row([
        { text: 'Amount', width: 200 },
        { text: amount, x: 200, width: layout.contentWidth - 200, align: 'right' },
      ]);
    }
    const { runs } = readPdf(layout.toPdf({ title: 'Align', createdAt: CREATED_AT })).pages[0] ?? {
      runs: [],
    };
    const amounts = runs.filter((run) => run.text !== 'Amount');
    expect(amounts.map((run) => run.text)).toEqual(['$1.00', '$1,234.56', '€999,999.99', '¥1,000']);
    for (const run of amounts) expect(run.right).toBeCloseTo(PAGE_SIZES.letter.width - 54, 1);
  });

  it('centers text on the middle of its cell', () => {
    const layout = new DocumentLayout();
    layout.paragraph('Centered', { align: 'center' });
    const [run] =
      readPdf(layout.toPdf({ title: 'Center', createdAt: CREATED_AT })).pages[0]?.runs ?? [];
    expect(((run?.x ?? 0) + (run?.right ?? 0)) / 2).toBeCloseTo(306, 1);
  });

  it('repeats table header and numbers pages', () => {
    const layout = new DocumentLayout({
      footer: (page, count) => ({ left: 'Acme', right: `Page ${page} of ${count}` }),
    });
    layout.table({
      columns: [
        { header: 'Invoice', weight: 3 },
        { header: 'Amount', weight: 1, align: 'right' },
      ],
      rows: Array.from({ length: 80 }, (_, index) => [`INV-${index + 1}`, `$${index + 1}.00`]),
    });

    const { pages } = readPdf(layout.toPdf({ title: 'Long', createdAt: CREATED_AT }));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page.lines[0]).toBe('Invoice Amount');
      expect(page.lines.at(-1)).toBe(`Acme Page ${index + 1} of ${pages.length}`);
    });
    const invoices = pages.flatMap((page) => page.lines.filter((line) => line.startsWith('INV-')));
    expect(invoices).toHaveLength(80);
    expect(invoices[79]).toBe('INV-80 $80.00');
  });

  it('keeps text inside the margins', () => {
    const layout = new DocumentLayout({ pageSize: PAGE_SIZES.a4 });
    for (let index = 0; index < 40; index += 1) {
      layout.paragraph(`Paragraph ${index}: ${'lorem ipsum dolor sit amet '.repeat(6)}`);
    }
    const { pages } = readPdf(layout.toPdf({ title: 'Margins', createdAt: CREATED_AT }));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      for (const run of page.runs) {
        expect(run.x).toBeGreaterThanOrEqual(54);
        expect(run.right).toBeLessThanOrEqual(PAGE_SIZES.a4.width - 54 + 0.01);
        expect(run.y).toBeLessThanOrEqual(PAGE_SIZES.a4.height - 54);
      }
    }
  });

  it('reports replaced characters', () => {
    const layout = new DocumentLayout();
    layout.paragraph('Kraków ₺ Zürich');
    expect(layout.replacedCharacters).toEqual(['₺']);
  });
});
