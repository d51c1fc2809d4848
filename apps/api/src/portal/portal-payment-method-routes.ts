import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { PaymentDeps } from '../payments/payment-service.js';
import {
  listSavedMethods,
  removeSavedMethod,
  setDefaultMethod,
} from '../payments/saved-methods.js';
import type { ProviderModule } from '../providers/index.js';
import { readPaymentSetup } from './payment-setup.js';

/** Builds the portal's routes for saved payment methods and the payment setup. */
export function portalPaymentMethodRoutes(deps: PaymentDeps, modules: readonly ProviderModule[]) {
  return new Hono<AppEnv>()
    .get('/payment_setup', async (c) =>
      c.json(await readPaymentSetup(deps.db, modules, c.get('portal'))),
    )
    .get('/payment_methods', async (c) => {
      const data = await listSavedMethods(deps.db, c.get('portal'));
      return c.json({ object: 'list', data, has_more: false, next_cursor: null });
    })
    .delete('/payment_methods/:id', async (c) =>
      c.json(await removeSavedMethod(deps, c.get('portal'), c.req.param('id'))),
    )
    .post('/payment_methods/:id/default', async (c) =>
      c.json(await setDefaultMethod(deps.db, deps.clock, c.get('portal'), c.req.param('id'))),
    );
}
