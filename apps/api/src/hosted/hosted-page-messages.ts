/** The reason a hosted page cannot show its widget. */
export type HostedProblem =
  | 'pay_link_invalid'
  | 'pay_link_revoked'
  | 'pay_link_expired'
  | 'pay_link_used_up'
  | 'portal_link_invalid'
  | 'portal_link_expired';

interface ProblemText {
  title: string;
  next: string;
}

const EN: Record<HostedProblem, ProblemText> = {
  pay_link_invalid: {
    title: 'This payment link is not valid',
    next: 'Check that you copied the whole address, or ask the vendor for a new link.',
  },
  pay_link_revoked: {
    title: 'This payment link was cancelled',
    next: 'Ask the vendor for a new link to pay the invoice.',
  },
  pay_link_expired: {
    title: 'This payment link has expired',
    next: 'Ask the vendor for a new link to pay the invoice.',
  },
  pay_link_used_up: {
    title: 'This payment link can no longer be opened',
    next: 'Ask the vendor for a new link to pay the invoice.',
  },
  portal_link_invalid: {
    title: 'This portal link is not valid',
    next: "Open the billing portal again from the vendor's website.",
  },
  portal_link_expired: {
    title: 'This portal link has expired',
    next: "Open the billing portal again from the vendor's website.",
  },
};

const ES: Record<HostedProblem, ProblemText> = {
  pay_link_invalid: {
    title: 'Este enlace de pago no es válido',
    next: 'Compruebe que copió la dirección completa, o pida al proveedor un enlace nuevo.',
  },
  pay_link_revoked: {
    title: 'Este enlace de pago fue cancelado',
    next: 'Pida al proveedor un enlace nuevo para pagar la factura.',
  },
  pay_link_expired: {
    title: 'Este enlace de pago ha vencido',
    next: 'Pida al proveedor un enlace nuevo para pagar la factura.',
  },
  pay_link_used_up: {
    title: 'Este enlace de pago ya no se puede abrir',
    next: 'Pida al proveedor un enlace nuevo para pagar la factura.',
  },
  portal_link_invalid: {
    title: 'Este enlace del portal no es válido',
    next: 'Vuelva a abrir el portal de facturación desde el sitio web del proveedor.',
  },
  portal_link_expired: {
    title: 'Este enlace del portal ha vencido',
    next: 'Vuelva a abrir el portal de facturación desde el sitio web del proveedor.',
  },
};

/** Returns the page language of `locale`: Spanish for `es` and its regions, else English. */
export function pageLanguage(locale: string | null | undefined): 'en' | 'es' {
  return locale?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Returns the title and next step of a hosted page's problem, in `language`. */
export function problemText(problem: HostedProblem, language: 'en' | 'es'): ProblemText {
  return (language === 'es' ? ES : EN)[problem];
}

/** Returns the title of the pay page, in `language`. */
export function payPageTitle(vendorName: string, language: 'en' | 'es'): string {
  return language === 'es' ? `Pagar a ${vendorName}` : `Pay ${vendorName}`;
}

/** Returns the title of the portal page, in `language`. */
export function portalPageTitle(vendorName: string, language: 'en' | 'es'): string {
  return language === 'es'
    ? `Portal de facturación de ${vendorName}`
    : `${vendorName} billing portal`;
}
