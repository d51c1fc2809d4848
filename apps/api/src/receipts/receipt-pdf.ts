import type { Receipt } from '@duly/core';
import { type Color, DocumentLayout, GRAY } from '../documents/index.js';
import {
  describePaymentMethod,
  describeReceiptStatus,
  formatReceiptDate,
  formatReceiptDateTime,
  formatReceiptMoney,
} from './receipt-format.js';
import type { ReceiptSource } from './receipt-service.js';

/** A rendered receipt. */
export interface ReceiptPdf {
  bytes: Uint8Array<ArrayBuffer>;
  /** Characters printed as `?` because the standard PDF fonts have no glyph for them. */
  replacedCharacters: string[];
}

const TEST_MODE_COLOR: Color = [0.7, 0.33, 0];

/**
 * Renders a receipt as a PDF: the vendor, the receipt number and date, the amount, who paid
 * and how, the invoices paid, and refunds. Amounts are in `locale` with the currency's own
 * decimals, dates in the vendor's time zone. Labels are English.
 */
export function renderReceiptPdf(source: ReceiptSource, locale: string): ReceiptPdf {
  const { receipt, timeZone } = source;
  const money = (amount: number) => formatReceiptMoney(receipt, amount, locale);
  const layout = new DocumentLayout({
    footer: (page, count) => ({
      left: `${receipt.vendor.name} · Receipt ${receipt.number}`,
      right: `Page ${page} of ${count}`,
    }),
    continuationHeader: (continued) => {
      continued.paragraph(`Receipt ${receipt.number} (continued)`, { color: GRAY, size: 9 });
      continued.moveDown(12);
    },
  });
  const half = layout.contentWidth / 2;

  writeHeading(layout, receipt, formatReceiptDate(receipt.paid_at, locale, timeZone));
  layout.moveDown(24);

  layout.paragraph('Amount paid', { color: GRAY, size: 9 });
  layout.paragraph(money(receipt.amount), { font: 'Helvetica-Bold', size: 26, lineHeight: 1.2 });
  layout.paragraph(`Paid on ${formatReceiptDateTime(receipt.paid_at, locale, timeZone)}`, {
    color: GRAY,
  });
  layout.moveDown(20);

  const label = { font: 'Helvetica-Bold', size: 9, color: GRAY } as const;
  layout.row([
    { ...label, text: 'Billed to', width: half },
    { ...label, text: 'Payment method', x: half, width: half },
  ]);
  layout.row([
    { text: receipt.customer.name, width: half - 12 },
    { text: describePaymentMethod(receipt.method_details, source.bankName), x: half, width: half },
  ]);
  layout.row([
    { text: receipt.customer.email ?? '', width: half - 12, color: GRAY },
    { text: `Payment ${receipt.payment}`, x: half, width: half, color: GRAY },
  ]);
  layout.moveDown(24);

  layout.table({
    columns: [
      { header: 'Invoice', weight: 3 },
      { header: 'Amount paid', weight: 1, align: 'right' },
    ],
    rows: receipt.applications.map((application) => [
      application.invoice_number,
      money(application.amount),
    ]),
  });
  layout.moveDown(10);
  writeTotals(layout, receipt, money);
  layout.moveDown(28);

  const contact =
    receipt.vendor.email === null
      ? 'Keep this receipt for your records.'
      : `Questions about this payment? Contact ${receipt.vendor.name} at ${receipt.vendor.email}.`;
  layout.paragraph(contact, { color: GRAY, size: 9 });

  const bytes = layout.toPdf({
    title: `Receipt ${receipt.number} from ${receipt.vendor.name}`,
    author: receipt.vendor.name,
    subject: `Payment ${receipt.payment}`,
    createdAt: new Date(receipt.paid_at),
  });
  return { bytes, replacedCharacters: layout.replacedCharacters };
}

/** Writes the vendor's name and contact details beside the receipt's title, number and date. */
function writeHeading(layout: DocumentLayout, receipt: Receipt, paidOn: string): void {
  const left = layout.contentWidth * 0.6;
  const right = layout.contentWidth - left;
  layout.row([
    { text: receipt.vendor.name, font: 'Helvetica-Bold', size: 18, width: left - 12 },
    { text: 'Receipt', font: 'Helvetica-Bold', size: 18, x: left, width: right, align: 'right' },
  ]);

  const vendorLines = [...receipt.vendor.address_lines];
  if (receipt.vendor.email !== null) vendorLines.push(receipt.vendor.email);
  const receiptLines = [`Receipt number ${receipt.number}`, `Date paid ${paidOn}`];
  if (!receipt.livemode) receiptLines.push('Test mode: no money moved');
  for (let index = 0; index < Math.max(vendorLines.length, receiptLines.length); index += 1) {
    const receiptLine = receiptLines[index] ?? '';
    layout.row([
      { text: vendorLines[index] ?? '', width: left - 12, size: 9, color: GRAY },
      {
        text: receiptLine,
        x: left,
        width: right,
        size: 9,
        align: 'right',
        color: receiptLine.startsWith('Test mode') ? TEST_MODE_COLOR : GRAY,
      },
    ]);
  }
}

/** Writes the total, and the refunds and what is left when there are refunds. */
function writeTotals(layout: DocumentLayout, receipt: Receipt, money: (amount: number) => string) {
  const x = layout.contentWidth / 2;
  const width = layout.contentWidth - x;
  const lines: Array<[label: string, value: string, bold: boolean]> = [
    ['Total paid', money(receipt.amount), true],
  ];
  if (receipt.amount_refunded > 0) {
    lines.push(['Refunded', money(-receipt.amount_refunded), false]);
    lines.push(['Net paid', money(receipt.amount - receipt.amount_refunded), true]);
  }
  lines.push(['Status', describeReceiptStatus(receipt), false]);

  layout.ensureSpace(lines.length * 14);
  for (const [label, value, bold] of lines) {
    const font = bold ? 'Helvetica-Bold' : 'Helvetica';
    layout.row([
      { text: label, x, width: width / 2, font },
      { text: value, x: x + width / 2, width: width / 2, align: 'right', font },
    ]);
  }
}
