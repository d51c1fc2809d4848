import type { PartMessages } from '../i18n/index.js';

/**
 * English messages of the entries that `<duly-payments>` lists beside payments: payments
 * the customer reported and credit notes, and what a payment did beyond its invoices. The
 * Spanish ones below have the same keys.
 */
const en = {
  // Payments the customer reported
  noticeRowTitle: 'Payment you reported',
  noticeStatus: {
    pending: 'Awaiting confirmation',
    confirmed: 'Confirmed',
    rejected: 'Rejected',
  } as Record<string, string>,
  rejectedBecause: (reason: string) => `Reason: ${reason}`,
  sentOn: (date: string) => `Sent ${date}`,

  // Credit notes
  creditNoteTitle: (number: string) => `Credit note ${number}`,
  creditNoteStatus: { issued: 'Credit', void: 'Void' } as Record<string, string>,
  creditNoteLeft: (amount: string) => `${amount} left as credit`,
  appliedToInvoices: (numbers: string) => `Applied to ${numbers}`,

  // A payment's credit and short pay
  paymentAddedToCredit: (amount: string) => `${amount} added to your credit balance`,
  paymentCreditUsed: (amount: string) => `Plus ${amount} from credit`,
  paidPartly: (reason: string) => `Paid partly: ${reason}`,
};

/** The messages of the payment history's entries in one language. */
export type HistoryMessages = typeof en;

const es: HistoryMessages = {
  // Payments the customer reported
  noticeRowTitle: 'Pago que usted avisó',
  noticeStatus: {
    pending: 'Pendiente de confirmar',
    confirmed: 'Confirmado',
    rejected: 'Rechazado',
  },
  rejectedBecause: (reason) => `Motivo: ${reason}`,
  sentOn: (date) => `Enviado el ${date}`,

  // Credit notes
  creditNoteTitle: (number) => `Nota de crédito ${number}`,
  creditNoteStatus: { issued: 'Crédito', void: 'Anulada' },
  creditNoteLeft: (amount) => `${amount} quedan como saldo a favor`,
  appliedToInvoices: (numbers) => `Aplicada a ${numbers}`,

  // A payment's credit and short pay
  paymentAddedToCredit: (amount) => `${amount} se sumaron a su saldo a favor`,
  paymentCreditUsed: (amount) => `Más ${amount} del saldo a favor`,
  paidPartly: (reason) => `Pago parcial: ${reason}`,
};

export const historyMessages: PartMessages<HistoryMessages> = { en, es };
