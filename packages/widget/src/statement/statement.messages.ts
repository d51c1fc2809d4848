import type { PartMessages } from '../i18n/index.js';

/** English messages of `<duly-statement>`; the Spanish ones below have the same keys. */
const en = {
  heading: 'Statement of account',
  asOf: 'As of',
  asOfMissing: 'Choose a date.',
  asOfFuture: (today: string) => `Choose ${today} or an earlier date.`,
  downloadPdf: 'Download PDF',
  downloadCsv: 'Download CSV',
  downloadFailed: 'The file could not be downloaded. Try again.',
  loadFailed: 'We could not load your statement.',
  emptyTitle: 'Nothing open',
  emptyBody: (date: string) => `You had no open invoices or credits on ${date}.`,
  balance: 'Balance',
  inCredit: (amount: string) => `${amount} in your favour`,
  aging: 'Aging',
  buckets: {
    current: 'Current',
    '1_30': '1–30 days',
    '31_60': '31–60 days',
    '61_90': '61–90 days',
    over_90: 'Over 90 days',
  } as Record<string, string>,
  openInvoices: 'Open invoices',
  noOpenInvoices: 'No open invoices.',
  daysPastDue: (days: number) => {
    if (days > 1) return `${days} days past due`;
    if (days === 1) return '1 day past due';
    if (days === 0) return 'Due today';
    return 'Not due yet';
  },
  openOfTotal: (total: string) => `of ${total}`,
  disputed: 'Disputed',
  credits: 'Credits',
  creditNote: (number: string) => `Credit note ${number}`,
  unappliedPayment: (reference: string | null) =>
    reference ? `Unapplied payment ${reference}` : 'Unapplied payment',
  totalOpen: 'Total open',
  totalCredits: 'Total credits',
  recentPayments: 'Payments in the last 30 days',
  noRecentPayments: 'No payments in the 30 days up to this date.',
  methods: {
    card: 'Card',
    us_bank_account: 'Bank account',
    offline: 'Recorded by the vendor',
    import: 'Recorded by the vendor',
  } as Record<string, string>,
};

/** The messages of `<duly-statement>` in one language. */
export type StatementMessages = typeof en;

const es: StatementMessages = {
  heading: 'Estado de cuenta',
  asOf: 'Fecha del estado',
  asOfMissing: 'Elija una fecha.',
  asOfFuture: (today) => `Elija el ${today} o una fecha anterior.`,
  downloadPdf: 'Descargar PDF',
  downloadCsv: 'Descargar CSV',
  downloadFailed: 'No se pudo descargar el archivo. Vuelva a intentarlo.',
  loadFailed: 'No pudimos cargar su estado de cuenta.',
  emptyTitle: 'Nada pendiente',
  emptyBody: (date) => `No tenía facturas abiertas ni créditos el ${date}.`,
  balance: 'Saldo',
  inCredit: (amount) => `${amount} a su favor`,
  aging: 'Antigüedad',
  buckets: {
    current: 'Al corriente',
    '1_30': '1–30 días',
    '31_60': '31–60 días',
    '61_90': '61–90 días',
    over_90: 'Más de 90 días',
  },
  openInvoices: 'Facturas abiertas',
  noOpenInvoices: 'No hay facturas abiertas.',
  daysPastDue: (days) => {
    if (days > 1) return `${days} días de atraso`;
    if (days === 1) return '1 día de atraso';
    if (days === 0) return 'Vence hoy';
    return 'Aún no vence';
  },
  openOfTotal: (total) => `de ${total}`,
  disputed: 'En disputa',
  credits: 'Créditos',
  creditNote: (number) => `Nota de crédito ${number}`,
  unappliedPayment: (reference) =>
    reference ? `Pago sin aplicar ${reference}` : 'Pago sin aplicar',
  totalOpen: 'Total abierto',
  totalCredits: 'Total de créditos',
  recentPayments: 'Pagos de los últimos 30 días',
  noRecentPayments: 'No hubo pagos en los 30 días hasta esta fecha.',
  methods: {
    card: 'Tarjeta',
    us_bank_account: 'Cuenta bancaria',
    offline: 'Registrado por el proveedor',
    import: 'Registrado por el proveedor',
  },
};

export const statementMessages: PartMessages<StatementMessages> = { en, es };
