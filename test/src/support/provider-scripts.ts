import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Hosts of Stripe.js and Plaid Link, which the widget may load only once paying starts. */
export const PROVIDER_SCRIPT_HOSTS = ['js.stripe.com', 'cdn.plaid.com'] as const;

/** The widget's local stand-ins for Stripe.js and Plaid Link, by the host they replace. */
const FAKE_SCRIPTS: Record<(typeof PROVIDER_SCRIPT_HOSTS)[number], URL> = {
  'js.stripe.com': new URL('../../../packages/widget/src/testing/fake-stripe.js', import.meta.url),
  'cdn.plaid.com': new URL('../../../packages/widget/src/testing/fake-plaid.js', import.meta.url),
};

/**
 * Fulfills every request of `page` to Stripe's and Plaid's script hosts with the widget's
 * local fakes, so the real scripts are never fetched. The widget still requests the real
 * addresses, and the tests record those.
 */
export async function serveFakeProviderScripts(page: Page): Promise<void> {
  for (const host of PROVIDER_SCRIPT_HOSTS) {
    const body = readFileSync(fileURLToPath(FAKE_SCRIPTS[host]), 'utf8');
    await page.route(`https://${host}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body }),
    );
  }
}
