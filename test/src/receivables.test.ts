import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCard, invoiceRow, openBillingPageAs, openTab, shoot } from './support/billing-page.js';
import { type CustomerRun, startCustomerRun } from './support/customer-run.js';
import { type InvoiceState, readInvoice } from './support/ledger-queries.js';
import type { Stack } from './support/stack.js';

/** Far longer than this file runs; it makes no bank payment. */
const ACH_DELAY_MS = 10 * 60_000;

let stack: Stack;
let page: Page;
let customerId: string;
let run: CustomerRun | undefined;
/** The status of each response to a widget chunk (`/duly-*.js`), by file name. */
const chunkStatuses = new Map<string, number>();

beforeAll(async () => {
  run = await startCustomerRun({ achDelayMs: ACH_DELAY_MS });
  ({ stack, page, customerId } = run);
  page.on('response', (response) => {
    const file = new URL(response.url()).pathname.slice(1);
    if (/^duly-.+\.js$/.test(file)) chunkStatuses.set(file, response.status());
  });
});

afterAll(async () => {
  await run?.close();
});

/**
 * Returns the customer's open invoices that paying an amount takes, in the order it takes
 * them: neither disputed nor waiting on a payment notice, oldest due date first.
 */
async function invoicesPaidByAmount(): Promise<InvoiceState[]> {
  const rows = await stack.db
    .selectFrom('invoice')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .where('disputed', '=', false)
    .where('payment_notice_id', 'is', null)
    .orderBy('due_date')
    .orderBy('number')
    .execute();
  return Promise.all(rows.map((row) => readInvoice(stack.db, row.id)));
}

/** Writes US cents as the customer types them, such as `1234.05`. */
function typedUsd(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

describe('paying a balance and reporting a payment', () => {
  it('pays an amount, oldest invoice first', async () => {
    const [first, second] = await invoicesPaidByAmount();
    if (!first || !second) throw new Error('The customer needs two invoices that an amount pays.');
    // The whole first invoice and 10.00 of the second.
    const amount = first.amountDue + 1000;

    await openBillingPageAs(page, stack.siteUrl, customerId);
    const usd = page.locator('duly-account-summary [part="balance"][data-currency="USD"]');
    await usd.getByTestId('pay-an-amount').click();
    await page.getByTestId('balance-amount').fill(typedUsd(amount));
    const rows = page.getByTestId('split-row');
    await rows.nth(1).waitFor();

    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-invoice-id')).toBe(first.id);
    expect(await rows.nth(1).getAttribute('data-invoice-id')).toBe(second.id);
    expect(await rows.nth(1).getByTestId('split-partly').count()).toBe(1);
    await fillCard(page, '4242 4242 4242 4242');
    await shoot(page, '60-pay-an-amount.png');
    await page.getByTestId('pay-submit').click();
    await page.locator('[data-testid="payment-result"][data-status="succeeded"]').waitFor();
    await shoot(page, '61-amount-paid.png');

    expect((await readInvoice(stack.db, first.id)).status).toBe('paid');
    expect((await readInvoice(stack.db, second.id)).amountDue).toBe(second.amountDue - 1000);
  });

  it('reports a payment sent by check', async () => {
    const [invoice] = await invoicesPaidByAmount();
    if (!invoice) throw new Error('The customer has no open invoice left to report.');

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await invoiceRow(page, invoice).getByTestId('invoice-select').check();
    await page.locator('duly-invoice-list').getByTestId('report-payment').click();
    await page.getByTestId('notice-method').selectOption('check');
    await page.getByTestId('notice-reference').fill('4471');
    await shoot(page, '62-payment-notice.png');
    await page.getByTestId('notice-submit').click();
    await page.getByTestId('notice-result').waitFor();

    const notice = await stack.db
      .selectFrom('payment_notice')
      .innerJoin(
        'payment_notice_invoice',
        'payment_notice_invoice.payment_notice_id',
        'payment_notice.id',
      )
      .select(['payment_notice.id', 'status', 'method', 'reference', 'invoice_id'])
      .select((eb) => eb.ref('payment_notice_invoice.amount').as('amount'))
      .where('payment_notice.customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({
      status: 'pending',
      method: 'check',
      reference: '4471',
      invoice_id: invoice.id,
    });
    expect(Number(notice.amount)).toBe(invoice.amountDue);

    await page.getByTestId('notice-result').getByRole('button').click();
    const mark = invoiceRow(page, invoice).getByTestId('mark-payment-sent');
    await mark.waitFor();
    await invoiceRow(page, invoice).locator('.number').click();
    await page.locator('duly-invoice-detail').getByTestId('mark-payment-sent').waitFor();
    await shoot(page, '63-invoice-payment-sent.png');

    await openTab(page, 'Payments');
    const row = page.locator(`[data-testid="notice-row"][data-notice-id="${notice.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('notice-status').getAttribute('data-status')).toBe('pending');
  });

  it('gets every widget chunk it loaded from the API', () => {
    const files = [...chunkStatuses.keys()];

    // The notice form's chunk, and the chunk of styles it shares with the pay form, whose
    // module name has a dot that the API's route does not serve.
    expect(files.some((file) => file.startsWith('duly-payment-notice-'))).toBe(true);
    expect(files.some((file) => file.startsWith('duly-duly-pay-styles-'))).toBe(true);
    for (const [file, status] of chunkStatuses) expect([file, status]).toEqual([file, 200]);
  });
});
