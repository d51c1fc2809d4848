import { Configuration, PlaidApi, PlaidEnvironments } from 'plaid';
import type { PlaidSettings } from '../../config.js';

/**
 * How long one call to Plaid may take before it counts as Plaid being unreachable. The SDK
 * sets no limit of its own, and a hung request would hold the customer's request open.
 */
const PLAID_TIMEOUT_MS = 30_000;

/** Creates the official Plaid client for `settings`, at `apiUrl` when one is set. */
export function createPlaidClient(settings: PlaidSettings): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: settings.apiUrl ?? PlaidEnvironments[settings.environment],
      baseOptions: {
        timeout: PLAID_TIMEOUT_MS,
        headers: {
          'PLAID-CLIENT-ID': settings.clientId,
          'PLAID-SECRET': settings.secret,
        },
      },
    }),
  );
}
