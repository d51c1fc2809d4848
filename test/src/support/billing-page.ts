import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import type { InvoiceState } from './ledger-queries.js';

/** Folder of the screenshots every step takes, named `NN-step.png` in the order of the steps. */
export const SCREENSHOTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'screenshots',
);

/** Stripe's test routing number, which every sandbox test bank account has. */
export const TEST_ROUTING_NUMBER = '110000000';

/** Takes a full-page screenshot into `test/screenshots/<name>`. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** Opens the example site, picks the customer in its picker and waits for the invoices. */
export async function openBillingPageAs(page: Page, siteUrl: string, customer: string) {
  await page.goto(siteUrl);
  await page.locator('#customer-picker').selectOption(customer);
  await page.getByRole('button', { name: 'Switch customer' }).click();
  await page.waitForURL((url) => url.searchParams.get('customer') === customer);
  await page.getByTestId('invoice-row').first().waitFor();
}

/** Returns the widget's row of one invoice in the invoice list. */
export function invoiceRow(page: Page, invoice: InvoiceState): Locator {
  return page.locator(`[data-testid="invoice-row"][data-invoice-number="${invoice.number}"]`);
}

/** Selects `invoice` in the list and opens the pay form for it. */
export async function startPaying(page: Page, invoice: InvoiceState): Promise<void> {
  await invoiceRow(page, invoice).getByTestId('invoice-select').check();
  await page.getByTestId('pay-selected').click();
  await page.getByTestId('pay-submit').waitFor();
}

/** Types a sandbox test card into the open card form, with a future expiry and a CVC. */
export async function fillCard(page: Page, cardNumber: string): Promise<void> {
  await page.getByTestId('card-number').fill(cardNumber);
  await page.getByTestId('card-expiry').fill('12 / 34');
  await page.getByTestId('card-cvc').fill('123');
}

/** Chooses a new bank account in the pay form and types a sandbox test account into it. */
export async function fillBankAccount(page: Page, accountNumber: string): Promise<void> {
  await page.getByRole('radio', { name: 'Bank account' }).check();
  await page.getByTestId('bank-routing').fill(TEST_ROUTING_NUMBER);
  await page.getByTestId('bank-account').fill(accountNumber);
}

/** Opens one of the portal's tabs by its label, such as "Payments". */
export async function openTab(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: label }).click();
}

/** Returns the history row of one payment in the Payments tab. */
export function paymentRow(page: Page, paymentId: string): Locator {
  return page.locator(`[data-testid="payment-row"][data-payment-id="${paymentId}"]`);
}

/**
 * Opens the Payments tab again until the row of `paymentId` shows `status`, because the
 * history loads when the tab opens and does not follow the payment by itself. Throws after
 * `timeoutMs`.
 */
export async function waitForHistoryStatus(
  page: Page,
  paymentId: string,
  status: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await openTab(page, 'Invoices');
    await openTab(page, 'Payments');
    const badge = paymentRow(page, paymentId).getByTestId('payment-status');
    await badge.waitFor();
    if ((await badge.getAttribute('data-status')) === status) return;
    if (Date.now() > deadline) {
      throw new Error(`Payment ${paymentId} did not show as ${status} within ${timeoutMs} ms.`);
    }
    await page.waitForTimeout(250);
  }
}

/** Formats US cents as the widget shows them in English, such as `$1,234.05`. */
export function usd(cents: number): string {
  const dollars = (cents - (cents % 100)) / 100;
  return `$${dollars.toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
}
