import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fillBankAccount,
  fillCard,
  invoiceRow,
  openBillingPageAs,
  openTab,
  paymentRow,
  shoot,
  startPaying,
  waitForHistoryStatus,
} from './support/billing-page.js';
import { type CustomerRun, startCustomerRun } from './support/customer-run.js';
import {
  findMandate,
  type InvoiceState,
  portalPaymentsOf,
  readInvoice,
  readPayment,
} from './support/ledger-queries.js';
import type { Stack } from './support/stack.js';

/**
 * How long a sandbox bank debit stays pending here. The steps that look at a pending payment
 * take about a second and a half here (an estimate, screenshots included), so 5 s leaves room
 * on a slower or busier machine and still keeps the run quick.
 */
const ACH_DELAY_MS = 5_000;

/**
 * How long a bank payment may take to settle on screen. The widget checks a pending payment
 * every 3 s for the first minute, so the check at 6 s finds the settlement made at about 5 s; the
 * rest is room for a slow machine.
 */
const SETTLE_TIMEOUT_MS = 20_000;

let stack: Stack;
let page: Page;
let customerId: string;
let openInvoices: InvoiceState[];
let invoiceAt: (index: number) => InvoiceState;
let run: CustomerRun | undefined;
/** Ids of the payments the flows below make, by flow, read by the history test at the end. */
const paymentIdsByFlow = new Map<string, string>();

beforeAll(async () => {
  run = await startCustomerRun({ achDelayMs: ACH_DELAY_MS });
  ({ stack, page, customerId, openInvoices, invoiceAt } = run);
});

afterAll(async () => {
  await run?.close();
});

describe('example vendor page', () => {
  it('starts with four open invoices', () => {
    expect(openInvoices).toHaveLength(4);
    for (const invoice of openInvoices) {
      expect(invoice.status).toBe('open');
      expect(invoice.amountDue).toBe(invoice.total);
      expect(invoice.amountPending).toBe(0);
    }
  });

  it('pays an open invoice with 4242 4242 4242 4242', async () => {
    const invoice = invoiceAt(0);

    await page.goto(stack.siteUrl);
    await page.getByTestId('invoice-row').first().waitFor();
    await shoot(page, '01-billing-page.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, '01-billing-page-narrow.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await shoot(page, '02-customer-picked.png');
    await startPaying(page, invoice);
    await fillCard(page, '4242 4242 4242 4242');
    await shoot(page, '03-card-form.png');
    await page.getByTestId('pay-submit').click();

    const result = page.getByTestId('payment-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('succeeded');
    paymentIdsByFlow.set('card', (await result.getAttribute('data-payment-id')) as string);
    await page.locator('#notice').waitFor();
    await shoot(page, '04-payment-succeeded.png');

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
    const invoice = invoiceAt(1);

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await shoot(page, '05-customer-picked-again.png');
    await startPaying(page, invoice);
    await fillCard(page, '4000 0000 0000 0002');
    await shoot(page, '06-declining-card-form.png');
    await page.getByTestId('pay-submit').click();

    const error = page.getByTestId('payment-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('card_declined');
    await shoot(page, '07-card-declined.png');

    const after = await readInvoice(stack.db, invoice.id);
    expect(after.status).toBe('open');
    expect(after.amountDue).toBe(invoice.amountDue);
    expect(after.amountPending).toBe(0);
    const payments = await portalPaymentsOf(stack.db, invoice.id);
    expect(payments.map((payment) => payment.status)).toEqual(['failed']);
    expect(payments[0]?.failureCode).toBe('card_declined');
    paymentIdsByFlow.set('declined', payments[0]?.id as string);
  });

  it('pays by 3-D Secure after a Close', async () => {
    const invoice = invoiceAt(1);

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await startPaying(page, invoice);
    await fillCard(page, '4000 0025 0000 3155');
    await shoot(page, '08-3ds-card-form.png');
    await page.getByTestId('pay-submit').click();

    const challenge = page.getByRole('dialog', { name: 'Confirm the payment with your bank' });
    await challenge.waitFor();
    await shoot(page, '09-3ds-challenge.png');
    const [held] = await portalPaymentsOf(stack.db, invoice.id).then((all) => all.slice(-1));
    expect(held?.status).toBe('requires_action');
    expect((await readInvoice(stack.db, invoice.id)).amountPending).toBe(invoice.amountDue);

    await page.getByTestId('challenge-close').click();
    await challenge.waitFor({ state: 'hidden' });
    const alert = page.locator('[data-testid="payment-result"][data-status="requires_action"]');
    await alert.waitFor();
    const retry = page.getByTestId('retry-action');
    expect(await retry.textContent()).toContain('Try again');
    await shoot(page, '10-3ds-challenge-closed.png');
    expect((await readPayment(stack.db, held?.id as string)).status).toBe('requires_action');
    const open = await readInvoice(stack.db, invoice.id);
    expect(open.status).toBe('open');
    expect(open.amountDue).toBe(invoice.amountDue);

    await retry.click();
    await challenge.waitFor();
    await page.getByTestId('challenge-complete').click();
    const result = page.locator('[data-testid="payment-result"][data-status="succeeded"]');
    await result.waitFor();
    expect(await result.getAttribute('data-payment-id')).toBe(held?.id);
    await shoot(page, '11-3ds-payment-succeeded.png');

    const after = await readInvoice(stack.db, invoice.id);
    expect(after.status).toBe('paid');
    expect(after.amountDue).toBe(0);
    expect(after.amountPending).toBe(0);
    const payments = await portalPaymentsOf(stack.db, invoice.id);
    expect(payments.map((payment) => payment.status)).toEqual(['failed', 'succeeded']);
    expect(payments[1]?.last4).toBe('3155');
    paymentIdsByFlow.set('3-D Secure', held?.id as string);
  });

  it('settles a pending bank payment', async () => {
    const invoice = invoiceAt(2);

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await startPaying(page, invoice);
    await fillBankAccount(page, '000123456789');
    const mandate = page.getByTestId('mandate-text');
    const shownMandate = (await mandate.textContent())?.trim();
    expect(shownMandate).toContain('Harbor Office Supply');
    expect(shownMandate).toContain('once');

    await page.getByTestId('pay-submit').click();
    await page.locator('#mandate-error').waitFor();
    expect(await page.getByTestId('mandate-accept').getAttribute('aria-invalid')).toBe('true');
    await shoot(page, '12-bank-mandate-required.png');
    expect(await portalPaymentsOf(stack.db, invoice.id)).toEqual([]);

    await page.getByTestId('mandate-accept').check();
    await shoot(page, '13-bank-form-accepted.png');
    await page.getByTestId('pay-submit').click();
    const result = page.locator('[data-testid="payment-result"][data-status="pending"]');
    await result.waitFor();
    const paymentId = (await result.getAttribute('data-payment-id')) as string;
    paymentIdsByFlow.set('bank', paymentId);
    await shoot(page, '14-bank-payment-pending.png');

    const pending = await readPayment(stack.db, paymentId);
    expect(pending.status).toBe('pending');
    expect(pending.methodType).toBe('us_bank_account');
    const recorded = await findMandate(stack.db, pending.mandateId);
    expect(recorded?.kind).toBe('one_off');
    expect(recorded?.text).toBe(shownMandate);

    await page.getByRole('button', { name: 'Back to invoices' }).click();
    await invoiceRow(page, invoice).getByTestId('status-pending').waitFor();
    await shoot(page, '15-invoice-payment-pending.png');
    await openTab(page, 'Payments');
    const badge = paymentRow(page, paymentId).getByTestId('payment-status');
    expect(await badge.getAttribute('data-status')).toBe('pending');
    expect(await badge.textContent()).toContain('Pending');
    await shoot(page, '16-history-pending.png');
    const stillPending = await readInvoice(stack.db, invoice.id);
    expect(stillPending.status).toBe('open');
    expect(stillPending.amountPending).toBe(invoice.amountDue);

    await waitForHistoryStatus(page, paymentId, 'succeeded', SETTLE_TIMEOUT_MS);
    await shoot(page, '17-history-bank-succeeded.png');
    const after = await readInvoice(stack.db, invoice.id);
    expect(after.status).toBe('paid');
    expect(after.amountDue).toBe(0);
    expect(after.amountPending).toBe(0);
  });

  it('shows an R01 return while open', async () => {
    const invoice = invoiceAt(3);

    await openBillingPageAs(page, stack.siteUrl, customerId);
    // A reload would make a new window object and lose this mark.
    await page.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    await startPaying(page, invoice);
    await fillBankAccount(page, '000222222227');
    await page.getByTestId('mandate-accept').check();
    await page.getByTestId('pay-submit').click();

    const pending = page.locator('[data-testid="payment-result"][data-status="pending"]');
    await pending.waitFor();
    const paymentId = (await pending.getAttribute('data-payment-id')) as string;
    paymentIdsByFlow.set('returned', paymentId);
    await shoot(page, '18-bank-return-pending.png');

    const returned = page.locator('[data-testid="payment-result"][data-status="failed"]');
    await returned.waitFor({ timeout: SETTLE_TIMEOUT_MS });
    expect(await returned.getAttribute('data-payment-id')).toBe(paymentId);
    expect(await returned.getByRole('heading').textContent()).toContain(
      'Your bank returned the payment',
    );
    expect(await returned.getByTestId('result-body').textContent()).toContain(
      'insufficient funds (R01)',
    );
    expect(
      await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
    ).toBe(true);
    await shoot(page, '19-bank-returned-r01.png');

    const payment = await readPayment(stack.db, paymentId);
    expect(payment.status).toBe('failed');
    expect(payment.failureCode).toBe('R01');
    const after = await readInvoice(stack.db, invoice.id);
    expect(after.status).toBe('open');
    expect(after.amountDue).toBe(invoice.amountDue);
    expect(after.amountPending).toBe(0);

    await page.getByRole('button', { name: 'Back to invoices' }).click();
    const row = invoiceRow(page, invoice);
    await row.getByTestId('invoice-select').waitFor();
    expect(await row.getByTestId('status-pending').count()).toBe(0);
    await shoot(page, '20-invoice-open-again.png');
  });

  it('lists each payment with its status', async () => {
    await openTab(page, 'Payments');
    await page.getByTestId('payment-row').first().waitFor();
    await shoot(page, '21-history.png');

    const expected: Array<[string, string]> = [
      ['card', 'Succeeded'],
      ['declined', 'Failed: card declined'],
      ['3-D Secure', 'Succeeded'],
      ['bank', 'Succeeded'],
      ['returned', 'Failed: insufficient funds (R01)'],
    ];
    for (const [flow, status] of expected) {
      const paymentId = paymentIdsByFlow.get(flow);
      expect(paymentId, `payment of the ${flow} flow`).toBeDefined();
      const badge = paymentRow(page, paymentId as string).getByTestId('payment-status');
      expect((await badge.textContent())?.replace(/\s+/g, ' ').trim(), flow).toBe(status);
    }
  });
});
