import type { PartMessages } from '../i18n/index.js';

/** English messages of the hosted pay page; the Spanish ones below have the same keys. */
const en = {
  opening: 'Opening your invoice…',
  payTitle: (vendor: string) => `Pay ${vendor}`,
  linkRevoked: 'This payment link was cancelled',
  linkExpired: 'This payment link has expired',
  linkUsedUp: 'This payment link can no longer be opened',
  linkInvalid: 'This payment link is not valid',
  invoiceNotPayable: 'This invoice cannot be paid',
  askVendor: 'Ask the vendor for a new link to pay the invoice.',
  checkAddress: 'Check that you copied the whole address, or ask the vendor for a new link.',
  contactVendor: 'Contact the vendor if you expected to pay it.',
  openFailed: 'We could not open this invoice',
  openFailedBody: 'The connection failed or the server had a problem. Try again in a moment.',
  retry: 'Try again',
  paidTitle: 'This invoice is paid',
  paidNoReceipt: 'It was settled without a card or bank payment, so there is no receipt to show.',
  pendingTitle: 'A payment of this invoice is on its way',
  pendingBody: 'A bank payment is pending. This page shows the receipt once it settles.',
};

export type HostedMessages = typeof en;

const es: HostedMessages = {
  opening: 'Abriendo su factura…',
  payTitle: (vendor) => `Pagar a ${vendor}`,
  linkRevoked: 'Este enlace de pago fue cancelado',
  linkExpired: 'Este enlace de pago ha vencido',
  linkUsedUp: 'Este enlace de pago ya no se puede abrir',
  linkInvalid: 'Este enlace de pago no es válido',
  invoiceNotPayable: 'Esta factura no se puede pagar',
  askVendor: 'Pida al proveedor un enlace nuevo para pagar la factura.',
  checkAddress: 'Compruebe que copió la dirección completa, o pida al proveedor un enlace nuevo.',
  contactVendor: 'Contacte al proveedor si esperaba pagarla.',
  openFailed: 'No pudimos abrir esta factura',
  openFailedBody:
    'La conexión falló o el servidor tuvo un problema. Inténtelo de nuevo en un momento.',
  retry: 'Intentar de nuevo',
  paidTitle: 'Esta factura está pagada',
  paidNoReceipt: 'Se saldó sin un pago con tarjeta o banco, así que no hay recibo que mostrar.',
  pendingTitle: 'Un pago de esta factura está en camino',
  pendingBody: 'Hay un pago bancario pendiente. Esta página muestra el recibo cuando se acredite.',
};

export const hostedMessages: PartMessages<HostedMessages> = { en, es };
