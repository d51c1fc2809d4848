import { readFileSync } from 'node:fs';
import { referenceLedgerPath } from '../ledger-import/reference-ledger.js';

/** One invoice of the reference ledger CSV, with dates as `YYYY-MM-DD` text. */
export interface ReferenceLedgerInvoice {
  /** The CSV's `customerID`, which the import keeps as the customer's `external_id`. */
  customer: string;
  number: string;
  issued: string;
  due: string;
  settled: string;
  cents: number;
  disputed: boolean;
}

/**
 * Reads the reference ledger CSV with the simplest code that can: day-first dates turned
 * into sortable text, amounts split at the dot into cents. Tests compare what the importer
 * wrote with it, so it shares no code with the importer's parser.
 */
export function readReferenceLedgerCsv(): ReferenceLedgerInvoice[] {
  const [header, ...lines] = readFileSync(referenceLedgerPath(), 'utf8').trim().split(/\r?\n/);
  const columns = (header as string).split(',');
  const isoDate = (text: string) => text.split('/').reverse().join('-');
  const cents = (text: string) => {
    const [dollars, fraction = ''] = text.split('.');
    return Number(dollars) * 100 + Number(fraction.padEnd(2, '0'));
  };

  return lines.map((line) => {
    const fields = line.split(',');
    const field = (name: string) => fields[columns.indexOf(name)] as string;
    return {
      customer: field('customerID'),
      number: field('invoiceNumber'),
      issued: isoDate(field('InvoiceDate')),
      due: isoDate(field('DueDate')),
      settled: isoDate(field('SettledDate')),
      cents: cents(field('InvoiceAmount')),
      disputed: field('Disputed') === 'Yes',
    };
  });
}
