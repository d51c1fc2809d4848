import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBillingPageAs, openTab, shoot, usd } from './support/billing-page.js';
import { type CustomerRun, startCustomerRun } from './support/customer-run.js';
import type { Stack } from './support/stack.js';
import { vendorCall } from './support/vendor-api.js';

/** The fields of the vendor API's objects that this file reads. */
interface Plan {
  id: string;
}

interface Subscription {
  id: string;
  status: string;
  plan: Plan;
  cancel_at_period_end: boolean;
  cancellation_reason: string | null;
  current_period_end: string;
  next_renewal: { at: string; amount: number } | null;
}

interface InvoiceBody {
  id: string;
  total: number;
  amount_due: number;
  lines: Array<{ amount: number }>;
}

/** Far longer than this file runs: it makes no bank debit that should settle. */
const ACH_DELAY_MS = 10 * 60_000;

let stack: Stack;
let page: Page;
let customerId: string;
let run: CustomerRun | undefined;
let team: Plan;
let business: Plan;
let subscription: Subscription;

/** Creates a plan through the vendor API and returns it. */
async function createPlan(name: string, unitAmount: number): Promise<Plan> {
  const response = await vendorCall<Plan>(stack, 'POST', '/v1/plans', {
    name,
    interval: 'month',
    currency: 'USD',
    unit_amount: unitAmount,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** Reads the subscription as the vendor API returns it now. */
async function vendorSubscription(id: string): Promise<Subscription> {
  const response = await vendorCall<Subscription>(stack, 'GET', `/v1/subscriptions/${id}`);
  expect(response.status).toBe(200);
  return response.body;
}

/** Formats a period boundary as the widget does in English: "Dec 30, 2013", read in UTC. */
function periodDate(instant: string): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(instant),
  );
}

/** Lists the customer's open invoices through the vendor API. */
async function openInvoices(): Promise<InvoiceBody[]> {
  const response = await vendorCall<{ data: InvoiceBody[] }>(
    stack,
    'GET',
    `/v1/invoices?customer=${customerId}&status=open&limit=100`,
  );
  expect(response.status).toBe(200);
  return response.body.data;
}

async function openInvoiceIds(): Promise<Set<string>> {
  return new Set((await openInvoices()).map((invoice) => invoice.id));
}

/** Returns the subscription's card in the Subscriptions tab. */
function subscriptionCard(id: string): Locator {
  return page.locator(`[data-testid="subscription"][data-subscription-id="${id}"]`);
}

/** Reads a shown amount such as "−$44.49" or "$106.77" as cents without a sign. */
function cents(shown: string | null): number {
  const digits = (shown ?? '').replace(/[^\d]/g, '');
  return Number(digits);
}

beforeAll(async () => {
  run = await startCustomerRun({ achDelayMs: ACH_DELAY_MS });
  ({ stack, page, customerId } = run);
  team = await createPlan('Team', 2500);
  business = await createPlan('Business', 6000);
  const created = await vendorCall<Subscription>(stack, 'POST', '/v1/subscriptions', {
    customer: customerId,
    plan: team.id,
    quantity: 2,
    // Two weeks into its first period on the API's today, so that the upgrade prorates a
    // part of the month rather than all of it.
    start_at: '2013-11-16T00:00:00.000Z',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  subscription = created.body;
});

afterAll(async () => {
  await run?.close();
});

describe('subscriptions in the portal', () => {
  it('shows plan and renewal', async () => {
    await openBillingPageAs(page, stack.siteUrl, customerId);
    await openTab(page, 'Subscriptions');
    const card = subscriptionCard(subscription.id);
    await card.waitFor();
    await shoot(page, '60-subscriptions.png');

    expect((await card.locator('h3').textContent())?.trim()).toBe('Team');
    expect(await card.getByTestId('subscription-status').getAttribute('data-status')).toBe(
      'active',
    );
    expect((await card.getByTestId('subscription-quantity').textContent())?.trim()).toBe('2');
    const renewal = subscription.next_renewal;
    expect(renewal?.amount).toBe(5000);
    expect((await card.getByTestId('next-renewal').textContent())?.trim()).toBe(
      `${usd(5000)} on ${periodDate(renewal?.at ?? '')}`,
    );
  });

  it('upgrades with the previewed invoice', async () => {
    const card = subscriptionCard(subscription.id);
    await card.getByTestId('change-plan').click();
    await card.locator(`[data-plan-id="${business.id}"] [data-testid="plan-choice"]`).check();
    await card.getByTestId('change-review').click();
    const preview = card.getByTestId('change-preview');
    await preview.waitFor();
    await shoot(page, '61-subscription-preview.png');

    expect(await preview.getAttribute('data-effective')).toBe('now');
    const shownLines = await preview.getByTestId('preview-line').locator('td').allTextContents();
    const shownNet = Number(await preview.getByTestId('preview-net').getAttribute('data-net'));
    const [credit, charge] = shownLines.map(cents);
    expect(shownNet).toBe((charge ?? 0) - (credit ?? 0));
    expect(shownNet).toBeGreaterThan(0);

    const openBefore = await openInvoiceIds();
    await card.getByTestId('change-confirm').click();
    await card.getByTestId('subscription-notice').waitFor();
    expect((await card.getByTestId('subscription-notice').textContent())?.trim()).toBe(
      `Your plan changed. ${usd(shownNet)} is due on a new invoice.`,
    );

    const changed = await vendorSubscription(subscription.id);
    expect(changed.plan.id).toBe(business.id);
    // The change invoices the charge line, and a credit note of the credit line pays part
    // of it, so what is left due is the preview's net.
    const issued = (await openInvoices()).filter((invoice) => !openBefore.has(invoice.id));
    expect(issued).toHaveLength(1);
    const upgrade = await vendorCall<InvoiceBody>(stack, 'GET', `/v1/invoices/${issued[0]?.id}`);
    expect(upgrade.body.lines.map((line) => line.amount)).toEqual([charge]);
    expect(upgrade.body.total).toBe(charge);
    expect(upgrade.body.amount_due).toBe(shownNet);
  });

  it('cancels at period end, then resumes', async () => {
    const card = subscriptionCard(subscription.id);
    await card.getByTestId('cancel-subscription').click();
    const reason = card.getByTestId('cancel-reason');
    await reason.waitFor();
    const firstReason = (await reason.locator('option').nth(1).getAttribute('value')) ?? '';
    await reason.selectOption(firstReason);
    await card.getByTestId('cancel-continue').click();
    await card.getByTestId('cancel-question').waitFor();
    await shoot(page, '62-subscription-cancel.png');
    await card.getByTestId('cancel-confirm').click();
    await card.getByTestId('subscription-ending').waitFor();

    const ending = await vendorSubscription(subscription.id);
    expect(ending.status).toBe('active');
    expect(ending.cancel_at_period_end).toBe(true);
    expect(ending.cancellation_reason).toBe(firstReason);
    expect((await card.getByTestId('subscription-ending').textContent())?.trim()).toContain(
      `Ends on ${periodDate(ending.current_period_end)}.`,
    );

    await card.getByTestId('resume-subscription').click();
    await card.getByTestId('next-renewal').waitFor();
    const resumed = await vendorSubscription(subscription.id);
    expect(resumed.cancel_at_period_end).toBe(false);
    expect(resumed.next_renewal?.amount).toBe(12_000);
    expect((await card.getByTestId('next-renewal').textContent())?.trim()).toBe(
      `${usd(12_000)} on ${periodDate(resumed.current_period_end)}`,
    );
  });
});
