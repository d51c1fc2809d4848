import type { PayLinkExchange } from '@duly/core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import { eventScope, recordEvent } from '../events.js';
import { ApiError } from '../http/api-error.js';
import { newId } from '../ids.js';
import { hashSecret, newSessionToken } from '../secrets.js';
import { DEFAULT_SESSION_TTL_SECONDS } from '../sessions/session-service.js';
import { countPayLinkUse, lockPayLinkByTokenHash } from './pay-link-repository.js';
import { assertPayLinkUsable } from './pay-link-status.js';

const PAY_LINK_TOKEN = /^plt_[0-9A-Za-z]+$/;

/** The one feature of a session that a pay link makes: paying its invoice. */
const PAY_LINK_FEATURES = ['pay'];

/**
 * Trades a pay-link token for a portal session limited to the link's invoice and to paying
 * it. With the link locked, it checks that the link is active (`pay_link_revoked`,
 * `pay_link_expired`, `pay_link_used_up`) and that its invoice was not voided
 * (`invoice_not_payable`), counts one use, and records `pay_link.used` and
 * `portal_session.created`. The session lives an hour, or until the link expires if that
 * comes first. A paid invoice still gets a session, so that the page can show its receipt.
 */
export async function exchangePayLink(
  db: Db,
  clock: Clock,
  token: string,
): Promise<PayLinkExchange> {
  const unknown = new ApiError(
    'pay_link_invalid',
    'This payment link is not valid. Check that the whole address was copied, or ask the vendor for a new link.',
    { param: 'token' },
  );
  if (!PAY_LINK_TOKEN.test(token)) throw unknown;

  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const link = await lockPayLinkByTokenHash(trx, hashSecret(token));
    if (link === undefined) throw unknown;
    assertPayLinkUsable(link, now);

    const invoice = await trx
      .selectFrom('invoice')
      .innerJoin('customer', 'customer.id', 'invoice.customer_id')
      .select(['invoice.status', 'customer.locale'])
      .where('invoice.id', '=', link.invoice_id)
      .executeTakeFirstOrThrow();
    if (invoice.status === 'void' || invoice.status === 'draft') {
      throw new ApiError(
        'invoice_not_payable',
        `The vendor ${invoice.status === 'void' ? 'voided' : 'withdrew'} this invoice, so there is nothing to pay. Contact the vendor if you expected to pay it.`,
      );
    }

    const used = await countPayLinkUse(trx, link.id);
    const sessionToken = newSessionToken();
    const expiresAt = new Date(
      Math.min(now.getTime() + DEFAULT_SESSION_TTL_SECONDS * 1000, link.expires_at.getTime()),
    );
    const session = {
      id: newId('ps'),
      vendor_id: link.vendor_id,
      livemode: link.livemode,
      customer_id: link.customer_id,
      token_hash: hashSecret(sessionToken),
      locale: invoice.locale ?? 'en',
      allowed_origin: null,
      features: PAY_LINK_FEATURES,
      invoice_id: link.invoice_id,
      pay_link_id: link.id,
      expires_at: expiresAt,
      revoked_at: null,
      created_at: now,
    };
    await trx.insertInto('portal_session').values(session).execute();

    await recordEvent(trx, {
      ...eventScope(link, now),
      type: 'pay_link.used',
      objectId: link.id,
      data: {
        id: link.id,
        invoice: link.invoice_id,
        use_count: used.use_count,
        max_uses: used.max_uses,
        portal_session: session.id,
      },
    });
    await recordEvent(trx, {
      ...eventScope(link, now),
      type: 'portal_session.created',
      objectId: session.id,
      data: {
        id: session.id,
        customer: link.customer_id,
        locale: session.locale,
        allowed_origin: null,
        features: PAY_LINK_FEATURES,
        invoice: link.invoice_id,
        pay_link: link.id,
        expires_at: expiresAt.toISOString(),
      },
    });

    return {
      object: 'pay_link_exchange',
      session: sessionToken,
      expires_at: expiresAt.toISOString(),
      invoice: link.invoice_id,
      locale: session.locale,
    };
  });
}
