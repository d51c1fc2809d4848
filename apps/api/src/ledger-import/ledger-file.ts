import {
  daysBetween,
  isPlainDate,
  MAX_AMOUNT,
  type PlainDate,
  parseDecimalAmount,
} from '@duly/core';
import { LedgerFileError, type LedgerFileProblem } from './errors.js';

/** One invoice of the ledger file, checked and converted. */
export interface LedgerRow {
  /** Line number in the file; the header is line 1. */
  line: number;
  countryCode: string;
  customerId: string;
  paperlessDate: PlainDate;
  invoiceNumber: string;
  invoiceDate: PlainDate;
  dueDate: PlainDate;
  settledDate: PlainDate;
  /** Invoice total in US cents. */
  amount: number;
  disputed: boolean;
  paperlessBill: 'Paper' | 'Electronic';
}

/** Columns the file must have, under these exact header names, in any order. */
export const LEDGER_COLUMNS = [
  'countrycode',
  'customerID',
  'PaperlessDate',
  'invoiceNumber',
  'InvoiceDate',
  'DueDate',
  'InvoiceAmount',
  'Disputed',
  'SettledDate',
  'PaperlessBill',
  'DaysToSettle',
  'DaysLate',
] as const;

type Column = (typeof LEDGER_COLUMNS)[number];

const DAY_FIRST_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const WHOLE_NUMBER = /^-?\d+$/;
const MAX_INVOICE_NUMBER_LENGTH = 64;

/**
 * Parses the text of an AR ledger export (comma-separated, no quoting, CRLF or LF lines,
 * day-first dates). Every row is checked, including the derived `DaysToSettle` and
 * `DaysLate` columns against the dates. Throws `LedgerFileError` listing every bad row
 * with its line number, so that a file is imported whole or not at all.
 */
export function parseLedgerFile(text: string): LedgerRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) {
    throw new LedgerFileError([{ line: 1, message: 'the file is empty; expected a header line' }]);
  }

  const header = readHeader(lines[0] as string);
  const problems: LedgerFileProblem[] = [];
  const rows: LedgerRow[] = [];
  const firstLineOfInvoice = new Map<string, number>();
  const customers = new Map<string, LedgerRow>();

  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    const result = parseRow(lines[index] as string, line, header);
    if (typeof result === 'string') {
      problems.push({ line, message: result });
      continue;
    }

    const conflict =
      checkUniqueInvoice(result, firstLineOfInvoice) ?? checkSameCustomer(result, customers);
    if (conflict !== undefined) {
      problems.push({ line, message: conflict });
      continue;
    }
    rows.push(result);
  }

  if (problems.length > 0) throw new LedgerFileError(problems);
  return rows;
}

interface Header {
  /** Position of each required column. */
  positions: Map<Column, number>;
  /** Number of fields every line must have. */
  width: number;
}

/** Finds each required column's position. Throws naming any missing column. */
function readHeader(header: string): Header {
  const names = header.split(',').map((name) => name.trim());
  const positions = new Map<Column, number>();
  const duplicates: string[] = [];
  names.forEach((name, position) => {
    if (!(LEDGER_COLUMNS as readonly string[]).includes(name)) return;
    if (positions.has(name as Column)) duplicates.push(name);
    positions.set(name as Column, position);
  });

  const missing = LEDGER_COLUMNS.filter((column) => !positions.has(column));
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`missing column(s) ${missing.join(', ')}`);
  if (duplicates.length > 0) problems.push(`column(s) named twice: ${duplicates.join(', ')}`);
  if (problems.length > 0) {
    throw new LedgerFileError([
      {
        line: 1,
        message: `the header has ${problems.join(' and ')}; expected the columns ${LEDGER_COLUMNS.join(',')}`,
      },
    ]);
  }
  return { positions, width: names.length };
}

/** Returns the checked row, or the reasons it is bad joined into one message. */
function parseRow(text: string, line: number, header: Header): LedgerRow | string {
  if (text.trim() === '') return 'the line is empty';
  const fields = text.split(',').map((field) => field.trim());
  if (fields.length !== header.width) {
    return `the line has ${fields.length} fields but the header has ${header.width}`;
  }
  const field = (column: Column) => fields[header.positions.get(column) as number] as string;
  const reasons: string[] = [];
  const reject = (column: Column, reason: string) => {
    reasons.push(`${column} ${JSON.stringify(field(column))} ${reason}`);
  };

  const countryCode = field('countrycode');
  if (!/^\d+$/.test(countryCode)) reject('countrycode', 'is not a numeric country code');
  const customerId = field('customerID');
  if (customerId === '') reject('customerID', 'is empty');
  const invoiceNumber = field('invoiceNumber');
  if (invoiceNumber === '' || invoiceNumber.length > MAX_INVOICE_NUMBER_LENGTH) {
    reject('invoiceNumber', `must be 1 to ${MAX_INVOICE_NUMBER_LENGTH} characters`);
  }

  const date = (column: Column) => {
    const value = parseDayFirstDate(field(column));
    if (value === undefined) reject(column, 'is not a real date written dd/mm/yyyy');
    return value;
  };
  const paperlessDate = date('PaperlessDate');
  const invoiceDate = date('InvoiceDate');
  const dueDate = date('DueDate');
  const settledDate = date('SettledDate');

  const amount = parseDecimalAmount(field('InvoiceAmount'), 'USD');
  if (amount === undefined) {
    reject('InvoiceAmount', 'is not an amount in dollars with at most 2 decimals');
  } else if (amount < 0) {
    reject('InvoiceAmount', 'is negative; invoice amounts must be 0 or more');
  } else if (amount > MAX_AMOUNT) {
    reject('InvoiceAmount', `is above the maximum of ${MAX_AMOUNT} cents`);
  }

  const disputed = field('Disputed');
  if (disputed !== 'Yes' && disputed !== 'No') reject('Disputed', 'must be Yes or No');
  const paperlessBill = field('PaperlessBill');
  if (paperlessBill !== 'Paper' && paperlessBill !== 'Electronic') {
    reject('PaperlessBill', 'must be Paper or Electronic');
  }

  if (invoiceDate !== undefined && dueDate !== undefined && settledDate !== undefined) {
    const daysToSettle = daysBetween(invoiceDate, settledDate);
    const daysLate = Math.max(0, daysBetween(dueDate, settledDate));
    checkDerived(field('DaysToSettle'), daysToSettle, 'SettledDate - InvoiceDate', (reason) =>
      reject('DaysToSettle', reason),
    );
    checkDerived(
      field('DaysLate'),
      daysLate,
      'SettledDate - DueDate, or 0 when paid on time',
      (reason) => reject('DaysLate', reason),
    );
  }

  if (reasons.length > 0) return reasons.join('; ');
  return {
    line,
    countryCode,
    customerId,
    paperlessDate: paperlessDate as PlainDate,
    invoiceNumber,
    invoiceDate: invoiceDate as PlainDate,
    dueDate: dueDate as PlainDate,
    settledDate: settledDate as PlainDate,
    amount: amount as number,
    disputed: disputed === 'Yes',
    paperlessBill: paperlessBill as LedgerRow['paperlessBill'],
  };
}

function checkDerived(
  text: string,
  expected: number,
  formula: string,
  reject: (reason: string) => void,
): void {
  if (!WHOLE_NUMBER.test(text)) {
    reject('is not a whole number of days');
  } else if (Number(text) !== expected) {
    reject(`disagrees with the dates: expected ${expected} (${formula})`);
  }
}

/** Converts `dd/mm/yyyy` to `YYYY-MM-DD`, or returns `undefined` for anything else. */
export function parseDayFirstDate(text: string): PlainDate | undefined {
  const match = DAY_FIRST_DATE.exec(text);
  if (!match) return undefined;
  const [, day, month, year] = match;
  const date = `${year}-${month}-${day}`;
  return isPlainDate(date) ? date : undefined;
}

function checkUniqueInvoice(row: LedgerRow, firstLine: Map<string, number>): string | undefined {
  const earlier = firstLine.get(row.invoiceNumber);
  if (earlier !== undefined) {
    return `invoiceNumber "${row.invoiceNumber}" is already used on line ${earlier}`;
  }
  firstLine.set(row.invoiceNumber, row.line);
  return undefined;
}

/** Checks that a customer keeps one country and one paperless date across its rows. */
function checkSameCustomer(row: LedgerRow, customers: Map<string, LedgerRow>): string | undefined {
  const first = customers.get(row.customerId);
  if (first === undefined) {
    customers.set(row.customerId, row);
    return undefined;
  }
  if (first.countryCode !== row.countryCode) {
    return `customer ${row.customerId} has countrycode ${row.countryCode} here but ${first.countryCode} on line ${first.line}`;
  }
  if (first.paperlessDate !== row.paperlessDate) {
    return `customer ${row.customerId} has PaperlessDate ${row.paperlessDate} here but ${first.paperlessDate} on line ${first.line}`;
  }
  return undefined;
}
