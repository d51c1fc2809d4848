import type { PartMessages } from '../i18n/index.js';

/** English messages of `<duly-credit-limit>`; the Spanish ones below have the same keys. */
const en = {
  heading: 'Credit limit',
  limit: 'Limit',
  used: 'Used',
  available: 'Available',
  usage: (used: string, limit: string) => `${used} of ${limit} used`,
  overLimit: (amount: string) => `${amount} over your limit`,
  none: 'No credit limit set',
  noneBody: 'Your vendor has not set a credit limit for you. You can ask for one.',
  requestHigher: 'Request a higher limit',
  requestFirst: 'Request a credit limit',
  newLimit: (currency: string) => `Limit you need, ${currency}`,
  newLimitNoCurrency: 'Limit you need',
  currency: 'Currency',
  reason: 'Reason',
  reasonHint: 'Tell the vendor why, such as a new location or a seasonal peak.',
  send: 'Send request',
  sent: 'Your request was sent. The vendor will approve or decline it.',
  notHigher: (limit: string) => `Ask for more than your current limit of ${limit}.`,
  reasonMissing: 'Write a reason.',
  currencyMissing: 'Choose a currency.',
  pending: 'Your request is waiting for the vendor.',
  history: 'Your requests',
  statuses: { pending: 'Pending', approved: 'Approved', declined: 'Declined' } as Record<
    string,
    string
  >,
  askedFor: (amount: string, date: string) => `${amount}, asked on ${date}`,
  granted: (amount: string) => `Granted: ${amount}`,
  note: (note: string) => `From the vendor: ${note}`,
  loadFailed: 'We could not load your credit limit.',
  sendFailed: 'Your request could not be sent.',
};

/** The messages of `<duly-credit-limit>` in one language. */
export type CreditLimitMessages = typeof en;

const es: CreditLimitMessages = {
  heading: 'Límite de crédito',
  limit: 'Límite',
  used: 'Usado',
  available: 'Disponible',
  usage: (used, limit) => `${used} usado de ${limit}`,
  overLimit: (amount) => `${amount} por encima de su límite`,
  none: 'Sin límite de crédito',
  noneBody: 'Su proveedor no le ha asignado un límite de crédito. Puede solicitar uno.',
  requestHigher: 'Solicitar un límite mayor',
  requestFirst: 'Solicitar un límite de crédito',
  newLimit: (currency) => `Límite que necesita, ${currency}`,
  newLimitNoCurrency: 'Límite que necesita',
  currency: 'Moneda',
  reason: 'Motivo',
  reasonHint: 'Explique el motivo al proveedor, como una nueva sucursal o una temporada alta.',
  send: 'Enviar solicitud',
  sent: 'Su solicitud se envió. El proveedor la aprobará o la rechazará.',
  notHigher: (limit) => `Pida más que su límite actual de ${limit}.`,
  reasonMissing: 'Escriba un motivo.',
  currencyMissing: 'Elija una moneda.',
  pending: 'Su solicitud está esperando al proveedor.',
  history: 'Sus solicitudes',
  statuses: { pending: 'Pendiente', approved: 'Aprobada', declined: 'Rechazada' },
  askedFor: (amount, date) => `${amount}, solicitado el ${date}`,
  granted: (amount) => `Concedido: ${amount}`,
  note: (note) => `Del proveedor: ${note}`,
  loadFailed: 'No pudimos cargar su límite de crédito.',
  sendFailed: 'No se pudo enviar su solicitud.',
};

export const creditLimitMessages: PartMessages<CreditLimitMessages> = { en, es };
