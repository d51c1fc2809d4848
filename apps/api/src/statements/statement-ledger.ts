import type { PlainDate } from '@duly/core';

/** Days of payments a statement lists, its own date included. */
export const RECENT_PAYMENT_DAYS = 30;

/** An amount that counts against a balance from one instant on. */
export interface DatedAmount {
  amount: number;
  /** When the amount started to count: for a payment application, the later of the payment's success and the application. */
  at: Date;
}

/** An invoice issued by the statement date that may have been open on it. */
export interface LedgerInvoice {
  id: string;
  number: string;
  currency: string;
  total: number;
  issueDate: PlainDate;
  dueDate: PlainDate;
  disputed: boolean;
  voidedAt: Date | null;
  /** Applications of payments that succeeded, net of what refunds and reversals took back. */
  payments: DatedAmount[];
  /** Credit note applications. */
  credits: DatedAmount[];
}

/** A credit note issued by the statement date that may have had credit left on it. */
export interface LedgerCreditNote {
  id: string;
  number: string;
  currency: string;
  issuedOn: PlainDate;
  voidedAt: Date | null;
  /** The amount left on it today. */
  amountRemaining: number;
  /** Its applications made near or after the statement date; older ones count in any case. */
  recentApplications: DatedAmount[];
}

/** A succeeded payment that may have had an unapplied part on the statement date. */
export interface LedgerPayment {
  id: string;
  currency: string;
  amount: number;
  succeededAt: Date;
  /** The part applied to no invoice today. */
  amountUnapplied: number;
  /** The vendor's reference of an offline payment, such as a cheque number. */
  reference: string | null;
  /** Its applications made near or after the statement date, net of reversals. */
  recentApplications: DatedAmount[];
}

/** A payment received in the weeks before the statement date. */
export interface LedgerReceivedPayment {
  id: string;
  currency: string;
  amount: number;
  succeededAt: Date;
  /** `card`, `us_bank_account`, `offline` or `import`. */
  method: string;
}

/**
 * Input of one customer's statement as of one date: rows read today, with the timestamps
 * that show what had happened by the end of that date.
 */
export interface StatementLedger {
  invoices: LedgerInvoice[];
  creditNotes: LedgerCreditNote[];
  creditPayments: LedgerPayment[];
  receivedPayments: LedgerReceivedPayment[];
}
