import { AGING_BUCKETS, formatDecimalAmount, type Statement } from '@duly/core';

/** Columns of the statement CSV, in order. */
export const STATEMENT_CSV_COLUMNS = [
  'currency',
  'type',
  'number',
  'issue_date',
  'due_date',
  'days_past_due',
  'bucket',
  'total',
  'amount_open',
] as const;

type CsvRow = Partial<Record<(typeof STATEMENT_CSV_COLUMNS)[number], string | number>>;

/**
 * Writes a statement as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, quote or line break). Each currency has one row per open invoice
 * (`type` invoice) and per credit (`credit_note` or `payment`, its reference in `number`
 * and its date in `issue_date`), then one `aging` row per bucket and `invoices_total`,
 * `credits_total` and `balance` rows. Amounts are decimals with the currency's own number
 * of decimals. Credits are negative, so a currency's invoice and credit rows add up to
 * its balance.
 */
export function writeStatementCsv(statement: Statement): string {
  const rows: CsvRow[] = [];
  for (const section of statement.sections) {
    const { currency } = section;
    const amount = (value: number) => formatDecimalAmount(value, currency);

    for (const invoice of section.invoices) {
      rows.push({
        currency,
        type: 'invoice',
        number: invoice.number,
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        days_past_due: invoice.days_past_due,
        bucket: invoice.bucket,
        total: amount(invoice.total),
        amount_open: amount(invoice.amount_open),
      });
    }
    for (const credit of section.credits) {
      rows.push({
        currency,
        type: credit.type,
        number: credit.reference ?? credit.id,
        issue_date: credit.date,
        amount_open: amount(-credit.amount_open),
      });
    }
    for (const bucket of AGING_BUCKETS) {
      rows.push({ currency, type: 'aging', bucket, amount_open: amount(section.aging[bucket]) });
    }
    rows.push({ currency, type: 'invoices_total', amount_open: amount(section.invoices_total) });
    rows.push({ currency, type: 'credits_total', amount_open: amount(-section.credits_total) });
    rows.push({ currency, type: 'balance', amount_open: amount(section.balance) });
  }

  const lines = [STATEMENT_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(STATEMENT_CSV_COLUMNS.map((column) => csvField(row[column], column)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Writes one field. A number or reference that a spreadsheet would run as a formula (one
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe,
 * the usual defense against CSV injection. Amounts and day counts keep their minus sign.
 */
function csvField(value: string | number | undefined, column: string): string {
  if (value === undefined) return '';
  let text = String(value);
  if (column === 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
