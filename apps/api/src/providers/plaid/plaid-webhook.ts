import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv } from '../../http/app-env.js';
import type { LedgerChange } from '../../payments/ledger-change.js';
import { applyProviderEvent } from '../../payments/provider-events.js';
import type { ProviderContext } from '../provider-module.js';
import { CHARGING_PROVIDER } from './link-bank-account.js';
import type { PlaidCallContext } from './plaid-call.js';
import type { PlaidWebhookVerifier } from './webhook-verifier.js';

/** The fields of a Plaid webhook body that Duly reads. */
interface PlaidWebhook {
  webhook_type: string;
  webhook_code: string;
  item_id?: string;
  account_id?: string;
  error?: { error_code?: string } | null;
}

/** Bank accounts that can no longer be debited after a webhook, and why. */
interface LostAccess {
  itemId: string;
  /** Only this account of the item, when the customer revoked one account. */
  accountId: string | undefined;
  /** Stored as the methods' `disabled_reason`: Plaid's own code. */
  reason: string;
}

/**
 * `POST /webhooks/plaid`: checks Plaid's signature on the raw body, then disables the bank
 * accounts of an item the customer revoked or whose bank login stopped working. Every other
 * webhook is acknowledged and ignored.
 */
export function plaidWebhookRoutes(
  context: ProviderContext,
  verifier: PlaidWebhookVerifier,
): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/', async (c) => {
    const rawBody = await c.req.text();
    const call = plaidCallContext(c);
    // Plaid stamps `iat` with the real time, so the age check reads the system clock, not
    // the app's clock, which a demo may have moved to another day.
    await verifier.verify(call, rawBody, c.req.header('Plaid-Verification'), new Date());

    const webhook = parseWebhook(rawBody);
    const lost = lostAccess(webhook);
    if (lost === undefined) {
      call.logger.debug('Plaid webhook ignored', {
        request_id: call.requestId,
        webhook_type: webhook.webhook_type,
        webhook_code: webhook.webhook_code,
      });
      return c.json({ received: true });
    }

    const methodRefs = await findLinkedMethodRefs(context.db, lost);
    const changes: LedgerChange[] = methodRefs.map((methodRef) => ({
      kind: 'payment_method_disabled',
      methodRef,
      methodProvider: CHARGING_PROVIDER,
      reason: lost.reason,
    }));
    const { duplicate } = await applyProviderEvent(
      context.db,
      context.clock,
      {
        provider: 'plaid',
        // Plaid webhooks carry no event id. A redelivery repeats the same body, so its hash
        // identifies the event.
        eventId: createHash('sha256').update(rawBody).digest('hex'),
        type: `${webhook.webhook_type}.${webhook.webhook_code}`,
        changes,
      },
      call.logger,
    );
    call.logger.info('Plaid webhook handled', {
      request_id: call.requestId,
      webhook_code: webhook.webhook_code,
      plaid_item_id: lost.itemId,
      payment_methods: methodRefs.length,
      duplicate,
    });
    return c.json({ received: true });
  });
}

export function plaidCallContext(c: Context<AppEnv>): PlaidCallContext {
  return { logger: c.get('logger'), requestId: c.get('requestId') };
}

/**
 * Finds the bank accounts that a webhook reports can no longer be debited, if any. A revoked
 * item or account can never be debited again. A login that needs repair cannot make new
 * tokens, and for banks that give tokenized account numbers the debit fails too, so the
 * method is disabled.
 * NOTE: `LOGIN_REPAIRED` is ignored because no ledger change re-enables a method, so the
 * customer links the account again instead.
 */
function lostAccess(webhook: PlaidWebhook): LostAccess | undefined {
  if (webhook.webhook_type !== 'ITEM' || typeof webhook.item_id !== 'string') return undefined;
  const itemId = webhook.item_id;
  switch (webhook.webhook_code) {
    case 'USER_PERMISSION_REVOKED':
      return { itemId, accountId: undefined, reason: 'USER_PERMISSION_REVOKED' };
    case 'USER_ACCOUNT_REVOKED':
      if (typeof webhook.account_id !== 'string') return undefined;
      return { itemId, accountId: webhook.account_id, reason: 'USER_ACCOUNT_REVOKED' };
    case 'ERROR':
      if (webhook.error?.error_code !== 'ITEM_LOGIN_REQUIRED') return undefined;
      return { itemId, accountId: undefined, reason: 'ITEM_LOGIN_REQUIRED' };
    default:
      return undefined;
  }
}

/** Finds the `provider_ref`s of the methods linked through the item (or one account). */
async function findLinkedMethodRefs(db: Db, lost: LostAccess): Promise<string[]> {
  let query = db
    .selectFrom('payment_method')
    .select('provider_ref')
    .where('provider', '=', CHARGING_PROVIDER)
    .where(sql<string>`provider_data->>'plaid_item_id'`, '=', lost.itemId)
    .where('disabled_reason', 'is', null);
  if (lost.accountId !== undefined) {
    query = query.where(sql<string>`provider_data->>'plaid_account_id'`, '=', lost.accountId);
  }
  const rows = await query.execute();
  return rows.map((row) => row.provider_ref);
}

function parseWebhook(rawBody: string): PlaidWebhook {
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw new ApiError('malformed_json', 'The Plaid webhook body is not valid JSON.');
  }
  const webhook = value as Partial<PlaidWebhook> | null;
  if (
    typeof webhook !== 'object' ||
    webhook === null ||
    typeof webhook.webhook_type !== 'string' ||
    typeof webhook.webhook_code !== 'string'
  ) {
    throw new ApiError(
      'validation_failed',
      'The Plaid webhook body has no webhook_type and webhook_code strings.',
    );
  }
  return webhook as PlaidWebhook;
}
