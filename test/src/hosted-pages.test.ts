import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  clockStartingAt,
  createVendor,
  loadConfig,
  type OpenDatabase,
  openDatabase,
  type RunningServer,
  startServer,
} from '@duly/api';
import { createTestDatabase, type TestDatabase } from '@duly/api/testing';
import { createDulyServer, type DulyServer } from '@duly/sdk/server';
import type { Browser, BrowserContext, ConsoleMessage, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCard, shoot } from './support/billing-page.js';
import { launchChromium } from './support/browser.js';

// Ports of this file: the API, a vendor site that may frame the pages, and a stranger's.
const API_PORT = 4540;
const VENDOR_SITE_PORT = 4542;
const STRANGER_SITE_PORT = 4543;
const VENDOR_SITE = `http://127.0.0.1:${VENDOR_SITE_PORT}`;
const STRANGER_SITE = `http://127.0.0.1:${STRANGER_SITE_PORT}`;

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 860 };

let database: TestDatabase;
let opened: OpenDatabase;
let api: RunningServer;
let sites: Server[] = [];
let browser: Browser;
let secretKey: string;
/** The vendor's server SDK, which makes and revokes the pay links. */
let duly: DulyServer;

/** Every CSP violation and console line of one page, which the tests read. */
interface PageLog {
  violations: string[];
  console: string[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: String(API_PORT),
    LOG_LEVEL: 'warn',
  });
  opened = await openDatabase(config, { max: 4 });
  api = await startServer(config);
  const vendor = await createVendor(opened.db, clockStartingAt(new Date()), {
    name: 'Harbor Tools & Supply',
    allowedOrigins: [VENDOR_SITE],
    logoUrl: `${VENDOR_SITE}/logo.svg`,
    primaryColor: '#0f766e',
  });
  secretKey = vendor.secret_key;
  duly = createDulyServer({ secretKey, api: api.url });
  sites = [await startSite(VENDOR_SITE_PORT), await startSite(STRANGER_SITE_PORT)];
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const site of sites) await closeServer(site);
  await api?.close();
  await opened?.close();
  await database?.drop();
});

/**
 * Starts a site on its own origin that serves a logo and `/frame?src=...`, a page that
 * frames `src`. The vendor allows one such origin, and the other is a stranger's site.
 */
async function startSite(port: number): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/logo.svg') {
      response.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      response.end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f766e"/><path d="M9 23V9h4v5h6V9h4v14h-4v-5h-6v5z" fill="#fff"/></svg>',
      );
      return;
    }
    const src = url.searchParams.get('src') ?? '';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>Billing</title><h1>Billing</h1><iframe id="pay" title="Pay" src="${src.replaceAll('"', '&quot;')}" width="420" height="700"></iframe>`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function vendorCall<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${secretKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface Link {
  id: string;
  url: string;
  invoiceId: string;
  invoiceNumber: string;
}

/** Creates a customer, an open invoice of `total` cents and a pay link for it. */
async function invoiceWithLink(
  total: number,
  linkFields: { expires_in?: number; max_uses?: number } = {},
): Promise<Link> {
  const customer = await vendorCall<{ id: string }>('POST', '/v1/customers', {
    name: 'Bayside Marine Repair',
    email: 'ap@bayside.example',
  });
  const number = `HB-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const invoice = await vendorCall<{ id: string }>('POST', '/v1/invoices', {
    customer: customer.body.id,
    number,
    currency: 'USD',
    issue_date: '2026-11-01',
    due_date: '2026-12-01',
    lines: [{ description: 'Hydraulic hose, 10 m', quantity: 2, unit_amount: total / 2 }],
  });
  const link = await duly.payLinks.create({ invoice: invoice.body.id, ...linkFields });
  expect(link.url).toMatch(/\/pay\/plt_/);
  return { id: link.id, url: link.url ?? '', invoiceId: invoice.body.id, invoiceNumber: number };
}

/** Opens a page that records CSP violations (from the event and from the console). */
async function openPage(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; page: Page; log: PageLog }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const log: PageLog = { violations: [], console: [] };
  await page.exposeFunction('reportViolation', (text: string) => log.violations.push(text));
  // Playwright evaluates this through DevTools, so the page's CSP does not block it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void })
        .reportViolation;
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message: ConsoleMessage) => log.console.push(message.text()));
  return { context, page, log };
}

function cspConsoleLines(log: PageLog): string[] {
  return log.console.filter((line) => line.includes('Content Security Policy'));
}

async function invoiceStatus(invoiceId: string): Promise<string> {
  const invoice = await vendorCall<{ status: string }>('GET', `/v1/invoices/${invoiceId}`);
  return invoice.body.status;
}

describe('hosted pay page', () => {
  it('pays the invoice end to end', async () => {
    const link = await invoiceWithLink(48_600);
    const { context, page, log } = await openPage(PHONE);
    try {
      const response = await page.goto(link.url);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      await page.getByTestId('pay-submit').waitFor();
      await expect
        .poll(() => page.locator('header .vendor-name').textContent())
        .toBe('Harbor Tools & Supply');
      await shoot(page, 'hosted-01-pay-phone.png');

      await fillCard(page, '4242 4242 4242 4242');
      await page.getByTestId('pay-submit').click();
      const receipt = page.getByTestId('receipt-title');
      await receipt.waitFor();
      await shoot(page, 'hosted-02-receipt-phone.png');

      expect(await invoiceStatus(link.invoiceId)).toBe('paid');
      // Playwright's CSS locators reach into the widget's open shadow roots.
      const receiptText = await page.locator('duly-receipt [part="receipt"]').textContent();
      expect(receiptText).toContain(link.invoiceNumber);
      expect(receiptText).toContain('$486.00');
      expect(log.violations).toEqual([]);
      expect(cspConsoleLines(log)).toEqual([]);
      // The page fits a phone: nothing wider than the viewport.
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await context.close();
    }
  });

  it('shows the receipt for a paid invoice', async () => {
    const link = await invoiceWithLink(12_000);
    const first = await openPage(DESKTOP);
    try {
      await first.page.goto(link.url);
      await fillCard(first.page, '4242 4242 4242 4242');
      await first.page.getByTestId('pay-submit').click();
      await first.page.getByTestId('receipt-title').waitFor();
    } finally {
      await first.context.close();
    }

    const { context, page, log } = await openPage(DESKTOP);
    try {
      await page.goto(link.url);
      await page.getByTestId('receipt-title').waitFor();
      await shoot(page, 'hosted-03-paid-desktop.png');
      expect(await page.getByTestId('pay-submit').count()).toBe(0);
      expect(log.violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a 320 px screen', async () => {
    const link = await invoiceWithLink(123_456_700);
    const { context, page, log } = await openPage({ width: 320, height: 640 });
    try {
      await page.goto(link.url);
      await page.getByTestId('pay-submit').waitFor();
      await shoot(page, 'hosted-08-pay-320.png');
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(320);
      expect(log.violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('looks right on a desktop', async () => {
    const link = await invoiceWithLink(7_450);
    const { context, page, log } = await openPage(DESKTOP);
    try {
      await page.goto(link.url);
      await page.getByTestId('pay-submit').waitFor();
      await shoot(page, 'hosted-04-pay-desktop.png');
      const logo = page.locator('header img.logo');
      expect(await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(
        0,
      );
      expect(log.violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('hosted page in a frame', () => {
  /** Waits for the frame's load and returns it, or undefined when it has none. */
  async function framedPage(page: Page): Promise<Frame | undefined> {
    const element = await page.waitForSelector('#pay');
    return (await element.contentFrame()) ?? undefined;
  }

  it('renders inside the vendor site', async () => {
    const link = await invoiceWithLink(3_300);
    const { context, page, log } = await openPage(DESKTOP);
    try {
      await page.goto(`${VENDOR_SITE}/frame?src=${encodeURIComponent(link.url)}`);
      const frame = await framedPage(page);
      await frame?.getByTestId('pay-submit').waitFor();
      expect(frame?.url()).toBe(link.url);
      expect(cspConsoleLines(log)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('blocks a frame from another origin', async () => {
    const link = await invoiceWithLink(3_300);
    const { context, page, log } = await openPage(DESKTOP);
    try {
      await page.goto(`${STRANGER_SITE}/frame?src=${encodeURIComponent(link.url)}`);
      await expect
        .poll(() => log.console.some((line) => line.includes('frame-ancestors')), {
          timeout: 10_000,
        })
        .toBe(true);
      const frame = await framedPage(page);
      expect(await frame?.locator('duly-hosted-pay').count()).toBe(0);
      expect(frame?.url()).not.toBe(link.url);
      const refusal = log.console.find((line) => line.includes('frame-ancestors'));
      expect(refusal).toContain(VENDOR_SITE);
      expect((await duly.payLinks.retrieve(link.id)).use_count).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('links that no longer work', () => {
  async function problemOf(
    url: string,
  ): Promise<{ status: number; problem: string | null; title: string }> {
    const { context, page, log } = await openPage(PHONE);
    try {
      const response = await page.goto(url);
      const section = page.locator('[data-problem]');
      const result = {
        status: response?.status() ?? 0,
        problem: await section.getAttribute('data-problem'),
        title: (await section.locator('h1').textContent()) ?? '',
      };
      expect(log.violations).toEqual([]);
      return result;
    } finally {
      await context.close();
    }
  }

  it('shows a revoked link', async () => {
    const link = await invoiceWithLink(2_000);
    await duly.payLinks.revoke(link.id);

    const shown = await problemOf(link.url);
    expect(shown).toEqual({
      status: 410,
      problem: 'pay_link_revoked',
      title: 'This payment link was cancelled',
    });
  });

  it('shows a used-up link', async () => {
    const link = await invoiceWithLink(2_000, { max_uses: 1 });
    const first = await openPage(PHONE);
    try {
      await first.page.goto(link.url);
      await first.page.getByTestId('pay-submit').waitFor();
    } finally {
      await first.context.close();
    }

    const shown = await problemOf(link.url);
    expect(shown.status).toBe(410);
    expect(shown.problem).toBe('pay_link_used_up');
  });

  it('shows an expired link', async () => {
    const link = await invoiceWithLink(2_000, { expires_in: 60 });
    // The server's clock runs in real time, so the link's expiry is moved into the past
    // rather than waiting a minute.
    await opened.db
      .updateTable('pay_link')
      .set({ expires_at: new Date(Date.now() - 1_000) })
      .where('id', '=', link.id)
      .execute();

    const shown = await problemOf(link.url);
    expect(shown.status).toBe(410);
    expect(shown.problem).toBe('pay_link_expired');
    expect(shown.title).toBe('This payment link has expired');
  });

  it('rejects a link revoked mid-payment', async () => {
    const link = await invoiceWithLink(5_500);
    const { context, page } = await openPage(PHONE);
    try {
      await page.goto(link.url);
      await page.getByTestId('pay-submit').waitFor();
      await fillCard(page, '4242 4242 4242 4242');

      const revoked = await duly.payLinks.revoke(link.id);
      expect(revoked.status).toBe('revoked');
      await page.getByTestId('pay-submit').click();

      const problem = page.locator('duly-hosted-pay [part="problem"]');
      await problem.waitFor();
      expect(await problem.getAttribute('data-code')).toBe('pay_link_revoked');
      expect(await problem.locator('h2').textContent()).toBe('This payment link was cancelled');
      await shoot(page, 'hosted-05-revoked-mid-payment.png');
      expect(await invoiceStatus(link.invoiceId)).toBe('open');
      const payments = await opened.db
        .selectFrom('payment_application')
        .select('payment_id')
        .where('invoice_id', '=', link.invoiceId)
        .execute();
      expect(payments).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('hosted portal page', () => {
  it('shows the portal under its policy', async () => {
    const customer = await vendorCall<{ id: string }>('POST', '/v1/customers', {
      name: 'Northwind Fabrication',
    });
    await vendorCall('POST', '/v1/invoices', {
      customer: customer.body.id,
      number: `NW-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      currency: 'USD',
      issue_date: '2026-11-01',
      due_date: '2026-12-01',
      lines: [{ description: 'Laser cutting', quantity: 1, unit_amount: 91_000 }],
    });
    const session = await vendorCall<{ token: string }>('POST', '/v1/portal_sessions', {
      customer: customer.body.id,
    });
    const { context, page, log } = await openPage(PHONE);
    try {
      await page.goto(`${api.url}/portal/${session.body.token}`);
      await page.getByTestId('invoice-row').first().waitFor();
      await shoot(page, 'hosted-06-portal-phone.png');
      await page.setViewportSize(DESKTOP);
      await shoot(page, 'hosted-07-portal-desktop.png');
      expect(await page.getByTestId('invoice-row').count()).toBe(1);
      expect(log.violations).toEqual([]);
      expect(cspConsoleLines(log)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
