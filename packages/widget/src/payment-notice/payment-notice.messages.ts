import type { PartMessages } from '../i18n/index.js';

/**
 * English messages of `<duly-payment-notice>` ("I sent a payment"); the Spanish ones below
 * have the same keys. The names of the ways to pay are in offline-methods.messages.ts.
 */
const en = {
  noticeHeading: 'Tell us you sent a payment',
  noticeIntro:
    'Paid outside this portal, by check, wire or another way? Tell us here. Its invoices show the payment until the vendor confirms it, and autopay leaves them alone.',
  noticeMethod: 'How you paid',
  noticeMethodChoose: 'Choose how you paid',
  noticeReference: 'Reference (optional)',
  noticeReferenceHint: 'Check number or transfer reference.',
  noticeSentOn: 'Date sent',
  noticeCurrency: 'Currency',
  noticeInvoices: 'Invoices it pays',
  noticeAmountFor: (number: string) => `Amount sent for ${number}`,
  noticeTotal: 'Total sent',
  noticeSubmit: 'Send',
  noticeSending: 'Sending…',

  // Checks and failures
  noticeMethodRequired: 'Choose how you paid.',
  noticeDateRequired: 'Enter the date you sent the payment.',
  noticeDateFuture: (today: string) => `The date cannot be after today, ${today}.`,
  noticeInvoicesRequired: 'Choose at least one invoice this payment is for.',
  noticeNoInvoices: 'You have no open invoices to report a payment for.',
  noticeExists:
    'One of these invoices already has a payment you reported. Wait until the vendor confirms it.',
  noticeFailed: 'We could not send your notice.',
  noticeInvoicesChanged:
    'An invoice changed since this form opened, so nothing was sent. Reload the invoices and try again.',
  reloadInvoices: 'Reload invoices',

  // Result
  noticeSentTitle: 'Payment reported',
  noticeSentBody: (amount: string, how: string, date: string) =>
    `Your payment of ${amount} (${how}), sent ${date}, is waiting for the vendor to confirm it.`,
};

/** The messages of `<duly-payment-notice>` in one language. */
export type PaymentNoticeMessages = typeof en;

const es: PaymentNoticeMessages = {
  noticeHeading: 'Avísenos de un pago enviado',
  noticeIntro:
    '¿Pagó fuera de este portal, con cheque, transferencia u otro medio? Avísenos aquí. Sus facturas muestran el pago hasta que el proveedor lo confirme, y el pago automático no las cobra.',
  noticeMethod: 'Cómo pagó',
  noticeMethodChoose: 'Elija cómo pagó',
  noticeReference: 'Referencia (opcional)',
  noticeReferenceHint: 'Número de cheque o referencia de la transferencia.',
  noticeSentOn: 'Fecha de envío',
  noticeCurrency: 'Moneda',
  noticeInvoices: 'Facturas que paga',
  noticeAmountFor: (number) => `Importe enviado para ${number}`,
  noticeTotal: 'Total enviado',
  noticeSubmit: 'Enviar',
  noticeSending: 'Enviando…',

  // Checks and failures
  noticeMethodRequired: 'Elija cómo pagó.',
  noticeDateRequired: 'Indique la fecha en que envió el pago.',
  noticeDateFuture: (today) => `La fecha no puede ser posterior a hoy, ${today}.`,
  noticeInvoicesRequired: 'Elija al menos una factura que pague este pago.',
  noticeNoInvoices: 'No tiene facturas abiertas para avisar de un pago.',
  noticeExists:
    'Una de estas facturas ya tiene un pago que usted avisó. Espere a que el proveedor lo confirme.',
  noticeFailed: 'No pudimos enviar su aviso.',
  noticeInvoicesChanged:
    'Una factura cambió desde que abrió este formulario, así que no se envió nada. Vuelva a cargar las facturas e inténtelo de nuevo.',
  reloadInvoices: 'Volver a cargar las facturas',

  // Result
  noticeSentTitle: 'Pago avisado',
  noticeSentBody: (amount, how, date) =>
    `Su pago de ${amount} (${how}), enviado el ${date}, espera la confirmación del proveedor.`,
};

export const paymentNoticeMessages: PartMessages<PaymentNoticeMessages> = { en, es };
