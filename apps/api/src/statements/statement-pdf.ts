import { type AgingBucket, formatMoney, type StatementSection } from '@duly/core';
import { formatPlainDate } from '../documents/document-format.js';
import {
  type HeadingFact,
  TEST_MODE_COLOR,
  writeDocumentHeading,
  writeLabel,
  writeLabeledTable,
  writeRecipient,
  writeTotals,
} from '../documents/document-heading.js';
import type { RenderedPdf } from '../documents/document-response.js';
import { DocumentLayout, GRAY, type PdfImage } from '../documents/index.js';
import { receiptNumber } from '../receipts/receipt-object.js';
import { RECENT_PAYMENT_DAYS } from './statement-ledger.js';
import type { StatementDocument } from './statement-service.js';

/** Column headers of the aging buckets. */
export const BUCKET_HEADERS: Record<AgingBucket, string> = {
  current: 'Current',
  '1_30': '1-30 days',
  '31_60': '31-60 days',
  '61_90': '61-90 days',
  over_90: 'Over 90 days',
};

/** Words for the `method` of a statement's payments. */
const METHOD_NAMES: Record<string, string> = {
  card: 'Card',
  us_bank_account: 'Bank account',
  offline: 'Recorded by the vendor',
  import: 'Imported ledger entry',
};

/** Space kept free for a section's title, aging and the first row of its table, in points. */
const SECTION_MIN_HEIGHT = 140;

/**
 * Renders a statement of account as a PDF: the vendor with its logo, the customer, and for
 * each currency the aging buckets, the open invoices, the credits, the balance and the
 * payments received in the last 30 days. Figures are the statement object's, in `locale`
 * with each currency's own decimals. Labels are English.
 */
export function renderStatementPdf(
  document: StatementDocument,
  locale: string,
  logo: PdfImage | undefined,
): RenderedPdf {
  const { statement } = document;
  const asOf = formatPlainDate(statement.as_of, locale);
  const layout = new DocumentLayout({
    footer: (page, count) => ({
      left: `${document.sender.name} · Statement as of ${asOf}`,
      right: `Page ${page} of ${count}`,
    }),
    continuationHeader: (continued) => {
      continued.paragraph(`Statement of ${statement.customer.name} as of ${asOf} (continued)`, {
        color: GRAY,
        size: 9,
      });
      continued.moveDown(12);
    },
  });

  const facts: HeadingFact[] = [{ text: `Statement date ${asOf}` }];
  if (document.recipient.externalId !== null) {
    facts.push({ text: `Customer number ${document.recipient.externalId}` });
  }
  if (!document.livemode) facts.push({ text: 'Test mode', color: TEST_MODE_COLOR });
  writeDocumentHeading(layout, { sender: document.sender, logo, title: 'Statement', facts });
  layout.moveDown(24);
  writeRecipient(layout, 'Statement for', document.recipient, locale);

  if (statement.sections.length === 0) {
    layout.moveDown(24);
    layout.paragraph(`Nothing was owed and no credit was held on ${asOf}.`);
  }
  for (const section of statement.sections) {
    layout.moveDown(28);
    writeSection(layout, section, locale);
  }

  layout.moveDown(28);
  const contact =
    document.sender.email === null
      ? 'Keep this statement for your records.'
      : `Questions about this statement? Contact ${document.sender.name} at ${document.sender.email}.`;
  layout.paragraph(contact, { color: GRAY, size: 9 });

  const bytes = layout.toPdf({
    title: `Statement of ${statement.customer.name} as of ${statement.as_of}`,
    author: document.sender.name,
    subject: `Customer ${statement.customer.id}`,
    createdAt: new Date(statement.generated_at),
  });
  return { bytes, replacedCharacters: layout.replacedCharacters };
}

/** Writes one currency: its balance, aging, open invoices, credits and recent payments. */
function writeSection(layout: DocumentLayout, section: StatementSection, locale: string): void {
  const money = (amount: number) => formatMoney(amount, section.currency, locale);
  const date = (plainDate: string) => formatPlainDate(plainDate, locale, 'medium');

  layout.ensureSpace(SECTION_MIN_HEIGHT);
  layout.paragraph(`${section.currency} balance ${money(section.balance)}`, {
    font: 'Helvetica-Bold',
    size: 14,
  });
  layout.moveDown(8);
  layout.table({
    columns: [
      ...Object.values(BUCKET_HEADERS).map((header) => ({
        header,
        weight: 2,
        align: 'right' as const,
      })),
      { header: 'Total', weight: 2, align: 'right' },
    ],
    rows: [
      [
        ...Object.keys(BUCKET_HEADERS).map((bucket) => money(section.aging[bucket as AgingBucket])),
        money(section.invoices_total),
      ],
    ],
  });

  layout.moveDown(18);
  writeLabel(layout, 'Open invoices');
  layout.moveDown(4);
  if (section.invoices.length === 0) {
    layout.paragraph('No invoice was open.', { color: GRAY });
  } else {
    layout.table({
      columns: [
        { header: 'Invoice', weight: 2.5 },
        { header: 'Issued', weight: 2 },
        { header: 'Due', weight: 2 },
        { header: 'Days past due', weight: 2.2, align: 'right' },
        { header: 'Total', weight: 2, align: 'right' },
        { header: 'Open', weight: 2, align: 'right' },
      ],
      rows: section.invoices.map((invoice) => [
        invoice.disputed ? `${invoice.number} (disputed)` : invoice.number,
        date(invoice.issue_date),
        date(invoice.due_date),
        invoice.days_past_due > 0 ? String(invoice.days_past_due) : 'Current',
        money(invoice.total),
        money(invoice.amount_open),
      ]),
    });
  }

  if (section.credits.length > 0) {
    layout.moveDown(18);
    writeLabeledTable(layout, 'Credits', {
      columns: [
        { header: 'Credit', weight: 3 },
        { header: 'Reference', weight: 3 },
        { header: 'Date', weight: 2 },
        { header: 'Amount', weight: 2, align: 'right' },
      ],
      rows: section.credits.map((credit) => [
        credit.type === 'credit_note' ? 'Credit note' : 'Unapplied payment',
        credit.reference ?? credit.id,
        date(credit.date),
        money(-credit.amount_open),
      ]),
    });
  }

  layout.moveDown(10);
  writeTotals(layout, [
    { label: 'Open invoices', value: money(section.invoices_total) },
    { label: 'Credits', value: money(-section.credits_total) },
    { label: 'Balance', value: money(section.balance), bold: true },
  ]);

  if (section.recent_payments.length > 0) {
    layout.moveDown(18);
    writeLabeledTable(layout, `Payments received in the last ${RECENT_PAYMENT_DAYS} days`, {
      columns: [
        { header: 'Date', weight: 2 },
        { header: 'Receipt', weight: 3 },
        { header: 'Method', weight: 3 },
        { header: 'Amount', weight: 2, align: 'right' },
      ],
      rows: section.recent_payments.map((payment) => [
        date(payment.date),
        receiptNumber(payment.payment),
        METHOD_NAMES[payment.method] ?? payment.method,
        money(payment.amount),
      ]),
    });
  }
}
