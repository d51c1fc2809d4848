import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { newId } from '../ids.js';
import type { MandateRecord } from '../providers/payment-provider.js';
import type { Payer } from './payer.js';

type MandateKind = 'one_off' | 'autopay';

/**
 * The authorization texts in each language the widget speaks. The customer accepts the text
 * in its session's language, and that exact text is what the API records.
 */
const MANDATE_TEXTS: Record<string, Record<MandateKind, (vendor: string) => string>> = {
  en: {
    one_off: (vendor) =>
      `By paying, you authorize ${vendor} to debit the bank account shown for the amount shown, once, on or after today. You can ask your bank to reverse an unauthorized debit.`,
    autopay: (vendor) =>
      `By turning on autopay, you authorize ${vendor} to charge the payment method shown for each invoice on its due date, for the amount due, until you turn autopay off. You can turn it off in this portal at any time; for a bank account, you can also ask your bank to reverse an unauthorized debit.`,
  },
  es: {
    one_off: (vendor) =>
      `Al pagar, autoriza a ${vendor} a cargar en la cuenta bancaria indicada el importe indicado, una sola vez, a partir de hoy. Puede pedir a su banco que revierta un cargo no autorizado.`,
    autopay: (vendor) =>
      `Al activar el pago automático, autoriza a ${vendor} a cobrar cada factura en su fecha de vencimiento, por el importe pendiente, con el método de pago indicado, hasta que desactive el pago automático. Puede desactivarlo en este portal en cualquier momento; si es una cuenta bancaria, también puede pedir a su banco que revierta un cargo no autorizado.`,
  },
};

/**
 * Returns the authorization text a customer accepts before a bank debit or autopay, in the
 * language of `locale` (English when the widget does not speak it). The API records the
 * exact text accepted, so the stored text is the one the customer saw.
 */
export function mandateText(vendorName: string, kind: MandateKind, locale: string): string {
  const language = locale.split('-')[0]?.toLowerCase() ?? 'en';
  const texts = MANDATE_TEXTS[language] ?? MANDATE_TEXTS.en;
  return (texts as Record<MandateKind, (vendor: string) => string>)[kind](vendorName);
}

export interface MandateInput {
  kind: MandateKind;
  paymentMethodId: string;
  vendorName: string;
  /** The session's locale: the text is recorded in the language the customer read. */
  locale: string;
  acceptedAt: Date;
  /** The customer's address as the API saw it, and the browser's user agent. */
  ipAddress: string;
  userAgent: string;
}

/** Records an accepted authorization in the caller's transaction, with its event. */
export async function recordMandate(
  trx: Trx,
  payer: Payer,
  input: MandateInput,
): Promise<MandateRecord> {
  const mandate: MandateRecord = {
    id: newId('mdt'),
    kind: input.kind,
    text: mandateText(input.vendorName, input.kind, input.locale),
    acceptedAt: input.acceptedAt,
    ipAddress: input.ipAddress,
    userAgent: input.userAgent,
  };
  await trx
    .insertInto('mandate')
    .values({
      id: mandate.id,
      vendor_id: payer.vendorId,
      livemode: payer.livemode,
      customer_id: payer.customerId,
      payment_method_id: input.paymentMethodId,
      kind: mandate.kind,
      text: mandate.text,
      accepted_at: mandate.acceptedAt,
      ip_address: mandate.ipAddress,
      user_agent: mandate.userAgent,
    })
    .execute();
  await recordEvent(trx, {
    vendorId: payer.vendorId,
    livemode: payer.livemode,
    type: 'mandate.accepted',
    objectId: mandate.id,
    data: {
      id: mandate.id,
      customer: payer.customerId,
      payment_method: input.paymentMethodId,
      kind: mandate.kind,
      accepted_at: mandate.acceptedAt.toISOString(),
      ip_address: mandate.ipAddress,
    },
    createdAt: input.acceptedAt,
  });
  return mandate;
}

/** Reads a stored mandate in the form providers take. */
export async function findMandate(db: Db | Trx, id: string) {
  const row = await db.selectFrom('mandate').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    text: row.text,
    acceptedAt: row.accepted_at,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
  } satisfies MandateRecord;
}
