import { CreateSandboxPaymentMethodRequestSchema } from '@duly/core';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { readJson } from '../../http/json-body.js';
import { parseInput } from '../../http/validation.js';
import { savePaymentMethod } from '../../payments/payment-method-service.js';
import { requireFeatureOf } from '../../portal/portal-features.js';
import type { ProviderContext, ProviderModule } from '../provider-module.js';
import { answerSandboxChallenge, SandboxChallengeRequestSchema } from './sandbox-challenge.js';
import { SandboxProvider } from './sandbox-provider.js';

/**
 * Builds the built-in provider: test cards and test bank accounts typed into the widget's
 * own forms, no keys and no network.
 */
export function sandboxModule(): ProviderModule {
  const provider = new SandboxProvider();
  return {
    name: provider.name,
    provider,
    portalRoutes: (context: ProviderContext) =>
      new Hono<AppEnv>()
        .post('/payments/:id/sandbox_challenge', async (c) => {
          const { result } = parseInput(SandboxChallengeRequestSchema, await readJson(c));
          const payment = await answerSandboxChallenge(
            context,
            c.get('portal'),
            c.req.param('id'),
            result,
          );
          return c.json(payment);
        })
        .post('/payment_methods/sandbox', async (c) => {
          const request = parseInput(CreateSandboxPaymentMethodRequestSchema, await readJson(c));
          const portal = c.get('portal');
          if (request.save === true) requireFeatureOf(portal, 'payment_methods');
          const details =
            'card' in request
              ? provider.createPaymentMethod(request.card, {
                  livemode: portal.livemode,
                  now: context.clock.now(),
                })
              : provider.createBankAccount(request.us_bank_account, { livemode: portal.livemode });
          const method = await savePaymentMethod(
            context.db,
            context.clock,
            portal,
            provider.name,
            details,
            request.save ?? false,
          );
          return c.json(method, 201);
        }),
    cardSetup: () => ({ provider: provider.name, options: {} }),
    bankSetup: () => ({ provider: provider.name, options: {} }),
  };
}
