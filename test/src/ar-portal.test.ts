import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceRow, openBillingPageAs, openTab, shoot, usd } from './support/billing-page.js';
import { type CustomerRun, startCustomerRun } from './support/customer-run.js';
import type { InvoiceState } from './support/ledger-queries.js';
import type { Stack } from './support/stack.js';
import { vendorCall } from './support/vendor-api.js';

/** Far longer than this file runs: it makes no bank debit that should settle. */
const ACH_DELAY_MS = 10 * 60_000;

let stack: Stack;
let page: Page;
let customerId: string;
let invoiceAt: (index: number) => InvoiceState;
let run: CustomerRun | undefined;

beforeAll(async () => {
  run = await startCustomerRun({ achDelayMs: ACH_DELAY_MS });
  ({ stack, page, customerId, invoiceAt } = run);
});

afterAll(async () => {
  await run?.close();
});

interface StatementBody {
  as_of: string;
  sections: Array<{
    currency: string;
    aging: Record<string, number>;
    invoices_total: number;
    balance: number;
    invoices: Array<{ number: string; bucket: string; amount_open: number }>;
  }>;
}

describe('the statement of account in the widget', () => {
  it('shows the aging of the vendor API', async () => {
    const statement = await vendorCall<StatementBody>(
      stack,
      'GET',
      `/v1/customers/${customerId}/statement`,
    );
    expect(statement.status).toBe(200);
    const usdSection = statement.body.sections.find((section) => section.currency === 'USD');
    expect(usdSection?.invoices.length).toBeGreaterThanOrEqual(2);

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await openTab(page, 'Statement');
    const section = page.locator('[data-testid="statement-section"][data-currency="USD"]');
    await section.waitFor();
    await shoot(page, '40-statement.png');

    for (const [bucket, amount] of Object.entries(usdSection?.aging ?? {})) {
      const shown = await section.locator(`[data-bucket="${bucket}"] dd`).first().textContent();
      expect(shown?.trim(), `bucket ${bucket}`).toBe(usd(amount));
    }
    expect((await section.getByTestId('balance').textContent())?.trim()).toBe(
      usd(usdSection?.balance ?? -1),
    );
    const rows = section.getByTestId('statement-invoice');
    expect(await rows.count()).toBe(usdSection?.invoices.length);
  });
});

describe('a dispute from the invoice page', () => {
  it('marks the invoice disputed until resolved', async () => {
    const invoice = invoiceAt(0);
    await openBillingPageAs(page, stack.siteUrl, customerId);
    await invoiceRow(page, invoice)
      .getByRole('button', { name: new RegExp(invoice.number) })
      .click();
    await page.getByTestId('dispute-invoice').click();
    await page.getByTestId('dispute-reason').selectOption('incorrect_amount');
    await page.getByTestId('thread-message').fill('We were billed for 12 seats; we have 10.');
    await shoot(page, '41-dispute-form.png');
    await page.getByTestId('thread-send').click();
    const thread = page.getByTestId('thread').first();
    await thread.waitFor();
    expect(await thread.getAttribute('data-status')).toBe('open');
    expect((await thread.getByTestId('thread-status').textContent())?.trim()).toBe(
      'Waiting for an answer',
    );

    const threads = await vendorCall<{ data: Array<{ id: string; kind: string }> }>(
      stack,
      'GET',
      `/v1/threads?invoice=${invoice.id}&kind=dispute&status=open`,
    );
    const dispute = threads.body.data[0];
    expect(dispute?.kind).toBe('dispute');
    expect(await disputed(invoice.id)).toBe(true);

    const answered = await vendorCall(stack, 'POST', `/v1/threads/${dispute?.id}/messages`, {
      message: 'Checking the seat count with our team.',
    });
    expect(answered.status).toBe(200);
    const resolved = await vendorCall(stack, 'POST', `/v1/threads/${dispute?.id}/resolve`, {
      resolution: 'Two seats credited; a credit note follows.',
    });
    expect(resolved.status).toBe(200);
    expect(await disputed(invoice.id)).toBe(false);

    await openBillingPageAs(page, stack.siteUrl, customerId);
    await invoiceRow(page, invoice)
      .getByRole('button', { name: new RegExp(invoice.number) })
      .click();
    const closed = page.getByTestId('thread').first();
    await closed.getByTestId('resolution').waitFor();
    expect(await closed.getByTestId('resolution').textContent()).toContain(
      'Two seats credited; a credit note follows.',
    );
    expect(await closed.textContent()).toContain('Checking the seat count with our team.');
    await shoot(page, '42-dispute-resolved.png');
  });
});

describe('a portal session with some features turned off', () => {
  it('hides and rejects features turned off', async () => {
    // The example site passes `features` on to the portal session it makes.
    await page.goto(`${stack.siteUrl}/?customer=${customerId}&features=pay,disputes`);
    await page.getByTestId('invoice-row').first().waitFor();
    await shoot(page, '43-limited-portal.png');
    const token = await page.locator('duly-portal').getAttribute('session');

    const tabs = (await page.getByRole('tab').allTextContents()).map((text) => text.trim());
    expect(tabs).toContain('Invoices');
    expect(tabs).toContain('Payments');
    for (const hidden of ['Statement', 'Autopay', 'Payment methods', 'Account']) {
      expect(tabs).not.toContain(hidden);
    }

    const refused = await fetch(`${stack.apiUrl}/v1/portal/statement`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('feature_disabled');
  });
});

async function disputed(invoiceId: string): Promise<boolean> {
  const row = await stack.db
    .selectFrom('invoice')
    .select('disputed')
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  return row.disputed;
}
