import type { OfflineMethod } from '@duly/sdk';
import { type Localization, type PartMessages, partMessages } from '../i18n/index.js';

/**
 * English names of the ways money is sent outside the portal, for the "I sent a payment"
 * form and the payment history. The Spanish names below use the same keys.
 */
const en = {
  methods: {
    check: 'Check',
    wire: 'Wire transfer',
    ach_credit: 'ACH credit',
    cash: 'Cash',
    other: 'Other',
  } satisfies Record<OfflineMethod, string> as Record<string, string>,
  withReference: (method: string, reference: string) => `${method}, reference ${reference}`,
};

/** The names of the ways to send money outside the portal, in one language. */
export type OfflineMethodMessages = typeof en;

const es: OfflineMethodMessages = {
  methods: {
    check: 'Cheque',
    wire: 'Transferencia bancaria',
    ach_credit: 'Crédito ACH',
    cash: 'Efectivo',
    other: 'Otro',
  },
  withReference: (method, reference) => `${method}, referencia ${reference}`,
};

export const offlineMethodMessages: PartMessages<OfflineMethodMessages> = { en, es };

/**
 * Names how money sent outside the portal was sent, such as "Check, reference 1042". A
 * method this widget does not know is shown by its code.
 */
export function offlineLabel(method: string, reference: string | null, l10n: Localization): string {
  const text = partMessages(offlineMethodMessages, l10n);
  const name = text.methods[method] ?? method;
  return reference ? text.withReference(name, reference) : name;
}
