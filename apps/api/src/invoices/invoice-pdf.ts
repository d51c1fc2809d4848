import { formatMoney, type Invoice } from '@duly/core';
import { formatDateOfInstant, formatPlainDate } from '../documents/document-format.js';
import {
  type HeadingFact,
  TEST_MODE_COLOR,
  writeDocumentHeading,
  writeLabeledTable,
  writeRecipient,
  writeTotals,
} from '../documents/document-heading.js';
import type { RenderedPdf } from '../documents/document-response.js';
import { DocumentLayout, GRAY, type PdfImage } from '../documents/index.js';
import type { InvoiceDocument } from './invoice-document.js';

/** Words for the statuses an invoice PDF names; an open invoice needs none. */
const STATUS_NAMES: Partial<Record<Invoice['status'], string>> = {
  draft: 'Draft: not sent to the customer',
  paid: 'Paid',
  void: 'Void: nothing is owed',
  uncollectible: 'Marked uncollectible',
};

/**
 * Renders an invoice as a PDF: the vendor with its logo, whom it is billed to, the lines,
 * subtotal, taxes and total, the payments and credit notes applied, and the amount due.
 * Amounts are in `locale` with the invoice currency's own decimals. They are the API
 * object's figures, so the PDF and the widget agree to the minor unit. Labels are English.
 */
export function renderInvoicePdf(
  document: InvoiceDocument,
  locale: string,
  logo: PdfImage | undefined,
): RenderedPdf {
  const { invoice } = document;
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const date = (plainDate: string) => formatPlainDate(plainDate, locale);
  const layout = new DocumentLayout({
    footer: (page, count) => ({
      left: `${document.sender.name} · Invoice ${invoice.number}`,
      right: `Page ${page} of ${count}`,
    }),
    continuationHeader: (continued) => {
      continued.paragraph(`Invoice ${invoice.number} (continued)`, { color: GRAY, size: 9 });
      continued.moveDown(12);
    },
  });

  writeDocumentHeading(layout, {
    sender: document.sender,
    logo,
    title: 'Invoice',
    facts: headingFacts(invoice, date),
  });
  layout.moveDown(24);
  writeAmountDue(layout, document, locale, money, date);
  layout.moveDown(16);
  writeRecipient(layout, 'Bill to', document.customer, locale);
  layout.moveDown(24);

  layout.table({
    columns: [
      { header: 'Description', weight: 5 },
      { header: 'Quantity', weight: 1.2, align: 'right' },
      { header: 'Unit price', weight: 2, align: 'right' },
      { header: 'Amount', weight: 2, align: 'right' },
    ],
    rows: (invoice.lines ?? []).map((line) => [
      line.description,
      String(line.quantity),
      money(line.unit_amount),
      money(line.amount),
    ]),
  });
  layout.moveDown(10);
  writeInvoiceTotals(layout, document, money);
  writeApplied(layout, document, money, date);

  layout.moveDown(28);
  if (invoice.amount_pending > 0) {
    layout.paragraph(
      `Payments of ${money(invoice.amount_pending)} are in progress and count once they clear.`,
      { color: GRAY, size: 9 },
    );
  }
  const contact =
    document.sender.email === null
      ? 'Keep this invoice for your records.'
      : `Questions about this invoice? Contact ${document.sender.name} at ${document.sender.email}.`;
  layout.paragraph(contact, { color: GRAY, size: 9 });

  const bytes = layout.toPdf({
    title: `Invoice ${invoice.number} from ${document.sender.name}`,
    author: document.sender.name,
    subject: `Invoice ${invoice.id}`,
    createdAt: new Date(invoice.created_at),
  });
  return { bytes, replacedCharacters: layout.replacedCharacters };
}

function headingFacts(invoice: Invoice, date: (plainDate: string) => string): HeadingFact[] {
  const facts: HeadingFact[] = [
    { text: `Invoice number ${invoice.number}` },
    { text: `Issue date ${date(invoice.issue_date)}` },
    { text: `Due date ${date(invoice.due_date)}` },
  ];
  const status = STATUS_NAMES[invoice.status];
  if (status !== undefined) facts.push({ text: status });
  if (!invoice.livemode) facts.push({ text: 'Test mode', color: TEST_MODE_COLOR });
  return facts;
}

/** Writes what is due and by when, or when the invoice was paid, in large type. */
function writeAmountDue(
  layout: DocumentLayout,
  document: InvoiceDocument,
  locale: string,
  money: (amount: number) => string,
  date: (plainDate: string) => string,
): void {
  const { invoice } = document;
  let text = `${money(invoice.amount_due)} due ${date(invoice.due_date)}`;
  if (invoice.status === 'paid' && invoice.paid_at !== null) {
    text = `Paid on ${formatDateOfInstant(invoice.paid_at, locale, document.timeZone)}`;
  } else if (invoice.status === 'void') {
    text = 'Void';
  }
  layout.paragraph(text, { font: 'Helvetica-Bold', size: 16, lineHeight: 1.2 });
}

/** Writes subtotal, taxes and total, then what payments and credits took off, then what is due. */
function writeInvoiceTotals(
  layout: DocumentLayout,
  document: InvoiceDocument,
  money: (amount: number) => string,
): void {
  const { invoice } = document;
  const subtotal = invoice.subtotal ?? invoice.total;
  const lines = [{ label: 'Subtotal', value: money(subtotal), bold: false }];
  for (const tax of invoice.taxes ?? []) {
    lines.push({ label: tax.description, value: money(tax.amount), bold: false });
  }
  lines.push({ label: 'Total', value: money(invoice.total), bold: true });

  const paid = document.payments.reduce((sum, payment) => sum + payment.amount, 0);
  const credited = document.credits.reduce((sum, credit) => sum + credit.amount, 0);
  if (paid > 0) lines.push({ label: 'Payments applied', value: money(-paid), bold: false });
  if (credited > 0)
    lines.push({ label: 'Credit notes applied', value: money(-credited), bold: false });
  lines.push({ label: 'Amount due', value: money(invoice.amount_due), bold: true });
  writeTotals(layout, lines);
}

/** Lists the payments and the credit notes applied, each with its date. */
function writeApplied(
  layout: DocumentLayout,
  document: InvoiceDocument,
  money: (amount: number) => string,
  date: (plainDate: string) => string,
): void {
  if (document.payments.length > 0) {
    layout.moveDown(24);
    writeLabeledTable(layout, 'Payments applied', {
      columns: [
        { header: 'Date', weight: 2 },
        { header: 'Receipt', weight: 2 },
        { header: 'Method', weight: 3 },
        { header: 'Amount', weight: 2, align: 'right' },
      ],
      rows: document.payments.map((payment) => [
        date(payment.paidOn),
        payment.receiptNumber,
        payment.method,
        money(payment.amount),
      ]),
    });
  }
  if (document.credits.length > 0) {
    layout.moveDown(24);
    writeLabeledTable(layout, 'Credit notes applied', {
      columns: [
        { header: 'Date', weight: 2 },
        { header: 'Credit note', weight: 5 },
        { header: 'Amount', weight: 2, align: 'right' },
      ],
      rows: document.credits.map((credit) => [
        date(credit.appliedOn),
        credit.number,
        money(credit.amount),
      ]),
    });
  }
}
