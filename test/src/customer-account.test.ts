import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fillBankAccount,
  fillCard,
  openBillingPageAs,
  openTab,
  paymentRow,
  SCREENSHOTS,
  shoot,
  startPaying,
  usd,
} from './support/billing-page.js';
import { type CustomerRun, startCustomerRun } from './support/customer-run.js';
import {
  findAutopay,
  findMandate,
  type InvoiceState,
  portalPaymentsOf,
  readInvoice,
  readPayment,
  savedMethodsOf,
} from './support/ledger-queries.js';
import type { Stack } from './support/stack.js';
import { refundPayment } from './support/vendor-api.js';

/** Far longer than this file runs, so its bank payment stays pending throughout. */
const ACH_DELAY_MS = 10 * 60_000;

let stack: Stack;
let page: Page;
let customerId: string;
let invoiceAt: (index: number) => InvoiceState;
let run: CustomerRun | undefined;
/** Ids of the payments the history test makes, by kind of payment. */
const paymentIds = new Map<string, string>();

beforeAll(async () => {
  run = await startCustomerRun({ achDelayMs: ACH_DELAY_MS });
  ({ stack, page, customerId, invoiceAt } = run);
});

afterAll(async () => {
  await run?.close();
});

function paymentIdOf(name: string): string {
  const id = paymentIds.get(name);
  if (id === undefined) throw new Error(`The history test made no ${name} payment.`);
  return id;
}

/** Returns the status badge's text of one payment in the open Payments tab, spaces collapsed. */
async function historyStatus(paymentId: string): Promise<string | undefined> {
  const text = await paymentRow(page, paymentId).getByTestId('payment-status').textContent();
  return text?.replace(/\s+/g, ' ').trim();
}

describe('payment history', () => {
  it('shows succeeded, declined and pending payments', async () => {
    await openBillingPageAs(page, stack.siteUrl, customerId);

    await startPaying(page, invoiceAt(0));
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByTestId('pay-submit').click();
    const paid = page.locator('[data-testid="payment-result"][data-status="succeeded"]');
    await paid.waitFor();
    paymentIds.set('card', (await paid.getAttribute('data-payment-id')) as string);
    await page.getByRole('button', { name: 'Back to invoices' }).click();

    await startPaying(page, invoiceAt(1));
    await fillCard(page, '4000 0000 0000 0002');
    await page.getByTestId('pay-submit').click();
    await page.locator('[data-testid="payment-error"][data-code="card_declined"]').waitFor();
    const [declined] = await portalPaymentsOf(stack.db, invoiceAt(1).id);
    paymentIds.set('declined', declined?.id as string);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await startPaying(page, invoiceAt(2));
    await fillBankAccount(page, '000123456789');
    await page.getByTestId('mandate-accept').check();
    await page.getByTestId('pay-submit').click();
    const pending = page.locator('[data-testid="payment-result"][data-status="pending"]');
    await pending.waitFor();
    paymentIds.set('bank', (await pending.getAttribute('data-payment-id')) as string);

    await openTab(page, 'Payments');
    await paymentRow(page, paymentIdOf('bank')).waitFor();
    await shoot(page, '31-history-three-payments.png');

    expect(await historyStatus(paymentIdOf('card'))).toBe('Succeeded');
    expect(await historyStatus(paymentIdOf('declined'))).toBe('Failed: card declined');
    expect(await historyStatus(paymentIdOf('bank'))).toBe('Pending');
    expect((await readPayment(stack.db, paymentIdOf('bank'))).status).toBe('pending');
  });

  it('shows a partial vendor refund', async () => {
    const paymentId = paymentIdOf('card');
    const invoice = invoiceAt(0);
    const key = randomUUID();

    const refund = await refundPayment(stack, paymentId, { amount: 2_000 }, key);
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({ object: 'refund', amount: 2_000, status: 'succeeded' });
    const replay = await refundPayment(stack, paymentId, { amount: 2_000 }, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(refund.body.id);

    const payment = await readPayment(stack.db, paymentId);
    expect(payment.status).toBe('succeeded');
    expect(payment.amountRefunded).toBe(2_000);
    const reopened = await readInvoice(stack.db, invoice.id);
    expect(reopened.status).toBe('open');
    expect(reopened.amountDue).toBe(2_000);

    await openTab(page, 'Invoices');
    await openTab(page, 'Payments');
    await paymentRow(page, paymentId).waitFor();
    expect(await historyStatus(paymentId)).toBe(`Partly refunded · ${usd(2_000)} refunded`);
    await shoot(page, '32-history-partly-refunded.png');
  });

  it('downloads the receipt as PDF', async () => {
    const paymentId = paymentIdOf('card');
    const invoice = invoiceAt(0);

    await paymentRow(page, paymentId).getByTestId('open-receipt').click();
    const title = page.getByTestId('receipt-title');
    await title.waitFor();
    expect(await title.textContent()).toContain('Receipt');
    expect(await page.getByTestId('receipt-total').textContent()).toBe(usd(invoice.total));
    expect(await page.getByTestId('receipt-refunded').textContent()).toContain(usd(2_000));
    const vendorAddress = await page.locator('duly-receipt address').textContent();
    expect(vendorAddress).toContain('400 Harbor Way');
    expect(vendorAddress).toContain('billing@harbor-office.example');
    await shoot(page, '33-receipt.png');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-receipt').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^receipt-.+\.pdf$/);
    await download.saveAs(path.join(SCREENSHOTS, '33-receipt.pdf'));
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toContain(usd(invoice.total));
    expect(text).toContain(invoice.number);
    expect(text).toContain('400 Harbor Way');
    expect(text).toContain('Refunded');
  });

  it('shows a full refund', async () => {
    const paymentId = paymentIdOf('card');
    const invoice = invoiceAt(0);

    const rest = await refundPayment(stack, paymentId, {}, randomUUID());
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ amount: invoice.total - 2_000, status: 'succeeded' });

    const payment = await readPayment(stack.db, paymentId);
    expect(payment.status).toBe('refunded');
    expect(payment.amountRefunded).toBe(invoice.total);
    const reopened = await readInvoice(stack.db, invoice.id);
    expect(reopened.status).toBe('open');
    expect(reopened.amountDue).toBe(invoice.total);

    await openTab(page, 'Invoices');
    await openTab(page, 'Payments');
    await paymentRow(page, paymentId).waitFor();
    expect(await historyStatus(paymentId)).toBe('Refunded');
    expect(await historyStatus(paymentIdOf('declined'))).toBe('Failed: card declined');
    expect(await historyStatus(paymentIdOf('bank'))).toBe('Pending');
    await shoot(page, '34-history-refunded.png');
  });
});

describe('saved payment methods', () => {
  it('saves, defaults and removes cards', async () => {
    await openTab(page, 'Payment methods');
    await page.getByText('No saved payment methods').waitFor();
    await shoot(page, '35-methods-empty.png');

    for (const number of ['4242 4242 4242 4242', '5555 5555 5555 4444']) {
      const rows = await page.getByTestId('method-row').count();
      await page.getByTestId('add-card').click();
      await fillCard(page, number);
      if (rows === 0) await shoot(page, '36-methods-add-card.png');
      await page.getByTestId('save-new-method').click();
      await page.getByTestId('method-row').nth(rows).waitFor();
    }
    await shoot(page, '37-methods-two-cards.png');

    const [visa, mastercard] = await savedMethodsOf(stack.db, customerId);
    expect(visa).toMatchObject({ last4: '4242', brand: 'visa', isDefault: true });
    expect(mastercard).toMatchObject({ last4: '4444', brand: 'mastercard', isDefault: false });
    const visaRow = page.locator(`[data-method-id="${visa?.id}"]`);
    const mastercardRow = page.locator(`[data-method-id="${mastercard?.id}"]`);
    expect(await visaRow.getAttribute('data-default')).toBe('true');

    await mastercardRow.getByTestId('make-default').click();
    await page.locator(`[data-method-id="${mastercard?.id}"][data-default="true"]`).waitFor();
    expect(await visaRow.getAttribute('data-default')).toBe('false');
    await shoot(page, '38-methods-default-moved.png');
    expect((await savedMethodsOf(stack.db, customerId)).map((method) => method.isDefault)).toEqual([
      false,
      true,
    ]);

    await visaRow.getByTestId('remove-method').click();
    await visaRow.getByTestId('confirm-remove').waitFor();
    await shoot(page, '39-methods-confirm-remove.png');
    await visaRow.getByTestId('confirm-remove').click();
    await visaRow.waitFor({ state: 'detached' });
    await shoot(page, '40-methods-one-card.png');

    const left = await savedMethodsOf(stack.db, customerId);
    expect(left.map((method) => method.id)).toEqual([mastercard?.id]);
  });

  it('turns autopay on and off', async () => {
    const [mastercard] = await savedMethodsOf(stack.db, customerId);
    await openTab(page, 'Autopay');
    const status = page.getByTestId('autopay-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('off');
    expect(await page.getByTestId('autopay-method').inputValue()).toBe(mastercard?.id);
    const shownMandate = (await page.getByTestId('autopay-mandate-text').textContent())?.trim();
    expect(shownMandate).toContain('Harbor Office Supply');

    await page.getByTestId('autopay-on').click();
    const mandateError = page.locator('#autopay-mandate-error');
    await mandateError.waitFor();
    expect(await mandateError.textContent()).toContain(
      'Accept the authorization to turn on autopay.',
    );
    await shoot(page, '41-autopay-mandate-required.png');
    expect(await findAutopay(stack.db, customerId)).toBeUndefined();

    await page.getByTestId('autopay-accept').check();
    await page.getByTestId('autopay-on').click();
    await page.locator('[data-testid="autopay-status"][data-status="active"]').waitFor();
    expect(await page.getByTestId('autopay-summary').textContent()).toContain(
      'Mastercard ending in 4444',
    );
    await shoot(page, '42-autopay-on.png');

    const active = await findAutopay(stack.db, customerId);
    expect(active?.status).toBe('active');
    expect(active?.payment_method_id).toBe(mastercard?.id);
    const mandate = await findMandate(stack.db, active?.mandate_id ?? null);
    expect(mandate?.kind).toBe('autopay');
    expect(mandate?.text).toBe(shownMandate);

    await openTab(page, 'Payment methods');
    const row = page.locator(`[data-method-id="${mastercard?.id}"]`);
    await row.getByTestId('remove-method').click();
    await row.getByTestId('confirm-remove').click();
    const notice = page.getByTestId('methods-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Autopay uses this method');
    await shoot(page, '43-methods-in-use-by-autopay.png');
    expect(await savedMethodsOf(stack.db, customerId)).toHaveLength(1);

    await openTab(page, 'Autopay');
    await page.getByTestId('autopay-off').click();
    await page.locator('[data-testid="autopay-status"][data-status="off"]').waitFor();
    await shoot(page, '44-autopay-off.png');
    expect((await findAutopay(stack.db, customerId))?.status).toBe('off');
    // None of the open invoices falls due from the day autopay was on until today.
    const autopayCharges = await stack.db
      .selectFrom('payment')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('source', '=', 'autopay')
      .execute();
    expect(autopayCharges).toEqual([]);
  });
});
