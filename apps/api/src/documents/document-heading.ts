import type { BillingDetails } from '@duly/core';
import { formatAddressLines } from './document-format.js';
import { type DocumentLayout, GRAY, type Table } from './document-layout.js';
import type { Color } from './page-content.js';
import { fitImage, type PdfImage } from './pdf-image.js';

/** The vendor as a document's heading shows it. */
export interface DocumentSender {
  name: string;
  addressLines: readonly string[];
  email: string | null;
}

/** One line of the facts column, such as "Invoice number INV-1001". */
export interface HeadingFact {
  text: string;
  /** Gray when left out. */
  color?: Color;
}

export interface DocumentHeading {
  sender: DocumentSender;
  /** The vendor's logo; the heading shows the vendor's name alone without one. */
  logo?: PdfImage | undefined;
  /** The document's kind, such as "Invoice", large at the top right. */
  title: string;
  /** Lines under the title, beside the vendor's address. */
  facts: readonly HeadingFact[];
}

/** The box a logo is shrunk to fit in, in points: about 2.2 by 0.7 inches. */
export const LOGO_BOX = { width: 160, height: 48 } as const;

/** Space between the logo and the vendor's name, in points. */
const LOGO_GAP = 10;

/** The color of the "Test mode" line on documents of test-mode data. */
export const TEST_MODE_COLOR: Color = [0.7, 0.33, 0];

/**
 * Writes the top of a receipt, invoice or statement: the vendor's logo or name and its
 * address and email on the left, the document's title and facts on the right. With a logo,
 * the logo is at the top left and the vendor's name opens the address lines.
 */
export function writeDocumentHeading(layout: DocumentLayout, heading: DocumentHeading): void {
  const leftWidth = layout.contentWidth * 0.6;
  const rightWidth = layout.contentWidth - leftWidth;
  const title = {
    text: heading.title,
    font: 'Helvetica-Bold',
    size: 18,
    x: leftWidth,
    width: rightWidth,
    align: 'right',
  } as const;
  const senderLines: Array<{ text: string; bold: boolean }> = [];

  if (heading.logo === undefined) {
    layout.row([
      { text: heading.sender.name, font: 'Helvetica-Bold', size: 18, width: leftWidth - 12 },
      title,
    ]);
  } else {
    const size = fitImage(heading.logo, LOGO_BOX.width, LOGO_BOX.height);
    layout.ensureSpace(size.height);
    const top = layout.y;
    layout.image(heading.logo, size);
    layout.row([title]);
    layout.moveDown(Math.max(0, top + size.height - layout.y) + LOGO_GAP);
    senderLines.push({ text: heading.sender.name, bold: true });
  }

  for (const line of heading.sender.addressLines) senderLines.push({ text: line, bold: false });
  if (heading.sender.email !== null) senderLines.push({ text: heading.sender.email, bold: false });
  const count = Math.max(senderLines.length, heading.facts.length);
  for (let index = 0; index < count; index += 1) {
    const sender = senderLines[index];
    const fact = heading.facts[index];
    layout.row([
      {
        text: sender?.text ?? '',
        width: leftWidth - 12,
        size: 9,
        ...(sender?.bold ? { font: 'Helvetica-Bold' as const } : { color: GRAY }),
      },
      {
        text: fact?.text ?? '',
        x: leftWidth,
        width: rightWidth,
        size: 9,
        align: 'right',
        color: fact?.color ?? GRAY,
      },
    ]);
  }
}

/** Writes a small gray label over a block, such as "Bill to". */
export function writeLabel(layout: DocumentLayout, text: string): void {
  layout.paragraph(text, { font: 'Helvetica-Bold', size: 9, color: GRAY });
}

/** Writes `table` under a small gray label, such as "Payments applied". */
export function writeLabeledTable(layout: DocumentLayout, label: string, table: Table): void {
  writeLabel(layout, label);
  layout.moveDown(4);
  layout.table(table);
}

/**
 * Writes label and amount pairs in the right half of the page, amounts ending on the right
 * margin, such as a document's subtotal, taxes and total. A pair marked bold is a total.
 */
export function writeTotals(
  layout: DocumentLayout,
  lines: ReadonlyArray<{ label: string; value: string; bold?: boolean }>,
): void {
  const x = layout.contentWidth / 2;
  const width = layout.contentWidth - x;
  layout.ensureSpace(lines.length * 14);
  for (const line of lines) {
    const font = line.bold ? 'Helvetica-Bold' : 'Helvetica';
    layout.row([
      { text: line.label, x, width: width / 2, font },
      { text: line.value, x: x + width / 2, width: width / 2, align: 'right', font },
    ]);
  }
}

/** The customer as a document addresses it. */
export interface DocumentRecipient {
  name: string;
  email: string | null;
  billingDetails: BillingDetails;
}

/**
 * Writes a customer's block under `label`, such as "Bill to": its name, billing contact,
 * billing address and the email its invoices go to, which is its own email unless the
 * billing details name another. Parts the customer has not set are left out.
 */
export function writeRecipient(
  layout: DocumentLayout,
  label: string,
  recipient: DocumentRecipient,
  locale: string,
): void {
  const details = recipient.billingDetails;
  const lines = [recipient.name];
  if (details.contact_name !== null) lines.push(`Attn: ${details.contact_name}`);
  if (details.address !== null) lines.push(...formatAddressLines(details.address, locale));
  const email = details.email ?? recipient.email;
  if (email !== null) lines.push(email);

  writeLabel(layout, label);
  for (const line of lines) layout.paragraph(line);
}
