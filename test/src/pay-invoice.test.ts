import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import {
  findCustomerWithOpenInvoices,
  type InvoiceState,
  portalPaymentsOf,
  readInvoice,
} from './support/ledger-queries.js';
import { type Stack, startStack } from './support/stack.js';

const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

let stack: Stack;
let browser: Browser;
let page: Page;
let customerId: string;
let openInvoices: InvoiceState[];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startStack();
  ({ customerId, invoices: openInvoices } = await findCustomerWithOpenInvoices(
    stack.db,
    stack.vendorId,
  ));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Opens the example site, picks the customer in its picker and waits for the invoices. */
async function openBillingPageAs(customer: string, screenshot: string) {
  await page.goto(stack.siteUrl);
  await page.locator('#customer-picker').selectOption(customer);
  await page.getByRole('button', { name: 'Switch customer' }).click();
  await page.waitForURL((url) => url.searchParams.get('customer') === customer);
  await page.getByTestId('invoice-row').first().waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, screenshot), fullPage: true });
}

/** Selects one invoice in the widget, opens the card form and pays with `cardNumber`. */
async function payWithCard(invoice: InvoiceState, cardNumber: string, screenshot: string) {
  const row = page.locator(`[data-testid="invoice-row"][data-invoice-number="${invoice.number}"]`);
  await row.getByTestId('invoice-select').check();
  await page.getByTestId('pay-selected').click();

  await page.getByTestId('card-number').fill(cardNumber);
  await page.getByTestId('card-expiry').fill('12 / 34');
  await page.getByTestId('card-cvc').fill('123');
  await page.screenshot({ path: path.join(SCREENSHOTS, screenshot), fullPage: true });
  await page.getByTestId('pay-submit').click();
}

describe('example vendor page', () => {
  it('pays an open invoice with 4242 4242 4242 4242', async () => {
    const invoice = openInvoices[0] as InvoiceState;
    expect(invoice.status).toBe('open');
    expect(invoice.amountDue).toBeGreaterThan(0);

    await page.goto(stack.siteUrl);
    await page.getByTestId('invoice-row').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, '01-billing-page.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({
      path: path.join(SCREENSHOTS, '01-billing-page-narrow.png'),
      fullPage: true,
    });
    await page.setViewportSize({ width: 1280, height: 900 });

    await openBillingPageAs(customerId, '02-customer-picked.png');
    await payWithCard(invoice, '4242 4242 4242 4242', '03-card-form.png');

    const result = page.getByTestId('payment-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('succeeded');
    await page.locator('#notice').waitFor();
    await page.screenshot({
      path: path.join(SCREENSHOTS, '04-payment-succeeded.png'),
      fullPage: true,
    });

    const after = await readInvoice(stack.db, invoice.id);
    expect(after.status).toBe('paid');
    expect(after.amountDue).toBe(0);
    expect(after.amountPending).toBe(0);
    const payments = await portalPaymentsOf(stack.db, invoice.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]?.status).toBe('succeeded');
    expect(payments[0]?.applied).toBe(invoice.amountDue);
    expect(payments[0]?.last4).toBe('4242');
  });

  it('shows a declined card and leaves the invoice open', async () => {
    const invoice = openInvoices[1] as InvoiceState;

    await openBillingPageAs(customerId, '05-customer-picked-again.png');
    await payWithCard(invoice, '4000 0000 0000 0002', '06-declining-card-form.png');

    const error = page.getByTestId('payment-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('card_declined');
    await page.screenshot({ path: path.join(SCREENSHOTS, '07-card-declined.png'), fullPage: true });

    const after = await readInvoice(stack.db, invoice.id);
    expect(after.status).toBe('open');
    expect(after.amountDue).toBe(invoice.amountDue);
    expect(after.amountPending).toBe(0);
    const payments = await portalPaymentsOf(stack.db, invoice.id);
    expect(payments.map((payment) => payment.status)).toEqual(['failed']);
    expect(payments[0]?.failureCode).toBe('card_declined');
  });
});
