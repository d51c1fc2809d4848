import type { CreditNote, Invoice, Payment } from '@duly/sdk';

// The customer's credit balance as the API keeps it, for the fake portal client: what is
// left of issued credit notes and of succeeded payments' unapplied parts, per currency,
// used oldest first. The statement reads the same credit notes and payments.

/** The records a credit balance is made of. */
export interface CreditLedger {
  creditNotes: readonly CreditNote[];
  payments: readonly Payment[];
}

/** One source of credit, with the credit left on it. */
type CreditSource =
  | { kind: 'credit_note'; note: CreditNote; left: number; date: string; at: string; id: string }
  | { kind: 'payment'; payment: Payment; left: number; date: string; at: string; id: string };

/** One use of credit: an amount taken off an invoice. */
export interface CreditUse {
  invoice: Invoice;
  amount: number;
}

/**
 * Lists the sources of credit in `currency` in the order credit is used, as the API does:
 * oldest day first (a note's issue date, a payment's day of success), then the earlier
 * instant, then by id.
 */
function creditSources(ledger: CreditLedger, currency: string): CreditSource[] {
  const sources: CreditSource[] = [];
  for (const note of ledger.creditNotes) {
    if (note.status !== 'issued' || note.currency !== currency || note.amount_remaining <= 0) {
      continue;
    }
    sources.push({
      kind: 'credit_note',
      note,
      left: note.amount_remaining,
      date: note.issued_on,
      at: note.created_at,
      id: note.id,
    });
  }
  for (const payment of ledger.payments) {
    if (payment.status !== 'succeeded' || payment.currency !== currency) continue;
    if (payment.amount_unapplied <= 0 || !payment.succeeded_at) continue;
    sources.push({
      kind: 'payment',
      payment,
      left: payment.amount_unapplied,
      date: payment.succeeded_at.slice(0, 10),
      at: payment.succeeded_at,
      id: payment.id,
    });
  }
  return sources.sort(
    (a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
  );
}

/** Returns the credit balance in `currency`. */
export function creditBalanceOf(ledger: CreditLedger, currency: string): number {
  return creditSources(ledger, currency).reduce((sum, source) => sum + source.left, 0);
}

/** Returns the currencies in which the customer has credit, in alphabetical order. */
export function currenciesWithCredit(ledger: CreditLedger): string[] {
  const currencies = [
    ...ledger.creditNotes.map((note) => note.currency),
    ...ledger.payments.map((payment) => payment.currency),
  ];
  return [...new Set(currencies)]
    .filter((currency) => creditBalanceOf(ledger, currency) > 0)
    .sort();
}

/**
 * Takes the credit of `uses` from the sources in `currency`, oldest first, and records
 * where it went: an application on the credit note (and a credit on the invoice), or an
 * application of the payment to the invoice. It changes no invoice amount; the caller does.
 * Throws when the credit does not cover the uses, which the caller checks first.
 */
export function useCredit(
  ledger: CreditLedger,
  currency: string,
  uses: readonly CreditUse[],
  at: string,
): void {
  const sources = creditSources(ledger, currency);
  for (const use of uses) {
    let needed = use.amount;
    for (const source of sources) {
      if (needed === 0) break;
      const amount = Math.min(needed, source.left);
      if (amount === 0) continue;
      source.left -= amount;
      needed -= amount;
      if (source.kind === 'credit_note') takeFromNote(source.note, use.invoice, amount, at);
      else takeFromPayment(source.payment, use.invoice, amount);
    }
    if (needed > 0) {
      throw new Error(`Fake client: ${use.amount} of ${currency} credit exceeds the balance.`);
    }
  }
}

function takeFromNote(note: CreditNote, invoice: Invoice, amount: number, at: string): void {
  note.amount_remaining -= amount;
  note.applications.push({
    invoice: invoice.id,
    invoice_number: invoice.number,
    amount,
    created_at: at,
  });
  invoice.credits = [
    ...(invoice.credits ?? []),
    { credit_note: note.id, number: note.number, amount, created_at: at },
  ];
}

/** Applies more of a payment to an invoice, adding to its application when there is one. */
function takeFromPayment(payment: Payment, invoice: Invoice, amount: number): void {
  payment.amount_unapplied -= amount;
  const application = payment.applications.find((line) => line.invoice === invoice.id);
  if (application) {
    application.amount += amount;
    return;
  }
  payment.applications.push({ invoice: invoice.id, invoice_number: invoice.number, amount });
}
