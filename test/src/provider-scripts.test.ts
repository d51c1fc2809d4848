import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceRow, shoot, startPaying } from './support/billing-page.js';
import { launchChromium } from './support/browser.js';
import {
  findCustomerWithOpenInvoices,
  type InvoiceState,
  portalPaymentsOf,
} from './support/ledger-queries.js';
import { PROVIDER_SCRIPT_HOSTS, serveFakeProviderScripts } from './support/provider-scripts.js';
import { type Stack, startStack } from './support/stack.js';

const STRIPE_JS = 'https://js.stripe.com/v3/';
const PLAID_LINK = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let customerId: string;
let invoice: InvoiceState;
/** Every address the page requested, in order. */
const requested: string[] = [];

beforeAll(async () => {
  stack = await startStack({ achDelayMs: 60_000, paymentProvider: 'stripe' });
  const found = await findCustomerWithOpenInvoices(stack.db, stack.vendorId);
  customerId = found.customerId;
  invoice = found.invoices[0] as InvoiceState;
  browser = await launchChromium();
  // A fresh context has an empty cache, so every script of the first paint is requested.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (request) => requested.push(request.url()));
  await serveFakeProviderScripts(page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

function requestedHosts(): Set<string> {
  return new Set(requested.map((url) => new URL(url).host));
}

describe('Stripe.js and Plaid Link on a Stripe vendor page', () => {
  it('are not requested on first paint', async () => {
    await page.goto(`${stack.siteUrl}/?customer=${customerId}`);
    await invoiceRow(page, invoice).waitFor();
    await page.waitForLoadState('networkidle');
    await shoot(page, '50-stripe-vendor-first-paint.png');

    expect(requested).toContain(`${stack.apiUrl}/duly.js`);
    expect(requested.some((url) => url.startsWith(`${stack.apiUrl}/v1/portal/`))).toBe(true);
    for (const host of PROVIDER_SCRIPT_HOSTS) expect(requestedHosts()).not.toContain(host);
    const origins = new Set(requested.map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([stack.apiUrl, stack.siteUrl].sort());
  });

  it('loads Stripe.js with the pay form', async () => {
    await startPaying(page, invoice);
    // The fake Stripe.js mounts its stand-in of the Payment Element in the page's light DOM.
    await page.locator('iframe[data-fake-stripe="payment-element"]').waitFor();
    await shoot(page, '51-stripe-card-form.png');

    expect(requested.filter((url) => url === STRIPE_JS)).toHaveLength(1);
    // The pay form is a chunk of the widget's build, served by the API next to duly.js.
    expect(requested.some((url) => url.startsWith(`${stack.apiUrl}/duly-pay-`))).toBe(true);
    expect(requestedHosts()).not.toContain('cdn.plaid.com');
  });

  it('loads Plaid Link on bank payment', async () => {
    await page.getByRole('radio', { name: 'Bank account' }).check();
    await page.locator('[part="bank-form"][data-provider="plaid"]').waitFor();
    await page.getByTestId('mandate-accept').check();
    expect(requestedHosts()).not.toContain('cdn.plaid.com');
    // The customer closes Link without choosing an account.
    await page.evaluate(() => {
      (window as unknown as { fakePlaid: object }).fakePlaid = { calls: [], exit: true };
    });

    const linkLoaded = page.waitForRequest(PLAID_LINK);
    await page.getByTestId('pay-submit').click();
    await linkLoaded;
    await page.waitForFunction(() =>
      (window as unknown as { fakePlaid: { calls: Array<{ name: string }> } }).fakePlaid.calls.some(
        (call) => call.name === 'open',
      ),
    );
    await page
      .getByTestId('pay-submit')
      .and(page.locator(':not([aria-disabled="true"])'))
      .waitFor();
    await shoot(page, '52-plaid-link-closed.png');

    const linkToken = await page.evaluate(
      () =>
        (
          window as unknown as {
            fakePlaid: { calls: Array<{ name: string; args: Array<{ token?: string }> }> };
          }
        ).fakePlaid.calls.find((call) => call.name === 'create')?.args[0]?.token,
    );
    expect(linkToken).toMatch(/^link-/);
    expect(await portalPaymentsOf(stack.db, invoice.id)).toEqual([]);
  });
});
