import type { Receipt } from '@duly/core';
import { formatDateOfInstant } from '../documents/document-format.js';
import {
  type HeadingFact,
  TEST_MODE_COLOR,
  writeDocumentHeading,
  writeTotals,
} from '../documents/document-heading.js';
import type { RenderedPdf } from '../documents/document-response.js';
import { DocumentLayout, GRAY } from '../documents/index.js';
import {
  describeReceiptStatus,
  formatReceiptDateTime,
  formatReceiptMoney,
} from './receipt-format.js';
import type { ReceiptSource } from './receipt-service.js';

/** A rendered receipt. */
export type ReceiptPdf = RenderedPdf;

/**
 * Renders a receipt as a PDF: the vendor, the receipt number and date, the amount, who paid
 * and how, the invoices paid, what went to the credit balance, and refunds. Amounts are in `locale` with the currency's own
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

  const facts: HeadingFact[] = [
    { text: `Receipt number ${receipt.number}` },
    { text: `Date paid ${formatDateOfInstant(receipt.paid_at, locale, timeZone)}` },
  ];
  if (!receipt.livemode) facts.push({ text: 'Test mode: no money moved', color: TEST_MODE_COLOR });
  writeDocumentHeading(layout, {
    sender: {
      name: receipt.vendor.name,
      addressLines: receipt.vendor.address_lines,
      email: receipt.vendor.email,
    },
    title: 'Receipt',
    facts,
  });
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
    { text: source.paidWith, x: half, width: half },
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
    rows: receiptRows(receipt, money),
  });
  layout.moveDown(10);
  writeReceiptTotals(layout, receipt, money);
  if (receipt.credit_applied > 0) {
    layout.moveDown(10);
    layout.paragraph(
      `Your credit balance also paid ${money(receipt.credit_applied)} of these invoices with this payment; it is not part of the amount paid.`,
      { color: GRAY, size: 9 },
    );
  }
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

/**
 * Returns the table's rows: each invoice paid, then the part that went to the credit balance,
 * so that the rows add up to the total paid.
 */
function receiptRows(receipt: Receipt, money: (amount: number) => string): string[][] {
  const rows = receipt.applications.map((application) => [
    application.invoice_number,
    money(application.amount),
  ]);
  if (receipt.amount_to_credit > 0) {
    rows.push(['Added to your credit balance', money(receipt.amount_to_credit)]);
  }
  return rows;
}

/** Writes the total, and the refunds and what is left when there are refunds. */
function writeReceiptTotals(
  layout: DocumentLayout,
  receipt: Receipt,
  money: (amount: number) => string,
): void {
  const lines = [{ label: 'Total paid', value: money(receipt.amount), bold: true }];
  if (receipt.amount_refunded > 0) {
    lines.push({ label: 'Refunded', value: money(-receipt.amount_refunded), bold: false });
    lines.push({
      label: 'Net paid',
      value: money(receipt.amount - receipt.amount_refunded),
      bold: true,
    });
  }
  lines.push({ label: 'Status', value: describeReceiptStatus(receipt), bold: false });
  writeTotals(layout, lines);
}
