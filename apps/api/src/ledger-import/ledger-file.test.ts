import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LedgerFileError, MAX_REPORTED_PROBLEMS } from './errors.js';
import { parseDayFirstDate, parseLedgerFile } from './ledger-file.js';
import { referenceLedgerPath } from './reference-ledger.js';

const ledgerText = readFileSync(referenceLedgerPath(), 'utf8');
const ledgerLines = ledgerText.split('\r\n');
const HEADER = ledgerLines[0] as string;

/** The file's header and its lines numbered `from` to `to` (the header is line 1). */
function excerpt(from: number, to: number): string[] {
  return [HEADER, ...ledgerLines.slice(from - 1, to)];
}

/** Returns `line` with the field of `column` replaced by `value`. */
function withField(line: string, column: string, value: string): string {
  const fields = line.split(',');
  fields[HEADER.split(',').indexOf(column)] = value;
  return fields.join(',');
}

function problemsOf(text: string) {
  try {
    parseLedgerFile(text);
  } catch (error) {
    if (error instanceof LedgerFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a LedgerFileError');
}

describe('parseLedgerFile', () => {
  it('reads every row of the real ledger', () => {
    const rows = parseLedgerFile(ledgerText);

    expect(rows).toHaveLength(2466);
    expect(new Set(rows.map((row) => row.customerId)).size).toBe(100);
    expect(rows.filter((row) => row.disputed)).toHaveLength(561);
  });

  it('converts the first row exactly', () => {
    const [first] = parseLedgerFile(ledgerText);

    expect(first).toEqual({
      line: 2,
      countryCode: '770',
      customerId: '3993-QUNVJ',
      paperlessDate: '2012-12-31',
      invoiceNumber: '280670965',
      invoiceDate: '2012-01-03',
      dueDate: '2012-02-02',
      settledDate: '2012-01-23',
      amount: 5039,
      disputed: false,
      paperlessBill: 'Paper',
    });
  });

  it('reads LF lines like CRLF lines', () => {
    const lf = ledgerText.replaceAll('\r\n', '\n');

    expect(parseLedgerFile(lf)).toEqual(parseLedgerFile(ledgerText));
  });

  it('converts amounts with 0, 1 and 2 decimals to cents', () => {
    const lines = excerpt(2, 4).map((line, index) =>
      index === 0
        ? line
        : withField(line, 'InvoiceAmount', ['94', '7.5', '0.07'][index - 1] as string),
    );

    expect(parseLedgerFile(lines.join('\n')).map((row) => row.amount)).toEqual([9400, 750, 7]);
  });

  it('reports a date that is not real with its line', () => {
    const lines = excerpt(2, 5);
    lines[2] = withField(lines[2] as string, 'DueDate', '30/02/2012');

    expect(problemsOf(lines.join('\r\n'))).toEqual([
      { line: 3, message: 'DueDate "30/02/2012" is not a real date written dd/mm/yyyy' },
    ]);
  });

  it('reports a negative amount with its line', () => {
    const lines = excerpt(2, 5);
    lines[3] = withField(lines[3] as string, 'InvoiceAmount', '-97.6');

    expect(problemsOf(lines.join('\r\n'))).toEqual([
      { line: 4, message: 'InvoiceAmount "-97.6" is negative; invoice amounts must be 0 or more' },
    ]);
  });

  it('reports a derived column that disagrees', () => {
    const lines = excerpt(2, 5);
    lines[2] = withField(lines[2] as string, 'DaysLate', '15');

    expect(problemsOf(lines.join('\r\n'))).toEqual([
      {
        line: 3,
        message:
          'DaysLate "15" disagrees with the dates: expected 14 (SettledDate - DueDate, or 0 when paid on time)',
      },
    ]);
  });

  it('names the columns missing from the header', () => {
    const lines = excerpt(2, 3).map((line) => line.split(',').slice(0, 10).join(','));

    const [problem, ...others] = problemsOf(lines.join('\r\n'));

    expect(others).toEqual([]);
    expect(problem?.line).toBe(1);
    expect(problem?.message).toMatch(/^the header has missing column\(s\) DaysToSettle, DaysLate;/);
  });

  it('reports a line with a field missing', () => {
    const lines = excerpt(2, 4);
    lines[2] = (lines[2] as string).split(',').slice(0, 11).join(',');

    expect(problemsOf(lines.join('\r\n'))).toEqual([
      { line: 3, message: 'the line has 11 fields but the header has 12' },
    ]);
  });

  it('reports every bad line in one error', () => {
    const lines = excerpt(2, 8);
    lines[1] = withField(lines[1] as string, 'Disputed', 'Maybe');
    lines[4] = withField(lines[4] as string, 'InvoiceDate', '2012-01-03');
    lines[6] = withField(lines[6] as string, 'InvoiceAmount', '12.345');

    expect(problemsOf(lines.join('\r\n')).map((problem) => problem.line)).toEqual([2, 5, 7]);
  });

  it('reports an invoice number used twice', () => {
    const lines = excerpt(2, 4);
    lines[3] = withField(lines[3] as string, 'invoiceNumber', '280670965');

    expect(problemsOf(lines.join('\r\n'))).toEqual([
      { line: 4, message: 'invoiceNumber "280670965" is already used on line 2' },
    ]);
  });

  it('limits the message but keeps every problem', () => {
    const lines = excerpt(2, 101).map((line, index) =>
      index === 0 ? line : withField(line, 'Disputed', 'maybe'),
    );

    const error = (() => {
      try {
        parseLedgerFile(lines.join('\r\n'));
      } catch (caught) {
        return caught as LedgerFileError;
      }
    })();

    expect(error?.problems).toHaveLength(100);
    expect(error?.message.split('\n')).toHaveLength(1 + MAX_REPORTED_PROBLEMS + 1);
    expect(error?.message).toMatch(/and 50 more bad line\(s\)$/);
  });
});

describe('parseDayFirstDate', () => {
  it('reads day first', () => {
    expect(parseDayFirstDate('02/08/2012')).toBe('2012-08-02');
  });

  it('accepts 29 February of a leap year only', () => {
    expect(parseDayFirstDate('29/02/2012')).toBe('2012-02-29');
    expect(parseDayFirstDate('29/02/2013')).toBeUndefined();
  });

  it('rejects month-first and short forms', () => {
    expect(parseDayFirstDate('12/31/2012')).toBeUndefined();
    expect(parseDayFirstDate('3/1/2012')).toBeUndefined();
  });
});
