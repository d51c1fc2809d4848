import type { Db, Trx } from '../db/index.js';
import { recordEvent } from '../events.js';
import { newId } from '../ids.js';
import type { MandateRecord } from '../providers/payment-provider.js';
import type { Payer } from './payer.js';

/**
 * Returns the authorization text a customer accepts before a bank debit or autopay. The
 * API records the exact text accepted, so the stored text is the one the customer saw.
 */
export function mandateText(vendorName: string, kind: 'one_off' | 'autopay'): string {
  if (kind === 'one_off') {
    return `By paying, you authorize ${vendorName} to debit the bank account shown for the amount shown, once, on or after today. You can ask your bank to reverse an unauthorized debit.`;
  }
  return `By turning on autopay, you authorize ${vendorName} to charge the payment method shown for each invoice on its due date, for the amount due, until you turn autopay off. You can turn it off in this portal at any time; for a bank account, you can also ask your bank to reverse an unauthorized debit.`;
}

export interface MandateInput {
  kind: 'one_off' | 'autopay';
  paymentMethodId: string;
  vendorName: string;
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
    text: mandateText(input.vendorName, input.kind),
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
