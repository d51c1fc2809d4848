import { CreatePlaidPaymentMethodRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { PlaidSettings } from '../../config.js';
import { ApiError } from '../../http/api-error.js';
import type { AppEnv } from '../../http/app-env.js';
import { readJson } from '../../http/json-body.js';
import { parseInput } from '../../http/validation.js';
import { savePaymentMethod } from '../../payments/payment-method-service.js';
import { requireFeatureOf } from '../../portal/portal-features.js';
import { findVendor } from '../../vendors/vendor-repository.js';
import type { ProviderContext, ProviderModule } from '../provider-module.js';
import {
  type AttachBankAccountToken,
  CHARGING_PROVIDER,
  linkBankAccount,
} from './link-bank-account.js';
import { createLinkToken } from './link-token.js';
import { createPlaidClient } from './plaid-client.js';
import { plaidCallContext, plaidWebhookRoutes } from './plaid-webhook.js';
import { PlaidWebhookVerifier } from './webhook-verifier.js';

/**
 * Bank linking through Plaid Link for Stripe ACH debits. Plaid makes no charges, so the
 * module has no `provider`: it turns a finished Link into a Stripe bank account token and
 * hands it to `attachBankAccountToken`, and it disables linked methods when Plaid reports
 * that the customer revoked access.
 */
export function plaidModule(
  settings: PlaidSettings,
  attachBankAccountToken: AttachBankAccountToken,
): ProviderModule {
  const client = createPlaidClient(settings);
  const verifier = new PlaidWebhookVerifier(client);
  const livemode = settings.environment === 'production';

  const requireMatchingMode = (sessionLivemode: boolean) => {
    if (sessionLivemode === livemode) return;
    throw new ApiError(
      'livemode_mismatch',
      sessionLivemode
        ? 'Plaid is set to its sandbox (PLAID_ENV=sandbox), which links test accounts only, and this is a live-mode session. Set PLAID_ENV=production to link real bank accounts.'
        : 'Plaid is set to production (PLAID_ENV=production), which links real bank accounts, and this is a test-mode session. Use PLAID_ENV=sandbox for test mode.',
    );
  };

  return {
    name: 'plaid',
    portalRoutes: (context: ProviderContext) =>
      new Hono<AppEnv>()
        .post('/plaid/link_token', async (c) => {
          const portal = c.get('portal');
          requireMatchingMode(portal.livemode);
          const vendor = await findVendor(context.db, portal.vendorId);
          if (vendor === undefined) {
            throw new ApiError('vendor_not_found', 'The vendor of this session no longer exists.');
          }
          const token = await createLinkToken(client, plaidCallContext(c), {
            customerId: portal.customerId,
            vendorName: vendor.name,
            locale: portal.locale,
            webhookUrl:
              context.publicUrl === undefined
                ? undefined
                : `${context.publicUrl.replace(/\/+$/, '')}/webhooks/plaid`,
          });
          return c.json(token, 201);
        })
        .post('/payment_methods/plaid', async (c) => {
          const request = parseInput(CreatePlaidPaymentMethodRequestSchema, await readJson(c));
          const portal = c.get('portal');
          if (request.save === true) requireFeatureOf(portal, 'payment_methods');
          requireMatchingMode(portal.livemode);
          const details = await linkBankAccount(
            client,
            plaidCallContext(c),
            attachBankAccountToken,
            { vendorId: portal.vendorId, livemode: portal.livemode, customerId: portal.customerId },
            { publicToken: request.public_token, accountId: request.account_id },
          );
          const method = await savePaymentMethod(
            context.db,
            context.clock,
            portal,
            CHARGING_PROVIDER,
            details,
            request.save ?? false,
          );
          return c.json(method, 201);
        }),
    webhookRoutes: (context: ProviderContext) => plaidWebhookRoutes(context, verifier),
    bankSetup: () => ({ provider: 'plaid', options: {} }),
  };
}
