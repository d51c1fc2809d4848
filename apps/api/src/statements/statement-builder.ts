import {
  addDays,
  ageOpenItems,
  agingBucket,
  daysPastDue,
  type PlainDate,
  plainDateIn,
  type StatementSection,
} from '@duly/core';
import { receiptNumber } from '../receipts/receipt-object.js';
import { type DatedAmount, RECENT_PAYMENT_DAYS, type StatementLedger } from './statement-ledger.js';

type StatementInvoice = StatementSection['invoices'][number];
type StatementCredit = StatementSection['credits'][number];
type StatementPayment = StatementSection['recent_payments'][number];

export interface StatementOptions {
  /** The statement date: everything is as it stood at the end of this day. */
  asOf: PlainDate;
  /** The vendor's IANA time zone, in which days end. */
  timeZone: string;
  /** The path of a payment's receipt under the API that serves the statement. */
  receiptUrl: (paymentId: string) => string;
}

/**
 * Computes the sections of an open-item statement, one per currency, from the ledger as it
 * stood at the end of `asOf` in the vendor's time zone. An invoice is open on that day when
 * it was issued by then, not voided by then, and its total less the payments and credits
 * applied by then is above 0. A payment application counts from the later of the payment's
 * success and the application. Credits are credit notes issued by then less their
 * applications by then, and the unapplied part of payments that had succeeded by then.
 *
 * NOTE: refunds, bank returns and lost chargebacks are taken as of the payment's success,
 * because the ledger keeps only their total per application. A statement dated before a
 * reversal therefore shows the invoice already reopened and the payment's credit already gone.
 */
export function buildStatementSections(
  ledger: StatementLedger,
  options: StatementOptions,
): StatementSection[] {
  const { asOf, timeZone } = options;
  const byEndOf = (instant: Date) => plainDateIn(instant, timeZone) <= asOf;
  const sumBy = (amounts: readonly DatedAmount[], counted: (at: Date) => boolean) =>
    amounts.reduce((sum, item) => (counted(item.at) ? sum + item.amount : sum), 0);
  const sections = new Map<string, SectionDraft>();
  const sectionOf = (currency: string) => {
    let section = sections.get(currency);
    if (section === undefined) {
      section = { invoices: [], credits: [], payments: [] };
      sections.set(currency, section);
    }
    return section;
  };

  for (const invoice of ledger.invoices) {
    if (invoice.issueDate > asOf) continue;
    if (invoice.voidedAt !== null && byEndOf(invoice.voidedAt)) continue;
    const applied = sumBy(invoice.payments, byEndOf) + sumBy(invoice.credits, byEndOf);
    const amountOpen = invoice.total - applied;
    if (amountOpen <= 0) continue;
    const days = daysPastDue(invoice.dueDate, asOf);
    sectionOf(invoice.currency).invoices.push({
      invoice: invoice.id,
      number: invoice.number,
      issue_date: invoice.issueDate,
      due_date: invoice.dueDate,
      total: invoice.total,
      amount_open: amountOpen,
      days_past_due: days,
      bucket: agingBucket(days),
      disputed: invoice.disputed,
    });
  }

  for (const note of ledger.creditNotes) {
    if (note.issuedOn > asOf) continue;
    if (note.voidedAt !== null && byEndOf(note.voidedAt)) continue;
    const appliedLater = sumBy(note.recentApplications, (at) => !byEndOf(at));
    const amountOpen = note.amountRemaining + appliedLater;
    if (amountOpen <= 0) continue;
    sectionOf(note.currency).credits.push({
      type: 'credit_note',
      id: note.id,
      reference: note.number,
      date: note.issuedOn,
      amount_open: amountOpen,
    });
  }

  for (const payment of ledger.creditPayments) {
    if (!byEndOf(payment.succeededAt)) continue;
    const countsFrom = (at: Date) => (at > payment.succeededAt ? at : payment.succeededAt);
    const appliedLater = sumBy(payment.recentApplications, (at) => !byEndOf(countsFrom(at)));
    const amountOpen = payment.amountUnapplied + appliedLater;
    if (amountOpen <= 0) continue;
    sectionOf(payment.currency).credits.push({
      type: 'payment',
      id: payment.id,
      reference: payment.reference ?? receiptNumber(payment.id),
      date: plainDateIn(payment.succeededAt, timeZone),
      amount_open: amountOpen,
    });
  }

  const firstRecentDay = addDays(asOf, 1 - RECENT_PAYMENT_DAYS);
  for (const payment of ledger.receivedPayments) {
    const date = plainDateIn(payment.succeededAt, timeZone);
    if (date < firstRecentDay || date > asOf) continue;
    sectionOf(payment.currency).payments.push({
      payment: payment.id,
      date,
      amount: payment.amount,
      method: payment.method,
      receipt_url: options.receiptUrl(payment.id),
      succeededAt: payment.succeededAt,
    });
  }

  return [...sections.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, draft]) => finishSection(currency, draft, asOf));
}

interface SectionDraft {
  invoices: StatementInvoice[];
  credits: StatementCredit[];
  payments: Array<StatementPayment & { succeededAt: Date }>;
}

/** Sorts a section's items and adds its aging and totals. */
function finishSection(currency: string, draft: SectionDraft, asOf: PlainDate): StatementSection {
  // Oldest due first, as a customer pays them; credits oldest first, as they are used.
  const invoices = draft.invoices.sort(
    (a, b) =>
      compare(a.due_date, b.due_date) ||
      a.number.localeCompare(b.number, 'en', { numeric: true }) ||
      compare(a.invoice, b.invoice),
  );
  const credits = draft.credits.sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
  const payments = draft.payments
    .sort(
      (a, b) => b.succeededAt.getTime() - a.succeededAt.getTime() || compare(b.payment, a.payment),
    )
    .map(({ succeededAt: _, ...payment }) => payment);

  const invoicesTotal = invoices.reduce((sum, invoice) => sum + invoice.amount_open, 0);
  const creditsTotal = credits.reduce((sum, credit) => sum + credit.amount_open, 0);
  return {
    currency,
    invoices,
    credits,
    aging: ageOpenItems(
      invoices.map((invoice) => ({ dueDate: invoice.due_date, amountOpen: invoice.amount_open })),
      asOf,
    ),
    invoices_total: invoicesTotal,
    credits_total: creditsTotal,
    balance: invoicesTotal - creditsTotal,
    recent_payments: payments,
  };
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
