import { describe, expect, it } from 'vitest';
import {
  describePaymentMethod,
  documentFileName,
  formatAddressLines,
  formatDateOfInstant,
  formatPlainDate,
} from './document-format.js';
import { LOGO_BOX, writeDocumentHeading } from './document-heading.js';
import { DocumentLayout } from './document-layout.js';
import { readPdf } from './pdf-reader.js';
import { encodePng } from './png-encoder.js';
import { decodePng } from './png-image.js';

const CREATED_AT = new Date('2026-03-15T12:00:00Z');
const SENDER = {
  name: 'Acme Hardware Supply',
  addressLines: ['100 Industrial Way', 'Springfield, IL 62701'],
  email: 'billing@acme.example',
};

describe('formatPlainDate', () => {
  it('never shifts the date', () => {
    expect(formatPlainDate('2013-11-30', 'en-US')).toBe('November 30, 2013');
    expect(formatPlainDate('2026-01-01', 'de-DE')).toBe('1. Januar 2026');
  });
});

describe('formatDateOfInstant', () => {
  it('dates an instant in the vendor’s zone', () => {
    const instant = '2026-03-15T02:30:00Z';
    expect(formatDateOfInstant(instant, 'en-US', 'UTC')).toBe('March 15, 2026');
    expect(formatDateOfInstant(instant, 'en-US', 'America/Los_Angeles')).toBe('March 14, 2026');
  });
});

describe('formatAddressLines', () => {
  it('writes an envelope address', () => {
    const address = {
      line1: '1 Main St',
      line2: 'Suite 200',
      city: 'Springfield',
      region: 'IL',
      postal_code: '62701',
      country: 'US',
    };
    expect(formatAddressLines(address, 'en-US')).toEqual([
      '1 Main St',
      'Suite 200',
      'Springfield, IL 62701',
      'United States',
    ]);
  });

  it('leaves out empty parts', () => {
    const address = {
      line1: 'Calle Mayor 1',
      line2: null,
      city: 'Madrid',
      region: null,
      postal_code: null,
      country: 'ES',
    };
    expect(formatAddressLines(address, 'es')).toEqual(['Calle Mayor 1', 'Madrid', 'España']);
  });
});

describe('documentFileName', () => {
  it('keeps ASCII letters and digits', () => {
    expect(documentFileName('Ñandú Café & Co.', 'invoice', 'INV/2026 #7', 'pdf')).toBe(
      'nandu-cafe-co-invoice-INV-2026-7.pdf',
    );
    expect(documentFileName('東京', 'statement', '2013-11-30', 'csv')).toBe(
      'statement-2013-11-30.csv',
    );
  });
});

describe('describePaymentMethod', () => {
  it('names brand and last four digits', () => {
    expect(describePaymentMethod({ type: 'card', brand: 'amex', last4: '0005' }, null)).toBe(
      'American Express ending in 0005',
    );
    expect(
      describePaymentMethod({ type: 'us_bank_account', brand: null, last4: '6789' }, 'STRIPE TEST'),
    ).toBe('Bank account ending in 6789 (STRIPE TEST)');
    expect(describePaymentMethod({ type: 'offline', brand: null, last4: null }, null)).toBe(
      'Recorded by the vendor',
    );
  });
});

describe('writeDocumentHeading', () => {
  it('puts the vendor’s name beside the title without a logo', () => {
    const layout = new DocumentLayout();
    writeDocumentHeading(layout, {
      sender: SENDER,
      title: 'Invoice',
      facts: [{ text: 'Invoice number INV-1' }],
    });
    const { pages } = readPdf(layout.toPdf({ title: 'Heading', createdAt: CREATED_AT }));

    expect(pages[0]?.images).toEqual([]);
    expect(pages[0]?.lines).toEqual([
      'Acme Hardware Supply Invoice',
      '100 Industrial Way Invoice number INV-1',
      'Springfield, IL 62701',
      'billing@acme.example',
    ]);
  });

  it('fits the logo in its box above the vendor’s name', () => {
    const wide = encodePng({
      width: 400,
      height: 50,
      colorType: 0,
      bitDepth: 8,
      rows: Array.from({ length: 50 }, () => new Uint8Array(400)),
    });
    const layout = new DocumentLayout();
    writeDocumentHeading(layout, {
      sender: SENDER,
      logo: decodePng(wide),
      title: 'Statement',
      facts: [{ text: 'As of November 30, 2013' }],
    });
    const [page] = readPdf(layout.toPdf({ title: 'Logo', createdAt: CREATED_AT })).pages;

    expect(page?.images).toMatchObject([
      { x: 54, y: 54, width: LOGO_BOX.width, height: 20, pixelWidth: 400, pixelHeight: 50 },
    ]);
    expect(page?.lines).toEqual([
      'Statement',
      'Acme Hardware Supply As of November 30, 2013',
      '100 Industrial Way',
      'Springfield, IL 62701',
      'billing@acme.example',
    ]);
    const name = page?.runs.find((run) => run.text === 'Acme Hardware Supply');
    expect(name?.y).toBeGreaterThan(54 + 20);
  });
});
